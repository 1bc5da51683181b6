import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findStored } from '../../electron/core/files/store';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { adminPassword, openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

// 月报 (issue 14 item 2): figures as of the month's end from the records' dates; a stored report
// prints the same after later changes; its .xlsx is set up for A4.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-04-15T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function setDay(date: string): Promise<void> {
  office.clock.set(date);
  await office.call('users.unlock', { password: adminPassword });
}

async function household(code: string, size: number): Promise<string> {
  const n = Number(code.slice(-2));
  const members = [member('张大山', idOf('19650312', 100 + n * 3), 'head'), member('李四妹', idOf('19680720', 101 + n * 3), 'spouse'), member('张小明', idOf('19950105', 102 + n * 3), 'son')].slice(0, size);
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code, members }));
  return id;
}

async function openCase(householdId: string, clueDate: string): Promise<string> {
  const c = await office.call('monitoring.open', { householdId, clueSource: 'cadreVisit', clueDate, clueNote: '因病支出大', risks: ['illness'] });
  return c.case.id;
}

function printedHtml(fileId: string): string {
  return readFileSync(findStored(office.dataDir, 'outbox', fileId)!.path, 'utf8');
}

describe('月报', () => {
  it('counts a change dated last month in last month and one dated this month only in this month', async () => {
    const h1 = await household('3504211010010001', 3);
    await setDay('2026-05-10');
    const h2 = await household('3504211010010002', 2);
    await openCase(h1, '2026-04-25');
    await openCase(h2, '2026-05-05');

    const april = await office.call('reports.monthlyPreview', { month: '2026-04' });
    const may = await office.call('reports.monthlyPreview', { month: '2026-05' });
    const pingbu = (f: typeof april) => f.villages.find((v) => v.villageId === office.villages[0]!.id)!.row;
    expect(pingbu(april)).toMatchObject({ householdTotal: 1, population: 3, newClues: 1, identifying: 1, monitoring: 0 });
    expect(pingbu(april).risksByType.illness).toBe(1);
    expect(april.total).toEqual(pingbu(april));
    expect(april.asOf).toBe('2026-04-30');
    expect(pingbu(may)).toMatchObject({ householdTotal: 2, population: 5, newClues: 1, identifying: 2 });
    expect(pingbu(may).risksByType.illness).toBe(2);
    // Both 15-day deadlines (May 10 and May 20) pass in May: overdue at May's end, not April's.
    expect(pingbu(april).identificationOverdue).toBe(0);
    expect(pingbu(may).identificationOverdue).toBe(2);

    // A month not yet begun is refused with words.
    const refused = await office.fail('reports.monthlyMake', { month: '2026-06' });
    expect(refused.message).toContain('还没有开始');
  });

  it('stores what was reported and reprints it identically after later changes', async () => {
    const h1 = await household('3504211010010001', 3);
    await setDay('2026-05-10');
    await openCase(h1, '2026-04-25');

    const made = await office.call('reports.monthlyMake', { month: '2026-04' });
    expect(made).toMatchObject({ month: '2026-04', filledBy: '林主任' });
    expect(made.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await office.core.db.selectFrom('audit_log').selectAll().where('entity_id', '=', made.id).execute();
    expect(audit.map((a) => a.summary).join()).toContain('生成2026年4月月报');

    const first = await office.call('reports.monthlyPrint', { id: made.id });
    expect(first.documents[0]).toMatchObject({ kind: 'report.monthly', recordCode: '2026-04' });
    const firstHtml = printedHtml(first.file.fileId);
    expect(firstHtml).toContain('城关乡2026年4月防止返贫监测月报');
    expect(firstHtml).toContain('填报人：林主任');
    expect(firstHtml).toContain('审核人（签字）');

    // A late entry dated April changes April's figures now, but not the stored report.
    const h2 = await household('3504211010010002', 2);
    await openCase(h2, '2026-04-28');
    const now = await office.call('reports.monthlyPreview', { month: '2026-04' });
    expect(now.total.newClues).toBe(2);

    const again = await office.call('reports.monthlyPrint', { id: made.id });
    expect(again.documents[0]!.contentCode).toBe(first.documents[0]!.contentCode);
    expect(printedHtml(again.file.fileId)).toBe(firstHtml);
    const stored = await office.call('reports.monthlyGet', { id: made.id });
    expect(stored.figures.total.newClues).toBe(1);
    const verified = await office.call('print.verify', { code: first.documents[0]!.contentCode });
    expect(verified).toMatchObject({ found: true, matches: true });

    // A second report of the month is kept beside the first; both are listed.
    const second = await office.call('reports.monthlyMake', { month: '2026-04' });
    expect(second.sha256).not.toBe(made.sha256);
    const { reports } = await office.call('reports.monthlyList', {});
    expect(reports.map((r) => r.id)).toEqual([second.id, made.id]);

    // A stored copy altered outside the program is refused, not printed.
    await office.core.db.updateTable('monthly_reports').set({ figures_json: '{"month":"2026-04"}' }).where('id', '=', made.id).execute();
    expect((await office.fail('reports.monthlyPrint', { id: made.id })).message).toContain('校验值不符');
  });

  it('exports the stored report to .xlsx set up for A4 with the title and 填报人', async () => {
    const h1 = await household('3504211010010001', 3);
    await setDay('2026-05-10');
    await openCase(h1, '2026-04-25');
    const made = await office.call('reports.monthlyMake', { month: '2026-04' });
    const { jobId } = await office.call('reports.monthlyExport', { id: made.id });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.status).toBe('done');
    const result = exportResultSchema.parse(snap.result);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(office.core.outboxFile('admin-session', result.file.fileId)!.path);
    expect(wb.worksheets).toHaveLength(3);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, printTitlesRow: '3:3' });
    expect(String(ws.getCell('A1').value)).toContain('城关乡2026年4月防止返贫监测月报');
    expect(String(ws.getCell('A2').value)).toContain('填报人：林主任');
    expect(ws.getRow(3).values).toContain('本月新增线索');
    const total = ws.getRow(3 + office.villages.length + 1);
    expect(total.getCell(1).value).toBe('合计');
  });
});
