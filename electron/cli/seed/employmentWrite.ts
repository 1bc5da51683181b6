import type { Insertable, Kysely } from 'kysely';
import { workStatusOfSpell, type JobChannel, type WorkArea } from '../../../shared/domain/employment';
import { defaultEmploymentSettings } from '../../../shared/domain/employmentSettings';
import { ageOn, addMonths } from '../../../shared/lib/dates';
import type { DB, EmploymentSpellTable } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// 务工记录 for the example data (issue 12): about 40 % of labour-age people get spells. Those
// picked among the members the generator marked as working get an open spell matching their
// 务工状况 (so the summary stays true); if too few work, others get a job that ended last year
// (still 未务工 now); a fifth of the open spells follow an earlier, ended job.

const outOfProvince = ['广东省东莞市长安镇', '广东省深圳市宝安区', '浙江省宁波市北仑区', '浙江省义乌市', '江苏省苏州市昆山市', '上海市松江区'];
const inProvince = ['福建省厦门市集美区', '福建省泉州市晋江市', '福建省福州市仓山区', '福建省三明市三元区'];
const employers = ['电子厂', '制衣厂', '建筑工地', '物流公司', '餐饮店', '鞋厂', '家具厂', '汽修厂'];
const jobs = ['普工', '电工', '缝纫工', '司机', '厨师', '保洁', '木工', '仓管'];

const areaOfStatus: Record<string, { area: WorkArea; channel: JobChannel }> = {
  local: { area: 'inCounty', channel: 'flexible' },
  inCounty: { area: 'inCounty', channel: 'flexible' },
  inProvince: { area: 'inProvince', channel: 'selfOut' },
  outOfProvince: { area: 'outOfProvince', channel: 'organized' },
  welfarePost: { area: 'inCounty', channel: 'welfarePost' },
  selfEmployed: { area: 'inCounty', channel: 'selfEmployed' },
};

export async function writeEmployment(db: Kysely<DB>, options: { seed: number; asOf: string; now: Date }): Promise<{ labourAge: number; withSpells: number; spells: number }> {
  const rng = createRng(options.seed * 31 + 12);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const at = options.now.toISOString();
  const office = await db.selectFrom('office').select(['township_code', 'county_name', 'township_name']).executeTakeFirstOrThrow();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirstOrThrow();
  const ages = defaultEmploymentSettings(Number(options.asOf.slice(0, 4)));
  const people = (
    await db
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.household_id', 'm.birth_date', 'm.sex', 'm.labor', 'm.work_status', 'm.phone'])
      .where('m.status', '=', 'current')
      .where('m.deleted_at', 'is', null)
      .where('h.status', '=', 'active')
      .orderBy('m.id')
      .execute()
  ).filter((p) => {
    const age = ageOn(p.birth_date, options.asOf);
    return age >= ages.minAge && age <= (p.sex === 'male' ? ages.maxAgeMale : ages.maxAgeFemale) && p.labor !== 'lost' && p.labor !== 'none';
  });
  const working = people.filter((p) => p.work_status !== 'none').length;
  const idle = people.length - working;
  // The generator marks more than 40 % as working: the rest keep their 务工状况 without spells, as
  // data carried over from an older ledger would.
  const workingShare = working === 0 ? 0 : Math.min(1, (0.4 * people.length) / working);
  const extraShare = idle === 0 ? 0 : Math.max(0, (0.4 * people.length - working) / idle);

  const rows: Insertable<EmploymentSpellTable>[] = [];
  let withSpells = 0;
  const lastYear = Number(options.asOf.slice(0, 4)) - 1;
  const spell = (p: (typeof people)[number], area: WorkArea, channel: JobChannel, start: string, end: string | null): Insertable<EmploymentSpellTable> => {
    const place = area === 'outOfProvince' ? pick(outOfProvince) : area === 'inProvince' ? pick(inProvince) : `${office.county_name}${office.township_name}`;
    return {
      id: uuidv7(),
      office_code: office.township_code,
      created_at: at,
      updated_at: at,
      updated_by: admin.id,
      deleted_at: null,
      delete_reason: null,
      member_id: p.id,
      household_id: p.household_id,
      place,
      area,
      abroad: 0,
      province: place.slice(0, 3),
      city: null,
      employer: channel === 'welfarePost' ? null : `${place.slice(3, 6)}${pick(employers)}`,
      job: channel === 'welfarePost' ? '保洁员' : pick(jobs),
      industry: null,
      start_date: start,
      end_date: end,
      months: null,
      months_year: null,
      monthly_income_fen: channel === 'welfarePost' ? 50_000 : (area === 'inCounty' ? 200_000 : 350_000) + Math.floor(rng() * 30) * 10_000,
      channel,
      source: pick(['visit', 'survey', 'department', 'self'] as const),
      work_phone: p.phone !== null && /^1\d{10}$/.test(p.phone) ? p.phone : null,
      end_reason: end === null ? null : pick(['工厂停产', '合同期满', '返乡照顾家人', '身体原因']),
      note: null,
    };
  };
  const startBefore = (months: number) => addMonths(options.asOf, -months).slice(0, 8) + String(1 + Math.floor(rng() * 28)).padStart(2, '0');

  for (const p of people) {
    const now = areaOfStatus[p.work_status];
    if (now) {
      if (rng() >= workingShare) continue;
      withSpells += 1;
      if (rng() < 0.2) {
        const area = pick(['outOfProvince', 'inProvince', 'inCounty'] as const);
        rows.push(spell(p, area, area === 'inCounty' ? 'flexible' : 'selfOut', `${lastYear - 1}-03-01`, `${lastYear - 1}-12-20`));
      }
      const s = spell(p, now.area, now.channel, startBefore(3 + Math.floor(rng() * 30)), null);
      // The generator's 乡镇内 is 县内 here; the member's summary follows the spell as it would in the program.
      if (workStatusOfSpell({ area: now.area, channel: now.channel }) !== p.work_status && p.work_status !== 'local') continue;
      rows.push(s);
    } else if (rng() < extraShare) {
      withSpells += 1;
      const area = pick(['outOfProvince', 'inProvince', 'inCounty'] as const);
      rows.push(spell(p, area, area === 'inCounty' ? 'flexible' : 'organized', `${lastYear}-0${1 + Math.floor(rng() * 5)}-10`, `${lastYear}-${String(7 + Math.floor(rng() * 5)).padStart(2, '0')}-25`));
    }
  }
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 400) await tx.insertInto('employment_spells').values(rows.slice(i, i + 400)).execute();
  });
  return { labourAge: people.length, withSpells, spells: rows.length };
}
