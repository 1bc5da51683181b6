import type { Insertable, Kysely } from 'kysely';
import type { DB, PaymentLineTable, PaymentListTable } from '../../core/db/schema';
import { uuidv7 } from '../../core/ids';
import { createRng } from './generator';

// 到户 money at county scale (issue 13's bench line: 50,000 household payment lines): 产业奖补
// lists of the finished projects, each paid through the bank to the heads of active households,
// a few lines returned as failed. Written after writeFunds, as the core would have left them: every
// list reconciled, one line per household and period, amounts in fen.

export interface FundPaymentsSeedOptions {
  seed: number;
  lines?: number;
  perList?: number;
}

const chunk = 400;

async function insertAll<T extends 'payment_lists' | 'payment_lines'>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely's generic insert needs the concrete table type; the rows are built for `table`.
    await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
  }
}

export async function writeFundPayments(db: Kysely<DB>, o: FundPaymentsSeedOptions): Promise<{ lists: number; lines: number }> {
  const lineCount = o.lines ?? 50_000;
  const perList = o.perList ?? 500;
  const office = await db.selectFrom('office').select('township_code').executeTakeFirst();
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst();
  if (!office || !admin) throw new Error('数据文件夹中还没有单位数据：请先写入示例农户');
  const projects = await db.selectFrom('fund_projects').select(['id', 'year']).where('status', '=', 'finished').orderBy('project_code').execute();
  if (projects.length === 0) throw new Error('还没有已完工的资金项目：请先写入资金项目数据');
  const heads = await db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id as member_id', 'm.household_id'])
    .where('m.relation', '=', 'head')
    .where('m.status', '=', 'current')
    .where('m.deleted_at', 'is', null)
    .where('h.status', '=', 'active')
    .orderBy('h.household_code')
    .execute();
  const rng = createRng(o.seed);
  const stamp = (d: string) => `${d}T02:00:00.000Z`;
  const meta = (date: string) => ({ id: uuidv7(), office_code: office.township_code, created_at: stamp(date), updated_at: stamp(date), updated_by: admin.id, deleted_at: null, delete_reason: null });

  const lists: Insertable<PaymentListTable>[] = [];
  const lines: Insertable<PaymentLineTable>[] = [];
  let next = 0;
  for (let l = 0; lines.length < lineCount; l++) {
    const project = projects[l % projects.length]!;
    // One list per project and month: no household twice in a period.
    const month = String((l % 12) + 1).padStart(2, '0');
    const day = (n: number) => `${project.year}-${month}-${String(n).padStart(2, '0')}`;
    const list = { ...meta(day(1)), purpose: '产业奖补', period: `${project.year}-${month}`, village_id: null, title: `${project.year}年${Number(month)}月产业奖补发放清册`, status: 'reconciled', notice_on: day(2), approved_on: day(10), bank_on: day(12), reconciled_on: day(20), resend_of: null, note: null, project_id: project.id, disbursement_id: null };
    lists.push(list);
    const n = Math.min(perList, lineCount - lines.length);
    for (let i = 0; i < n; i++) {
      const head = heads[next++ % heads.length]!;
      const failed = rng() < 0.02;
      lines.push({
        ...meta(day(1)),
        list_id: list.id,
        household_id: head.household_id,
        member_id: head.member_id,
        basis: '产业奖补',
        amount_fen: (5 + Math.floor(rng() * 26)) * 100_00,
        reverses_line_id: null,
        resend_of_line_id: null,
        result: failed ? 'failed' : 'success',
        result_reason: failed ? '账户已销户' : null,
        sort_order: i + 1,
        measure_id: null,
      });
    }
  }
  await db.transaction().execute(async (tx) => {
    await insertAll(tx, 'payment_lists', lists);
    await insertAll(tx, 'payment_lines', lines);
  });
  return { lists: lists.length, lines: lines.length };
}
