// Issue 11, item 5: the office's 帮扶措施台账 and 走访记录 import into the cases and households they
// belong to, through the measures and visits services' own write functions. A household the ledger
// lacks is a refused row; a household with no open case is refused for measures with a message that
// says so; the catalog type is found by name or code; re-importing the same file changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import { stageUpload } from '../../electron/core/files/store';
import { applyImport } from '../../electron/core/features/files/import/apply';
import { planImport } from '../../electron/core/features/files/import/plan';
import { adminContext, genHouseholds, importedHouseholds, parsedOf, simpleXlsx, testControl, type GenHousehold } from '../fixtures/importWorkbooks';
import { openTestOffice, type TestOffice } from './harness';

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice();
  office.clock.set('2026-03-10');
});
afterEach(async () => {
  await office.close();
});

async function preview(kind: 'measures' | 'visits', fileName: string, bytes: Buffer): Promise<ImportPreview> {
  const staged = stageUpload(office.dataDir, fileName, bytes);
  const { jobId } = await office.call('files.importPreview', { fileId: staged.fileId, kind });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`preview ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as ImportPreview;
}

async function apply(previewId: string, mode: 'allOrNothing' | 'validOnly') {
  const { jobId } = await office.call('files.importApply', { previewId, mode });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`apply ${snap.status}: ${snap.error?.message ?? ''}`);
  return snap.result as { counts: Record<string, number>; errorWorkbook: unknown };
}

/** Four households in the ledger; the first two with an open case (因病). */
async function setup(): Promise<{ gen: GenHousehold[]; ids: Map<string, string>; cases: Map<string, string> }> {
  const gen = genHouseholds(4, 1);
  const ctx = await adminContext(office);
  await applyImport(ctx, await planImport(ctx, parsedOf({ kind: 'households', records: importedHouseholds(gen, office.villages) }), testControl()), 'allOrNothing', testControl());
  const ids = new Map((await office.core.db.selectFrom('households').select(['id', 'household_code']).execute()).map((h) => [h.household_code, h.id]));
  const cases = new Map<string, string>();
  for (const h of gen.slice(0, 2)) {
    await office.call('monitoring.open', { householdId: ids.get(h.code)!, clueSource: 'cadreVisit', clueDate: '2026-03-01', risks: ['illness'] });
    const opened = await office.core.db.selectFrom('monitoring_cases').select('id').where('household_id', '=', ids.get(h.code)!).executeTakeFirstOrThrow();
    cases.set(h.code, opened.id);
  }
  return { gen, ids, cases };
}

const count = async (table: 'measures' | 'visits') => Number((await office.core.db.selectFrom(table).select((e) => e.fn.countAll().as('n')).where('deleted_at', 'is', null).executeTakeFirstOrThrow()).n);

describe('帮扶措施台账', () => {
  it('imports one measure per row into the open case (type by name or code, by 户编号 or 证件号码, done when dated); refuses unknown households, no open case, unknown types; re-import unchanged', async () => {
    const { gen, cases } = await setup();
    const [h1, h2, h3] = gen;
    const headers = ['序号', '户编号', '户主身份证号', '户主姓名', '措施类型', '计划时间', '落实时间', '帮扶金额（元）', '责任单位'];
    const rows = [
      [1, h1!.code, '', h1!.members[0]!.name, '医疗救助', '2026-03-02', '2026-03-05', '1,200.50', '乡民政办'],
      [2, '', h2!.members[0]!.idNumber, h2!.members[0]!.name, 'jk05', '2026.03', '', '', ''],
      [3, h3!.code, '', '', '医疗救助', '2026-03-02', '', '', ''], // no open case
      [4, '3504211019999999', '', '', '医疗救助', '2026-03-02', '', '', ''], // unknown household
      [5, h1!.code, '', '', '种菜', '2026-03-02', '', '', ''], // not in the catalog
      [6, h2!.code, '', '', '家庭医生签约服务', '2026-03-03', '', '500', ''], // amount on a type without one
      [7, '', '', '', '医疗救助', '2026-03-02', '', '', ''], // no household named
    ];
    const bytes = await simpleXlsx(headers, rows, '2026年帮扶措施台账');
    const p = await preview('measures', '帮扶措施台账.xlsx', bytes);
    expect(p.missingRequired).toEqual([]);
    expect(p.counts).toMatchObject({ rows: 7, new: 2, changed: 0, unchanged: 0, invalid: 5 });
    const reasons = p.invalidRows.map((r) => r.reason);
    expect(reasons.find((r) => r.startsWith('第 5 行'))).toContain('没有正在监测的监测对象');
    expect(reasons.find((r) => r.startsWith('第 6 行'))).toContain('台账中没有户编号为 3504211019999999 的农户');
    expect(reasons.find((r) => r.startsWith('第 7 行'))).toContain('措施类型“种菜”不在本乡镇的措施目录中');
    expect(reasons.find((r) => r.startsWith('第 8 行'))).toContain('不涉及资金');
    expect(reasons.find((r) => r.startsWith('第 9 行'))).toContain('请填写户编号或证件号码');

    const result = await apply(p.previewId, 'validOnly');
    expect(result.counts).toMatchObject({ new: 2, invalid: 5, applied: 2 });
    expect(result.errorWorkbook).not.toBeNull();
    const measures = await office.core.db.selectFrom('measures').selectAll().orderBy('planned_date').execute();
    expect(measures).toHaveLength(2);
    const m1 = measures.find((m) => m.case_id === cases.get(h1!.code))!;
    expect(m1).toMatchObject({ measure_type_code: 'JK03', status: 'done', done_date: '2026-03-05', amount_fen: 120050, responsible_unit: '乡民政办', planned_date: '2026-03-02' });
    const m2 = measures.find((m) => m.case_id === cases.get(h2!.code))!;
    expect(m2).toMatchObject({ measure_type_code: 'JK05', status: 'planned', planned_date: '2026-03-01', amount_fen: null });
    expect(m2.responsible_unit).toMatch(/政府$/);
    const audits = await office.core.db.selectFrom('audit_log').select('summary').where('entity', '=', 'measure').execute();
    expect(audits.length).toBe(3); // two created, one marked done

    // The same file again: nothing new; the refused rows are refused again.
    const again = await preview('measures', '帮扶措施台账.xlsx', bytes);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 2, invalid: 5 });
    await apply(again.previewId, 'validOnly');
    expect(await count('measures')).toBe(2);

    // Next month's ledger says the planned one is done: marked done through the service, not added.
    const later = await simpleXlsx(headers, [[1, h2!.code, '', '', 'JK05', '2026-03-01', '2026-03-08', '', '']]);
    const done = await preview('measures', '帮扶措施台账4月.xlsx', later);
    expect(done.counts).toMatchObject({ new: 0, changed: 1, unchanged: 0, invalid: 0 });
    await apply(done.previewId, 'allOrNothing');
    expect(await count('measures')).toBe(2);
    expect(await office.core.db.selectFrom('measures').select(['status', 'done_date']).where('id', '=', m2.id).executeTakeFirstOrThrow()).toEqual({ status: 'done', done_date: '2026-03-08' });
  });
});

describe('走访记录', () => {
  it('imports one visit per row (linked to the open case by the visits service), keeps an unknown 走访方式 in the findings; refuses unknown households; re-import unchanged', async () => {
    const { gen, cases, ids } = await setup();
    const [h1, , h3] = gen;
    const headers = ['户编号', '身份证号码', '走访日期', '走访人', '走访方式', '走访内容'];
    const rows = [
      [h1!.code, '', '2026-03-03', '张三、李四', '日常走访', '了解就医情况，已报销'],
      ['', h3!.members[1]?.idNumber ?? h3!.members[0]!.idNumber, '2026年3月4日', '王五', '电话', '家中无新增困难'],
      ['3504211019999999', '', '2026-03-04', '王五', '', '无'],
      [h1!.code, '', '2026-03-20', '王五', '', '未来日期'],
    ];
    const bytes = await simpleXlsx(headers, rows);
    const p = await preview('visits', '走访记录.xlsx', bytes);
    expect(p.counts).toMatchObject({ rows: 4, new: 2, changed: 0, unchanged: 0, invalid: 2 });
    const reasons = p.invalidRows.map((r) => r.reason);
    expect(reasons.find((r) => r.startsWith('第 4 行'))).toContain('台账中没有户编号为 3504211019999999 的农户');
    expect(reasons.find((r) => r.startsWith('第 5 行'))).toContain('走访日期不能晚于今天');
    await apply(p.previewId, 'validOnly');
    const visits = await office.core.db.selectFrom('visits').selectAll().orderBy('visit_date').execute();
    expect(visits).toHaveLength(2);
    expect(visits[0]).toMatchObject({ household_id: ids.get(h1!.code), case_id: cases.get(h1!.code), kind: 'routine', visit_date: '2026-03-03' });
    expect(JSON.parse(visits[0]!.visitors)).toEqual(['张三', '李四']);
    expect(visits[1]).toMatchObject({ household_id: ids.get(h3!.code), case_id: null, findings: '家中无新增困难（走访方式：电话）' });
    const household = await office.core.db.selectFrom('households').select('last_visit_date').where('id', '=', ids.get(h1!.code)!).executeTakeFirstOrThrow();
    expect(household.last_visit_date).toBe('2026-03-03');

    const again = await preview('visits', '走访记录.xlsx', bytes);
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2, invalid: 2 });
    await apply(again.previewId, 'validOnly');
    expect(await count('visits')).toBe(2);
  });
});
