// Issue 13 item 6: 脱贫人口小额信贷 from the bank's spreadsheet. The borrower is found by ID number;
// a contract already on the ledger is updated (a renewal), not registered twice; the amount may
// be in 万元 (the header says so); an unknown person or a bad ID is refused; a loan over the
// year's cap comes in with the ledger's warning; importing the same sheet again changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageUpload } from '../../electron/core/files/store';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { simpleXlsx } from '../fixtures/importWorkbooks';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { idOf } from './householdsFixtures';
import { makeHousehold } from './postsFixtures';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-10T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function preview(bytes: Buffer, presetId?: string): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, '小额信贷台账.xlsx', bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'loans', ...(presetId ? { presetId } : {}) });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

async function apply(previewId: string) {
  const { jobId } = await office.call('files.importApply', { previewId, mode: 'validOnly' });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`apply ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as { counts: Record<string, number>; errorWorkbook: unknown };
}

const headers = ['序号', '借款人姓名', '身份证号', '经办银行', '合同编号', '贷款金额（万元）', '发放日期', '到期日期', '执行利率', '贷款用途', '贷款类型', '贷款余额（万元）'];

async function setup() {
  const h1 = await makeHousehold(office, '3504211010010001', 1);
  const h2 = await makeHousehold(office, '3504211010010002', 2);
  const ids = async (householdId: string) => (await office.call('households.get', { id: householdId })).members;
  const m1 = await ids(h1.id);
  const m2 = await ids(h2.id);
  // On the ledger already: h2's loan of 2025, due this month; the bank's sheet shows it renewed.
  const old = await office.call('loans.save', {
    householdId: h2.id,
    borrowerId: h2.head,
    bank: '明溪农商银行',
    contractNo: 'HT-002',
    amountFen: 3_000_000,
    loanDate: '2025-03-01',
    dueDate: '2026-03-01',
    rateBp: 345,
    use: 'breeding',
  });
  const head1 = m1.find((m) => m.id === h1.head)!;
  const son1 = m1.find((m) => m.id === h1.son)!;
  const head2 = m2.find((m) => m.id === h2.head)!;
  const good = idOf('19800101', 91);
  const unknown = idOf('19800101', 93);
  const badId = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
  const rows = [
    [1, head1.name, head1.idNumber, '明溪农商银行', 'HT-001', 5, '2026-01-15', '2029-01-14', '3.45%', '养牛', '新增', 4.5],
    [2, head2.name, head2.idNumber, '明溪农商银行', 'HT-002', 3, '2025-03-01', '2027-03-01', 3.45, '养殖业', '续贷', 3],
    [3, '李四', unknown, '明溪农商银行', 'HT-003', 2, '2026-02-01', '2028-02-01', 3.45, '种植', '新增', 2],
    [4, son1.name, son1.idNumber, '明溪农商银行', 'HT-004', 6, '2026-02-10', '2028-02-10', 3.45, '种植茶叶', '新增', 6],
    [5, '王五', badId, '明溪农商银行', 'HT-005', 1, '2026-02-01', '2027-02-01', 3.45, '种植', '新增', 1],
  ];
  return { h1, h2, old, bytes: await simpleXlsx(headers, rows, '明溪农商银行 脱贫人口小额信贷台账（2026 年 3 月）') };
}

const loansCount = async () => Number((await office.core.db.selectFrom('loans').select((e) => e.fn.countAll().as('n')).where('deleted_at', 'is', null).executeTakeFirstOrThrow()).n);
const eventsCount = async () => Number((await office.core.db.selectFrom('loan_events').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('小额信贷（银行表）', () => {
  it('imports new loans in 万元, renews a known contract, refuses an unknown person and a bad ID, warns over the cap; re-import changes nothing', async () => {
    const { h1, old, bytes } = await setup();
    const p = await preview(bytes);
    expect(p.kind).toBe('loans');
    expect(p.missingRequired).toEqual([]);
    expect(p.columns.find((c) => c.header === '贷款金额（万元）')?.field).toBe('amount');
    expect(p.counts).toEqual({ rows: 5, new: 2, changed: 1, unchanged: 0, invalid: 2 });
    expect(p.invalidRows.map((r) => r.line)).toEqual([5, 7]);
    expect(p.invalidRows[0]!.reason).toContain('台账中没有证件号码为');
    expect(p.invalidRows[1]!.reason).toContain('校验码');
    expect(p.warnings?.map((w) => w.reason)).toEqual(['第 6 行：合同 HT-004：贷款金额超过 5 万元，按政策不享受贴息（照银行记录导入）']);

    const done = await apply(p.previewId);
    expect(done.counts).toMatchObject({ new: 2, changed: 1, unchanged: 0, invalid: 2, applied: 3 });
    expect(done.errorWorkbook).not.toBeNull();
    expect(await loansCount()).toBe(3);
    const all = await office.core.db.selectFrom('loans').selectAll().orderBy('contract_no').execute();
    expect(all.map((l) => [l.contract_no, l.amount_fen, l.due_date, l.kind, l.use, l.use_detail])).toEqual([
      ['HT-001', 5_000_000, '2029-01-14', 'new', 'breeding', '养牛'],
      ['HT-002', 3_000_000, '2027-03-01', 'renewal', 'breeding', null],
      ['HT-004', 6_000_000, '2028-02-10', 'new', 'planting', '种植茶叶'],
    ]);
    expect(all.find((l) => l.contract_no === 'HT-002')!.id).toBe(old.id);
    // 贷款余额 4.5 万 of 5 万: the 5,000 元 repaid comes in as one repayment entry.
    const h1Loans = await office.call('loans.forHousehold', { householdId: h1.id });
    expect(h1Loans.loans.find((l) => l.contractNo === 'HT-001')).toMatchObject({ repaidPrincipalFen: 500_000, outstandingFen: 4_500_000, rateBp: 345, warnings: [] });
    expect(h1Loans.loans.find((l) => l.contractNo === 'HT-004')!.warnings).toEqual(['贷款金额超过 5 万元，按政策不享受贴息']);
    expect(await eventsCount()).toBe(1);
    const audit = await office.core.db.selectFrom('audit_log').select('summary').where('entity', '=', 'import').execute();
    expect(audit.map((a) => a.summary).join('\n')).toContain('导入小额信贷（银行表）');

    // The same sheet again: nothing new, nothing changed.
    const again = await preview(bytes);
    expect(again.counts).toEqual({ rows: 5, new: 0, changed: 0, unchanged: 3, invalid: 2 });
    expect(again.warnings).toEqual([]);
    const twice = await apply(again.previewId);
    expect(twice.counts).toMatchObject({ new: 0, changed: 0, unchanged: 3, applied: 0 });
    expect(await loansCount()).toBe(3);
    expect(await eventsCount()).toBe(1);
  });

  it('a saved preset maps a bank’s own column names next time', async () => {
    await setup();
    const odd = ['客户名称', '客户证件号码', '经办行', '借据号', '放款金额', '起贷日期', '止贷日期', '年化利率', '资金投向'];
    const p0 = await preview(await simpleXlsx(odd, [['王大山', idOf('19650312', 13), '明溪农商银行', 'JJ-9', '20000', '2026-02-01', '2027-02-01', '3.45', '养殖业']]));
    expect(p0.missingRequired).toEqual(['年利率', '贷款用途']);
    const preset = await office.call('files.saveImportPreset', { kind: 'loans', name: '明溪农商银行', mapping: { 年化利率: 'rate', 资金投向: 'use' }, version: null });
    const p1 = await preview(await simpleXlsx(odd, [['王大山', idOf('19650312', 13), '明溪农商银行', 'JJ-9', '20000', '2026-02-01', '2027-02-01', '3.45', '养殖业']]), preset.id);
    expect(p1.missingRequired).toEqual([]);
    expect(p1.counts).toMatchObject({ rows: 1, new: 1, invalid: 0 });
  });

  it('the CLI imports a bank sheet with --kind loans', { timeout: 120_000 }, async () => {
    // A data folder of the test's own, kept when the office closes, so the CLI can open it.
    await office.close();
    const work = mkdtempSync(join(tmpdir(), 'ledger-loans-cli-'));
    const dataDir = join(work, 'data');
    office = await openTestOffice({ dataDir, clock: new TestClock('2026-03-10T02:00:00.000Z') });
    const { bytes } = await setup();
    await office.close();
    const path = join(work, '小额信贷台账.xlsx');
    writeFileSync(path, bytes);
    const root = join(__dirname, '..', '..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron', 'cli', 'index.ts'), 'import', path, '--kind', 'loans', '--mode', 'valid-only', '--data', dataDir, '--json'], {
      cwd: root,
      env: { ...process.env, LEDGER_CLI_LANG: '' },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const line = r.stdout.trim().split('\n').find((l) => l.startsWith('{'));
    expect(line, r.stderr.slice(-2000)).toBeDefined();
    const out = JSON.parse(line!) as { ok: boolean; data: { applied: Record<string, number> } };
    expect(out, line).toMatchObject({ ok: true });
    expect(out.data.applied).toMatchObject({ new: 2, changed: 1, invalid: 2, applied: 3 });
    office = await openTestOffice({ dataDir, clock: new TestClock('2026-03-10T02:00:00.000Z') });
    expect(await loansCount()).toBe(3);
    await office.close();
    rmSync(work, { recursive: true, force: true });
    // afterEach closes `office` again: a fresh one of its own.
    office = await openTestOffice();
  });
});
