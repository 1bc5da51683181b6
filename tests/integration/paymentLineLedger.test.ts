import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResultSchema } from '../../shared/contract/fileExport';
import type { PaymentLineLedgerRow } from '../../shared/contract/paymentsLedger';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';
import { hire, makeHousehold, makePost } from './postsFixtures';

// 发放花名册 (issue 12 item 8): payments.lineLedger lists the lines of every payment list by the
// recipient's village and household, filtered by year or month, purpose, village and where each
// line stands; the export writes the same rows.

let office: TestOffice;
let a: Awaited<ReturnType<typeof makeHousehold>>;
let b: Awaited<ReturnType<typeof makeHousehold>>;
let cHead: string;
let postList: string;
let postTitle: string;

async function step(listId: string, date: string) {
  const { list } = await office.call('payments.get', { id: listId });
  return office.call('payments.advance', { id: listId, version: list.version, date });
}

beforeAll(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-06-20T02:00:00.000Z') });
  const [pingbu, danshang] = office.villages;
  a = await makeHousehold(office, '3504211010010001', 1);
  b = await makeHousehold(office, '3504211010010002', 2);
  const c = await office.call('households.create', {
    ...householdInput(office, { householdCode: '3504211010020001', villageId: danshang!.id, groupId: danshang!.groups[0]!.id, address: '旦上村一组 3 号' }),
    members: [member('陈春花', idOf('19700101', 52), 'head')],
  });
  cHead = (await office.call('households.get', { id: c.id })).members[0]!.id;

  // 公益岗补贴 2026-05 for the two sons, sent to the bank: one paid, one failed.
  const postId = await makePost(office, { places: 5 });
  await office.call('posts.announce', { id: postId, date: '2026-04-01' });
  const hiredA = await hire(office, postId, a.son);
  const hiredB = await hire(office, postId, b.son);
  await office.call('posts.saveMonth', {
    villageId: pingbu!.id,
    month: '2026-05',
    rows: [hiredA, hiredB].map((h) => ({ appointmentId: h.id, days: 22, grade: 'excellent' as const, adjustFen: 0 })),
  });
  postList = (await office.call('posts.makePaymentList', { villageId: pingbu!.id, month: '2026-05' })).listId;
  postTitle = (await office.call('payments.get', { id: postList })).list.title;
  for (const [i, memberId] of [a.son, b.son].entries()) {
    await office.call('payments.saveAccount', { memberId, version: null, bankName: '农村信用社（农商银行）', accountNo: `62170000000000${String(i).padStart(4, '0')}` });
  }
  await step(postList, '2026-06-01');
  await step(postList, '2026-06-10');
  await step(postList, '2026-06-11');
  const bank = await office.call('payments.bankRows', { id: postList });
  const byMember = new Map((await office.call('payments.get', { id: postList })).lines.map((l) => [l.memberId, l.id]));
  expect(bank).toHaveLength(2);
  await office.call('payments.recordResults', {
    id: postList,
    results: [
      { lineId: byMember.get(a.son)!, result: 'success' },
      { lineId: byMember.get(b.son)!, result: 'failed', reason: '账号不存在' },
    ],
  });

  // 交通补助 for the year 2026, still a draft, with a line removed (it never counts).
  const transport = await office.call('payments.create', { purpose: '交通补助', period: '2026', title: '2026 年一次性交通补助' });
  await office.call('payments.addLine', { listId: transport.id, memberId: cHead, basis: '省外务工 6 个月', amountFen: 30_000 });
  await office.call('payments.addLine', { listId: transport.id, memberId: a.spouse, basis: '省内县外务工 4 个月', amountFen: 20_000 });
  const wrong = await office.call('payments.addLine', { listId: transport.id, memberId: b.spouse, basis: '录错', amountFen: 99_900 });
  await office.call('payments.removeLine', { lineId: wrong.id, reason: '不符合条件' });

  // Last year's list: outside every 2026 filter.
  const old = await office.call('payments.create', { purpose: '公益岗补贴', period: '2025-12', title: '2025 年 12 月补发' });
  await office.call('payments.addLine', { listId: old.id, memberId: a.son, basis: '补发', amountFen: 10_000 });
});
afterAll(async () => {
  await office.close();
});

const brief = (r: PaymentLineLedgerRow) => [r.villageName, r.householdCode, r.name, r.purpose, r.period, r.amountFen, r.state, r.resultReason, r.listTitle];

