import type { Kysely, Transaction } from 'kysely';
import { monthPay } from '../../../shared/domain/posts';
import { addDays, addMonths, ageOn, daysInMonth } from '../../../shared/lib/dates';
import type { DB } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// 公益性岗位 for the dev seed and the bench (issue 12: 1,500 posts, 24 months of attendance). One
// place per post, as a village's 保洁员 or 护林员 usually is; holders come from the 脱贫 and 监测
// households (one per household, W1), spread over the villages by their number of such households.
// An agreement lasts at most a year, so each holder has one agreement per year of the span: the
// earlier ones ended 合同期满, the last one is 在岗 through `asOf`; attendance is written for every
// month up to `asOf`, each on the agreement that covers it. Rows are written directly, like the
// other seed parts.

const postTypes = ['保洁员', '护林员', '护路员', '护水员', '村务管理员', '光伏公益岗'] as const;
const fundings = ['衔接资金', '光伏收益', '就业补助资金'] as const;

/** The bookkeeping columns every seeded row carries. */
interface SeedMeta {
  id: string;
  office_code: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: null;
  delete_reason: null;
}

export interface PostSeedOptions {
  /** Months of attendance up to `asOf` (default 12). */
  months?: number;
  seed?: number;
  /** Posts (and holders) in the township; default one per 15 脱贫/监测 households. */
  posts?: number;
}

export async function writePosts(db: Kysely<DB>, asOf: string, options: PostSeedOptions = {}): Promise<{ posts: number; appointments: number; months: number }> {
  const rng = createRng(options.seed ?? 12);
  const months = options.months ?? 12;
  const office = await db.selectFrom('office').select('office_code').executeTakeFirstOrThrow();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('code').execute();
  const now = new Date().toISOString();
  const meta = (): SeedMeta => ({ id: uuidv7(), office_code: office.office_code, created_at: now, updated_at: now, updated_by: admin.id, deleted_at: null, delete_reason: null });
  const start = `${addMonths(asOf, -(months - 1)).slice(0, 7)}-01`;
  // Agreements of one year each from `start`; the last one runs past `asOf`.
  const terms: { start: string; end: string }[] = [];
  for (let s = start; s <= asOf; s = addMonths(s, 12)) terms.push({ start: s, end: addDays(addMonths(s, 12), -1) });
  const supported = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('kind', '!=', 'ordinary')
    .executeTakeFirstOrThrow();
  const perHousehold = (options.posts ?? Math.round(Number(supported.n) / 15)) / Math.max(1, Number(supported.n));
  let posts = 0;
  let appointments = 0;
  let monthRows = 0;
  for (const v of villages) {
    const people = await db
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.household_id', 'm.birth_date', 'm.name'])
      .where('h.village_id', '=', v.id)
      .where('h.status', '=', 'active')
      .where('m.status', '=', 'current')
      .where('h.kind', '!=', 'ordinary')
      .orderBy('h.household_code')
      .execute();
    const households = new Set(people.map((p) => p.household_id)).size;
    const eligible = people.filter((p) => {
      const age = ageOn(p.birth_date, start);
      return age >= 20 && age <= 58;
    });
    // One holder per household at most (每户只得1人, W1); rounding up, so the township reaches its number.
    const seen = new Set<string>();
    const holders = eligible.filter((p) => (seen.has(p.household_id) ? false : (seen.add(p.household_id), true))).slice(0, Math.max(1, Math.ceil(households * perHousehold)));
    if (holders.length === 0) continue;
    await db.transaction().execute(async (tx) => {
      for (const [i, p] of holders.entries()) {
        const type = postTypes[i % postTypes.length]!;
        const subsidy = [30_000, 50_000, 80_000][i % 3]!;
        const post = { ...meta(), version: 1, village_id: v.id, name: `${v.name}${type}${Math.floor(i / postTypes.length) + 1}`, post_type: type, category: '普通', funding: fundings[i % fundings.length]!, employer: null, subsidy_fen: subsidy, min_days: 3, places: 1, active: 1, announced_on: addDays(start, -30), announce_note: null };
        await tx.insertInto('welfare_posts').values(post).execute();
        posts += 1;
        for (const [t, term] of terms.entries()) {
          const last = t === terms.length - 1;
          const a = {
            ...meta(),
            version: 1,
            post_id: post.id,
            member_id: p.id,
            household_id: p.household_id,
            status: last ? 'onDuty' : 'left',
            agreement_type: 'service',
            start_date: term.start,
            end_date: term.end,
            subsidy_fen: subsidy,
            left_date: last ? null : term.end,
            left_reason: last ? null : '合同期满',
            left_note: null,
          };
          await tx.insertInto('welfare_appointments').values(a).execute();
          appointments += 1;
          await writeSteps(tx, meta, a.id, term.start);
          for (let m = 0; m < 12; m++) {
            const month = addMonths(term.start, m).slice(0, 7);
            if (month > asOf.slice(0, 7)) break;
            const dim = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
            const days = Math.floor(rng() * 10) + 15;
            const deduct = rng() < 0.08;
            const pay = monthPay(subsidy, 3, dim, { days, grade: deduct ? 'pass' : rng() < 0.2 ? 'excellent' : 'pass', adjustFen: deduct ? -5_000 : 0, adjustReason: deduct ? '缺勤' : null });
            await tx
              .insertInto('welfare_months')
              .values({ ...meta(), version: 1, appointment_id: a.id, month, days, grade: 'pass', adjust_fen: deduct ? -5_000 : 0, adjust_reason: deduct ? '缺勤' : null, due_fen: pay.dueFen, paid_fen: pay.paidFen, payment_line_id: null })
              .execute();
            monthRows += 1;
          }
        }
        await tx.insertInto('bank_accounts').values({ ...meta(), version: 1, member_id: p.id, bank_name: '农村信用社（农商银行）', account_no: `6217${String(100_000_000_000_000 + posts).slice(-15)}` }).execute();
      }
    });
  }
  return { posts, appointments, months: monthRows };
}

/** 申报 → 村评议 → 乡审核 → 公示 → 签协议 → 在岗, all passed, before the agreement starts. */
async function writeSteps(tx: Transaction<DB>, meta: () => SeedMeta, appointmentId: string, start: string): Promise<void> {
  const steps: [string, string][] = [
    ['apply', addDays(start, -25)],
    ['villageReview', addDays(start, -20)],
    ['townshipReview', addDays(start, -15)],
    ['notice', addDays(start, -12)],
    ['sign', addDays(start, -5)],
    ['onDuty', start],
  ];
  for (const [step, date] of steps) {
    await tx
      .insertInto('appointment_steps')
      .values({ ...meta(), appointment_id: appointmentId, step, date, outcome: 'passed', people: JSON.stringify(['村支书', '村主任']), note: null, notice_start: step === 'notice' ? date : null, notice_end: step === 'notice' ? addDays(date, 4) : null })
      .execute();
  }
}
