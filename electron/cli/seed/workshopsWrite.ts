import { sql, type Insertable, type Kysely } from 'kysely';
import { defaultEmploymentSettings } from '../../../shared/domain/employmentSettings';
import { workStatusOfSpell } from '../../../shared/domain/employment';
import type { WorkshopForm, WorkshopType } from '../../../shared/domain/workshops';
import { addMonths, ageOn } from '../../../shared/lib/dates';
import type { DB, EmploymentSpellTable } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// 就业帮扶车间 for the example data and the bench (issue 12 item 5): about one workshop for every
// other village, each recognised a year or more before `asOf`, checked last quarter, with its
// staff as job spells (channel 就业帮扶车间, 县内, the workshop as employer). Staff sizes and
// wages straddle the reward tiers of the settings (5–9 / 10–19 / 20+ people at ≥ 1,000 元 for ≥ 6
// months), so the 帮扶车间台账 shows every tier and some who do not count. Staff are labour-age
// members of active households (mostly 脱贫户) who have no open spell yet; their 务工状况 follows the spell.

const products = ['竹编工艺品', '服装加工', '电子元件组装', '食用菌种植', '茶叶初制', '鞋帽加工'] as const;
const forms: readonly WorkshopForm[] = ['villageLed', 'cooperative', 'enterprise', 'leadingEnterprise'];
const kinds: readonly WorkshopType[] = ['factory', 'home', 'farming', 'trade', 'tourism'];
const jobs = ['普工', '质检员', '包装工', '缝纫工', '种植工'] as const;

export async function writeWorkshops(db: Kysely<DB>, options: { seed: number; asOf: string; now: Date }): Promise<{ workshops: number; staff: number }> {
  const rng = createRng(options.seed * 53 + 5);
  const at = options.now.toISOString();
  const office = await db.selectFrom('office').select(['township_code', 'county_name', 'township_name']).executeTakeFirstOrThrow();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirstOrThrow();
  const meta = () => ({ id: uuidv7(), office_code: office.township_code, created_at: at, updated_at: at, updated_by: admin.id, deleted_at: null, delete_reason: null });
  const ages = defaultEmploymentSettings(Number(options.asOf.slice(0, 4)));
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('code').execute();
  let workshops = 0;
  let staff = 0;
  await db.transaction().execute(async (tx) => {
    for (const [vi, v] of villages.entries()) {
      if (vi % 2 === 1) continue;
      const people = (
        await tx
          .selectFrom('members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .select(['m.id', 'm.household_id', 'm.birth_date', 'm.sex', 'h.kind'])
          .where('h.village_id', '=', v.id)
          .where('h.status', '=', 'active')
          .where('m.status', '=', 'current')
          .where('m.deleted_at', 'is', null)
          .where('m.labor', 'not in', ['lost', 'none'])
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('employment_spells as s').select(sql<number>`1`.as('one')).whereRef('s.member_id', '=', 'm.id').where('s.deleted_at', 'is', null).where('s.end_date', 'is', null))),
          )
          .orderBy('h.household_code')
          .orderBy('m.id')
          .execute()
      ).filter((p) => {
        const age = ageOn(p.birth_date, options.asOf);
        return age >= ages.minAge && age <= (p.sex === 'male' ? ages.maxAgeMale : ages.maxAgeFemale);
      });
      // 3–27 people: below, inside and above the reward tiers. The reward counts 脱贫 people, so
      // most staff come from 脱贫户 and every sixth from another household (listed, not counted).
      const size = Math.min(people.length, [3, 7, 12, 24][workshops % 4]! + Math.floor(rng() * 4));
      if (size === 0) continue;
      const exited = people.filter((p) => p.kind === 'povertyExited');
      const others = people.filter((p) => p.kind !== 'povertyExited');
      const chosen = Array.from({ length: size }, (_, i) => (i % 6 === 5 ? (others.shift() ?? exited.shift()) : (exited.shift() ?? others.shift()))!);
      workshops += 1;
      const product = products[workshops % products.length]!;
      const recognized = addMonths(options.asOf, -(12 + Math.floor(rng() * 24)));
      const w = {
        ...meta(),
        version: 1,
        name: `${v.name}${product}帮扶车间`,
        credit_code: `9235${String(workshops).padStart(4, '0')}MA${String(1_000_000_000 + workshops * 7919).slice(-8)}`,
        form: forms[workshops % forms.length]!,
        kind: kinds[workshops % kinds.length]!,
        village_id: v.id,
        legal_person: null,
        products: product,
        recognition_no: `明人社〔${recognized.slice(0, 4)}〕${10 + workshops}号`,
        recognized_on: recognized,
        insurer: '中国人寿',
        insurance_fen: 1_000,
        insurance_until: `${options.asOf.slice(0, 4)}-12-31`,
        state: workshops % 9 === 0 ? 'pending' : 'running',
        note: null,
      };
      await tx.insertInto('workshops').values(w).execute();
      await tx
        .insertInto('workshop_checks')
        .values({ ...meta(), workshop_id: w.id, checked_on: addMonths(options.asOf, -2), state: w.state, people: size, checker: '乡就业服务站', note: null })
        .execute();
      const spells: Insertable<EmploymentSpellTable>[] = chosen.map((p, i) => ({
        ...meta(),
        member_id: p.id,
        household_id: p.household_id,
        place: `${office.county_name}${office.township_name}${v.name}`,
        area: 'inCounty',
        abroad: 0,
        province: null,
        city: null,
        employer: w.name,
        job: jobs[i % jobs.length]!,
        industry: null,
        // Most joined months ago; every fifth joined within the last quarter (too short to count).
        start_date: i % 5 === 4 ? addMonths(options.asOf, -Math.floor(1 + rng() * 3)) : addMonths(recognized, Math.floor(rng() * 6)),
        end_date: null,
        months: null,
        months_year: null,
        // Every seventh is paid under the 1,000 元 line.
        monthly_income_fen: i % 7 === 6 ? 80_000 : 120_000 + Math.floor(rng() * 20) * 10_000,
        channel: 'workshop',
        source: 'department',
        work_phone: null,
        end_reason: null,
        note: null,
        workshop_id: w.id,
      }));
      await tx.insertInto('employment_spells').values(spells).execute();
      await tx
        .updateTable('members')
        .set({ work_status: workStatusOfSpell({ area: 'inCounty', channel: 'workshop' }) })
        .where(
          'id',
          'in',
          spells.map((s) => s.member_id),
        )
        .execute();
      staff += spells.length;
    }
  });
  return { workshops, staff };
}
