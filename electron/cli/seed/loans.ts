import type { Insertable, Kysely } from 'kysely';
import { loanUses, type LoanUse } from '../../../shared/domain/loans';
import { addDays, addMonths } from '../../../shared/lib/dates';
import type { DB, LoanEventTable, LoanTable } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// 小额信贷 sample data at county scale (issue 13's bench line: 3,000 loans): loans to members of
// 脱贫 and 监测 households over five years, mostly for production with a few forbidden uses, yearly
// interest, some repaid, some overdue, and the year's 贴息 — as the bank's sheets would give them.

export interface LoansSeedOptions {
  seed: number;
  asOf: string;
  loans?: number;
}

const chunk = 400;
const productive: readonly LoanUse[] = loanUses.slice(0, 6);

export async function writeLoans(db: Kysely<DB>, o: LoansSeedOptions): Promise<{ loans: number; events: number }> {
  const count = o.loans ?? 3_000;
  const office = await db.selectFrom('office').select('township_code').executeTakeFirst();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst();
  if (!office || !admin) throw new Error('数据文件夹中还没有单位数据：请先写入示例农户，再写入小额信贷数据');
  if (await db.selectFrom('loans').select('id').executeTakeFirst()) throw new Error('该数据文件夹已有小额信贷数据：示例数据只写入一次');
  const borrowers = await db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.household_id'])
    .where('h.kind', 'in', ['povertyExited', 'monitored'])
    .where('m.status', '=', 'current')
    .where('m.birth_date', '<=', `${Number(o.asOf.slice(0, 4)) - 25}-01-01`)
    .where('m.birth_date', '>=', `${Number(o.asOf.slice(0, 4)) - 60}-01-01`)
    .execute();
  if (borrowers.length === 0) throw new Error('示例农户中没有 25–60 岁的脱贫或监测户成员，无法生成小额信贷');
  const rng = createRng(o.seed);
  const between = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
  const stamp = (d: string) => `${d}T02:00:00.000Z`;
  const meta = (date: string) => ({ id: uuidv7(), office_code: office.township_code, created_at: stamp(date), updated_at: stamp(date), updated_by: admin.id, deleted_at: null, delete_reason: null });
  const lastYear = Number(o.asOf.slice(0, 4));
  const loans: Insertable<LoanTable>[] = [];
  const events: Insertable<LoanEventTable>[] = [];
  for (let i = 0; i < count; i++) {
    const who = borrowers[Math.floor(rng() * borrowers.length)]!;
    const loanDate = `${between(lastYear - 4, lastYear)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    if (loanDate > o.asOf) continue;
    const amount = between(1, 10) * 500_000;
    const dueDate = addMonths(loanDate, pick([12, 24, 36], rng));
    const rateBp = between(300, 450);
    const m = meta(loanDate);
    loans.push({
      ...m,
      household_id: who.household_id,
      borrower_id: who.id,
      bank: pick(['县农商银行', '县邮储银行', '县农业银行'], rng),
      contract_no: `XD${loanDate.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`,
      amount_fen: amount,
      loan_date: loanDate,
      due_date: dueDate,
      rate_bp: rateBp,
      use: rng() < 0.03 ? 'housing' : pick(productive, rng),
      use_detail: null,
      kind: rng() < 0.1 ? 'renewal' : 'new',
      risk_compensation: 1,
      note: null,
    });
    // Interest each loan year; the principal back at the due date for most, never for ~5 %.
    for (let d = addMonths(loanDate, 12); d <= dueDate && d <= o.asOf; d = addMonths(d, 12)) {
      const interest = Math.floor((amount * rateBp) / 10_000);
      events.push({ ...meta(d), loan_id: m.id, kind: 'repayment', event_date: d, principal_fen: 0, interest_fen: interest, subsidy_fen: 0, subsidy_year: null, reverses_id: null, note: null });
      const subsidyDate = addDays(d, 30);
      if (subsidyDate <= o.asOf) {
        const year = Number(d.slice(0, 4));
        const share = year <= 2023 ? 100 : 70;
        events.push({ ...meta(subsidyDate), loan_id: m.id, kind: 'subsidy', event_date: subsidyDate, principal_fen: 0, interest_fen: 0, subsidy_fen: Math.floor((interest * share) / 100), subsidy_year: year, reverses_id: null, note: null });
      }
    }
    if (dueDate <= o.asOf && rng() > 0.05) {
      events.push({ ...meta(dueDate), loan_id: m.id, kind: 'repayment', event_date: dueDate, principal_fen: amount, interest_fen: 0, subsidy_fen: 0, subsidy_year: null, reverses_id: null, note: null });
    }
  }
  for (let i = 0; i < loans.length; i += chunk) await db.insertInto('loans').values(loans.slice(i, i + chunk)).execute();
  for (let i = 0; i < events.length; i += chunk) await db.insertInto('loan_events').values(events.slice(i, i + chunk)).execute();
  return { loans: loans.length, events: events.length };
}

function pick<T>(xs: readonly T[], rng: () => number): T {
  return xs[Math.floor(rng() * xs.length)]!;
}
