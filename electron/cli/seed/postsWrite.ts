import type { Kysely } from 'kysely';
import { monthPay } from '../../../shared/domain/posts';
import { addDays, addMonths, ageOn, daysInMonth } from '../../../shared/lib/dates';
import type { DB } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// 公益性岗位 for the dev seed and the bench (issue 12): per village a few posts (about one holder
// per 15 households), each holder hired through every step with an agreement of one year, and
// `months` months of attendance up to `asOf`. Rows are written directly, like the other seed parts.

const postTypes = ['保洁员', '护林员', '护路员', '护水员', '村务管理员', '光伏公益岗'] as const;
const fundings = ['衔接资金', '光伏收益', '就业补助资金'] as const;

export async function writePosts(db: Kysely<DB>, asOf: string, options: { months?: number; seed?: number; holdersPerHouseholds?: number } = {}): Promise<{ posts: number; appointments: number; months: number }> {
  const rng = createRng(options.seed ?? 12);
  const months = options.months ?? 12;
  const per = options.holdersPerHouseholds ?? 15;
  const office = await db.selectFrom('office').select('office_code').executeTakeFirstOrThrow();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
  const villages = await db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('code').execute();
  const now = new Date().toISOString();
  const meta = () => ({ id: uuidv7(), office_code: office.office_code, created_at: now, updated_at: now, updated_by: admin.id, deleted_at: null, delete_reason: null });
  const start = `${addMonths(asOf, -(months - 1)).slice(0, 7)}-01`;
  const end = addDays(addMonths(start, 12), -1);
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
    // One holder per household at most (每户只得1人, W1).
    const seen = new Set<string>();
    const holders = eligible.filter((p) => (seen.has(p.household_id) ? false : (seen.add(p.household_id), true))).slice(0, Math.max(1, Math.round(households / per)));
    if (holders.length === 0) continue;
    await db.transaction().execute(async (tx) => {
      const postIds: { id: string; subsidy: number; places: number; used: number; name: string }[] = [];
      for (let i = 0; i * 8 < holders.length; i++) {
        const type = postTypes[i % postTypes.length]!;
        const subsidy = [30_000, 50_000, 80_000][i % 3]!;
        const row = { ...meta(), version: 1, village_id: v.id, name: `${v.name}${type}${i + 1}`, post_type: type, category: '普通', funding: fundings[i % fundings.length]!, employer: null, subsidy_fen: subsidy, min_days: 3, places: 8, active: 1, announced_on: addDays(start, -30), announce_note: null };
        await tx.insertInto('welfare_posts').values(row).execute();
        postIds.push({ id: row.id, subsidy, places: 8, used: 0, name: row.name });
        posts += 1;
      }
      for (const [i, p] of holders.entries()) {
        const post = postIds[Math.floor(i / 8)]!;
        const a = { ...meta(), version: 1, post_id: post.id, member_id: p.id, household_id: p.household_id, status: 'onDuty', agreement_type: 'service', start_date: start, end_date: end, subsidy_fen: post.subsidy, left_date: null, left_reason: null, left_note: null };
        await tx.insertInto('welfare_appointments').values(a).execute();
        appointments += 1;
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
            .values({ ...meta(), appointment_id: a.id, step, date, outcome: 'passed', people: JSON.stringify(['村支书', '村主任']), note: null, notice_start: step === 'notice' ? date : null, notice_end: step === 'notice' ? addDays(date, 4) : null })
            .execute();
        }
        for (let m = 0; m < months; m++) {
          const month = addMonths(start, m).slice(0, 7);
          const dim = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
          const days = Math.floor(rng() * 10) + 15;
          const deduct = rng() < 0.08;
          const pay = monthPay(post.subsidy, 3, dim, { days, grade: deduct ? 'pass' : rng() < 0.2 ? 'excellent' : 'pass', adjustFen: deduct ? -5_000 : 0, adjustReason: deduct ? '缺勤' : null });
          await tx
            .insertInto('welfare_months')
            .values({ ...meta(), version: 1, appointment_id: a.id, month, days, grade: 'pass', adjust_fen: deduct ? -5_000 : 0, adjust_reason: deduct ? '缺勤' : null, due_fen: pay.dueFen, paid_fen: pay.paidFen, payment_line_id: null })
            .execute();
          monthRows += 1;
        }
        await tx.insertInto('bank_accounts').values({ ...meta(), version: 1, member_id: p.id, bank_name: '农村信用社（农商银行）', account_no: `6217${String(100_000_000_000_000 + appointments).slice(-15)}` }).execute();
      }
    });
  }
  return { posts, appointments, months: monthRows };
}
