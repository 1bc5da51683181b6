// Monitoring cases from the national system's list: recorded as cases identified (and perhaps
// eliminated) there, with a history entry saying so, so that the ledger, the visit schedule and the
// elimination rules work on them; dates in the forms offices' files carry them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { stageUpload } from '../../electron/core/files/store';
import { applyImport } from '../../electron/core/features/files/import/apply';
import { planImport } from '../../electron/core/features/files/import/plan';
import { adminContext, genHouseholds, importedHouseholds, parsedOf, simpleXlsx, testControl } from '../fixtures/importWorkbooks';
import { openTestOffice, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
  office.clock.set('2026-03-10');
});
afterEach(async () => {
  await office.close();
});

const headers = ['户编号', '姓名', '证件号码', '易返贫致贫户(监测对象)类型', '致贫原因1', '风险识别时间', '风险是否消除', '风险消除时间', '风险消除方式'];

async function preview(fileName: string, bytes: Buffer): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, fileName, bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'cases' });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

async function apply(previewId: string, mode: 'allOrNothing' | 'validOnly') {
  const { jobId } = await office.call('files.importApply', { previewId, mode });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`apply ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as { counts: Record<string, number> };
}

describe('monitoring cases from the national list', () => {
  it('records identified and eliminated cases with their history, schedule and household kind; refuses conflicts; re-imports unchanged', async () => {
    const gen = genHouseholds(5, 7); // household 7 is an ordinary household
    const ctx = await adminContext(office);
    const setup = await planImport(ctx, parsedOf({ kind: 'households', records: importedHouseholds(gen, office.villages) }), testControl());
    await applyImport(ctx, setup, 'allOrNothing', testControl());
    const ids = new Map((await office.core.db.selectFrom('households').select(['id', 'household_code']).execute()).map((h) => [h.household_code, h.id]));
    const [h1, h2, h3, h4] = gen;
    // H4 already has a case the office opened itself.
    await office.call('monitoring.open', { householdId: ids.get(h4!.code)!, clueSource: 'cadreVisit', clueDate: '2026-03-01', risks: ['illness'] });

    // Person-level rows (the household's case repeats on each member's row), dates as offices write them.
    const rowsOf = (h: (typeof gen)[number], cells: (string | number | null)[]) => h.members.map((m) => [h.code, m.name, m.idNumber, ...cells]);
    const bytes = await simpleXlsx(
      headers,
      [
        ...rowsOf(h1!, ['边缘易致贫户', '因病', 45047, '否', null, null]), // Excel serial of 2023-05-01
        ...rowsOf(h2!, ['脱贫不稳定户', '因学', '2023.05', '是', '202312', '帮扶消除']),
        ...rowsOf(h3!, ['突发严重困难户', '因自然灾害', '2023年5月', '否', null, null]),
        ...rowsOf(h4!, ['脱贫不稳定户', '因病', '202305', '否', null, null]),
        ['3504211019999999', '某人', '', '边缘易致贫户', '因病', '2024-01-15', '否', null, null],
      ],
      '防返贫监测对象名单',
    );
    const p = await preview('监测对象名单.xlsx', bytes);
    expect(p.headerLine).toBe(2);
    const h4Lines = h4!.members.map((_, i) => 3 + h1!.members.length + h2!.members.length + h3!.members.length + i);
    const unknownLine = h4Lines.at(-1)! + 1;
    expect(p.counts).toMatchObject({ new: 3, changed: 0, unchanged: 0, invalid: h4Lines.length + 1 });
    expect(p.invalidRows.map((r) => r.line)).toEqual([...h4Lines, unknownLine]);
    expect(p.invalidRows[0]!.reason).toContain('已有识别中的案件');
    expect(p.invalidRows.at(-1)!.reason).toContain('户编号 3504211019999999 在本系统中不存在');

    expect(await apply(p.previewId, 'validOnly')).toMatchObject({ counts: { new: 3, applied: 3 } });

    const list = await office.call('monitoring.list', { status: 'all', search: '', sort: { column: 'householdCode', direction: 'asc' }, offset: 0, limit: 50 });
    const byCode = new Map(list.rows.map((r) => [r.householdCode, r]));
    expect(byCode.get(h1!.code)).toMatchObject({ status: 'monitoring', category: 'marginal', risks: ['illness'], includedDate: '2023-05-01', eliminatedDate: null });
    expect(byCode.get(h2!.code)).toMatchObject({ status: 'eliminated', category: 'unstableExited', risks: ['schooling'], includedDate: '2023-05-01', eliminatedDate: '2023-12-01' });
    expect(byCode.get(h3!.code)).toMatchObject({ status: 'monitoring', category: 'suddenHardship', risks: ['disaster'] });

    // The case page: history says where it came from; the elimination rules and the schedule work on it.
    const c1 = await office.call('monitoring.get', { id: byCode.get(h1!.code)!.id });
    expect(c1.case).toMatchObject({ clueSource: 'other', includedDate: '2023-05-01', activeWorkflow: null, categoryConfirmedBy: '林主任（导入国家系统数据）' });
    expect(c1.steps).toHaveLength(1);
    expect(c1.steps[0]).toMatchObject({ workflow: 'identification', step: 'countyDecision', date: '2023-05-01', outcome: 'passed', people: ['国家防返贫监测信息系统'] });
    expect(c1.steps[0]!.note).toContain('从国家防返贫监测信息系统导入');
    expect(c1.elimination).not.toBeNull();
    expect(c1.household.kind).toBe('monitored'); // was an ordinary household
    expect(c1.household.visitCycle).toBe('openCase');
    expect(c1.deadlines.plan?.date).toBe('2023-05-11');
    const c2 = await office.call('monitoring.get', { id: byCode.get(h2!.code)!.id });
    expect(c2.case).toMatchObject({ status: 'eliminated', eliminationMethod: 'assisted', eliminatedDate: '2023-12-01' });
    expect(c2.steps.map((s) => `${s.workflow}:${s.step}:${s.date}`)).toEqual(['identification:countyDecision:2023-05-01', 'elimination:countyDecision:2023-12-01']);
    expect(c2.household.visitCycle).toBe('eliminated');
    expect(c2.workflow.reopenBlockedReason).toBeNull(); // a 回退 works on it

    // The same file again: nothing new, nothing changed.
    const again = await preview('监测对象名单.xlsx', bytes);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    const casesBefore = await office.core.db.selectFrom('monitoring_cases').selectAll().orderBy('id').execute();
    await apply(again.previewId, 'validOnly');
    expect(await office.core.db.selectFrom('monitoring_cases').selectAll().orderBy('id').execute()).toEqual(casesBefore);

    // Next quarter's list: H1 eliminated in the national system, H3 with a different category is refused.
    const next = await simpleXlsx(headers, [
      ...rowsOf(h1!, ['边缘易致贫户', '因病', 45047, '是', '2026.02', '自然消除']),
      ...rowsOf(h3!, ['边缘易致贫户', '因自然灾害', '2025年5月', '否', null, null]),
    ]);
    const p3 = await preview('监测对象名单（新）.xlsx', next);
    expect(p3.counts).toMatchObject({ new: 0, changed: 1, invalid: h3!.members.length });
    expect(p3.invalidRows[0]!.reason).toContain('与文件中的类别（边缘易致贫户）不同');
    await apply(p3.previewId, 'validOnly');
    const e1 = await office.call('monitoring.get', { id: byCode.get(h1!.code)!.id });
    expect(e1.case).toMatchObject({ status: 'eliminated', eliminatedDate: '2026-02-01', eliminationMethod: 'natural' });
    expect(e1.steps.at(-1)).toMatchObject({ workflow: 'elimination', step: 'countyDecision', date: '2026-02-01' });
    expect(e1.household.visitCycle).toBe('eliminated');
  });
});