describe('发放花名册 (payments.lineLedger)', () => {
  it('lists the year’s lines village by village and household by household, with where each stands', async () => {
    const all = await office.call('payments.lineLedger', { year: 2026 });
    expect(all.total).toBe(4);
    expect(all.totalFen).toBe(150_000);
    expect(all.rows.map(brief)).toEqual([
      ['坪埠村', '3504211010010001', '刘秀英', '交通补助', '2026', 20_000, 'draft', null, '2026 年一次性交通补助'],
      ['坪埠村', '3504211010010001', '王小军', '公益岗补贴', '2026-05', 50_000, 'success', null, postTitle],
      ['坪埠村', '3504211010010002', '王小军', '公益岗补贴', '2026-05', 50_000, 'failed', '账号不存在', postTitle],
      ['旦上村', '3504211010020001', '陈春花', '交通补助', '2026', 30_000, 'draft', null, '2026 年一次性交通补助'],
    ]);
    expect(all.rows[0]!.householdId).toBe(a.id);
    expect(all.rows[2]!.householdId).toBe(b.id);

    const page = await office.call('payments.lineLedger', { year: 2026, offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.lineId)).toEqual(all.rows.slice(1, 3).map((r) => r.lineId));
  });

  it('filters by month, purpose, village and line state', async () => {
    const codes = async (input: Parameters<typeof office.call<'payments.lineLedger'>>[1]) => {
      const r = await office.call('payments.lineLedger', input);
      return { total: r.total, totalFen: r.totalFen, lines: r.rows.map((x) => `${x.householdCode} ${x.purpose} ${x.period}`) };
    };
    expect(await codes({ year: 2026, month: 5 })).toEqual({ total: 2, totalFen: 100_000, lines: ['3504211010010001 公益岗补贴 2026-05', '3504211010010002 公益岗补贴 2026-05'] });
    expect(await codes({ year: 2026, month: 6 })).toEqual({ total: 0, totalFen: 0, lines: [] });
    expect(await codes({ year: 2026, purpose: '交通补助' })).toEqual({ total: 2, totalFen: 50_000, lines: ['3504211010010001 交通补助 2026', '3504211010020001 交通补助 2026'] });
    expect(await codes({ year: 2026, villageId: office.villages[1]!.id })).toEqual({ total: 1, totalFen: 30_000, lines: ['3504211010020001 交通补助 2026'] });
    expect(await codes({ year: 2026, status: 'failed' })).toEqual({ total: 1, totalFen: 50_000, lines: ['3504211010010002 公益岗补贴 2026-05'] });
    expect(await codes({ year: 2026, status: 'success' })).toEqual({ total: 1, totalFen: 50_000, lines: ['3504211010010001 公益岗补贴 2026-05'] });
    expect(await codes({ year: 2026, status: 'draft' })).toEqual({ total: 2, totalFen: 50_000, lines: ['3504211010010001 交通补助 2026', '3504211010020001 交通补助 2026'] });
    expect(await codes({ year: 2026, status: 'bank' })).toEqual({ total: 0, totalFen: 0, lines: [] });
    expect(await codes({ year: 2025 })).toEqual({ total: 1, totalFen: 10_000, lines: ['3504211010010001 公益岗补贴 2025-12'] });
    const bad = await office.fail('payments.lineLedger', { year: 2026, month: 13 });
    expect(bad.message).toContain('月份应为 1 到 12');
  });

  it('exports the filtered lines as .xlsx with the state and the bank’s reason', async () => {
    const { jobId } = await office.call('files.export', { ledger: 'paymentLines', format: 'xlsx', filters: { year: 2026, month: 5 } });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.error).toBeNull();
    const result = exportResultSchema.parse(snap.result);
    expect(result.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(office.core.outboxFile('admin-session', result.file.fileId)!.path) as unknown as ArrayBuffer);
    const rows: ExcelJS.CellValue[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '行政村', '户编号', '姓名', '证件号码', '用途', '发放期间', '发放依据', '金额', '状态', '失败原因', '清册名称']);
    const data = rows.slice(header + 1).map((r) => [r[2], r[5], r[8], r[9], r[10] ?? null, r[11]]);
    expect(data).toEqual([
      ['3504211010010001', '公益岗补贴', 500, '成功', null, postTitle],
      ['3504211010010002', '公益岗补贴', 500, '失败', '账号不存在', postTitle],
    ]);
  });
});
