import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../../electron/core/features/measures/catalog';
import { guaranteeKeys, type CaseStatus, type RiskType } from '../../shared/domain/monitoring';
import { openTestOffice, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';

// The measure catalog and case plans through the core: the catalog loads once, measures answer
// the case's open risks, status moves forward only, and every change is audited. Cases are written
// with SQL here so these tests do not depend on the monitoring workflow.

let office: TestOffice;
let seq = 0;

async function newHousehold(kind: 'povertyExited' | 'ordinary' = 'ordinary'): Promise<string> {
  seq += 1;
  const { id } = await office.call(
    'households.create',
    householdInput(office, {
      householdCode: `35042110100190${String(seq).padStart(2, '0')}`,
      kind,
      members: [member(`户主${seq}`, idOf('19700101', 100 + seq * 2 + 1), 'head')],
    }),
  );
  return id;
}

async function insertCase(
  householdId: string,
  opts: { status?: CaseStatus; risks?: RiskType[]; includedDate?: string; planDueDate?: string | null; helperName?: string | null } = {},
): Promise<string> {
  const status = opts.status ?? 'monitoring';
  const id = `case-${householdId}-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const now = new Date().toISOString();
  await office.core.db
    .insertInto('monitoring_cases')
    .values({
      id,
      office_code: '350421101',
      created_at: now,
      updated_at: now,
      updated_by: 'test',
      deleted_at: null,
      delete_reason: null,
      case_code: `JC${id.slice(-8)}`,
      household_id: householdId,
      status,
      category: status === 'identifying' ? null : 'marginal',
      suggested_category: null,
      category_confirmed_by: null,
      helper_name: opts.helperName === undefined ? '陈帮扶' : opts.helperName,
      helper_phone: null,
      clue_source: 'cadreVisit',
      clue_date: '2026-02-01',
      clue_note: null,
      deadline_date: '2026-02-16',
      included_date: status === 'identifying' ? null : (opts.includedDate ?? '2026-02-10'),
      plan_due_date: status === 'identifying' ? null : opts.planDueDate === undefined ? '2026-02-20' : opts.planDueDate,
      eliminated_date: status === 'eliminated' ? '2026-09-01' : null,
      elimination_method: status === 'eliminated' ? 'assisted' : null,
      rejected_date: status === 'rejected' ? '2026-02-10' : null,
      reject_reason: status === 'rejected' ? '不符合条件' : null,
      guarantees: JSON.stringify(Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }]))),
      active_workflow: null,
      next_step: null,
      round: 1,
    })
    .execute();
  for (const r of opts.risks ?? ['illness', 'schooling']) {
    await office.core.db
      .insertInto('case_risks')
      .values({
        id: `${id}-${r}`,
        office_code: '350421101',
        created_at: now,
        updated_at: now,
        updated_by: 'test',
        deleted_at: null,
        delete_reason: null,
        case_id: id,
        risk_type: r,
        note: null,
      })
      .execute();
  }
  return id;
}

beforeAll(async () => {
  office = await openTestOffice();
  office.clock.set('2026-03-10');
});
afterAll(async () => {
  await office.close();
});

describe('measure catalog', () => {
  it('loads the shipped catalog once, with one audit line', async () => {
    const before = await office.core.db.selectFrom('measure_types').select('code').execute();
    expect(before).toHaveLength(0);

    const first = await office.call('measures.catalog', {});
    const shipped = shippedCatalog();
    expect(shipped.length).toBeGreaterThanOrEqual(30);
    expect(first.types.map((t) => t.code)).toEqual(shipped.map((t) => t.code));
    expect(first.types.every((t) => t.active && t.usedCount === 0 && t.riskTypes.length > 0)).toBe(true);
    const families = new Set(first.types.map((t) => t.family));
    for (const f of ['industry', 'employment', 'finance', 'health', 'education', 'socialSecurity', 'housing', 'drinkingWater', 'aspiration', 'pairing', 'social']) {
      expect(families.has(f as never)).toBe(true);
    }
    // DOMAIN §10's matching: every risk type has at least one measure that answers it.
    for (const r of ['illness', 'disability', 'schooling', 'disaster', 'accident', 'businessFailure', 'unstableJob', 'lackOfLabor', 'housing', 'drinkingWater', 'other']) {
      expect(first.types.some((t) => t.riskTypes.includes(r as RiskType))).toBe(true);
    }

    const again = await office.call('measures.catalog', {});
    expect(again.types).toHaveLength(first.types.length);
    const loads = await office.core.db.selectFrom('audit_log').selectAll().where('entity', '=', 'measureCatalog').execute();
    expect(loads).toHaveLength(1);
    expect(loads[0]!.summary).toContain(`${shipped.length} 项`);
  });

  it('lets the admin rename, switch off and add types, never delete', async () => {
    const renamed = await office.call('measures.saveType', {
      code: 'JK04',
      family: 'health',
      name: '家庭医生签约服务（重点人群）',
      riskTypes: ['illness', 'disability'],
      hasAmount: false,
      active: true,
    });
    expect(renamed).toMatchObject({ code: 'JK04', name: '家庭医生签约服务（重点人群）' });

    const off = await office.call('measures.saveType', { code: 'QT01', family: 'other', name: '其他帮扶措施', riskTypes: ['other'], active: false });
    expect(off.active).toBe(false);

    const added = await office.call('measures.saveType', { family: 'industry', name: '庭院经济奖补', riskTypes: ['businessFailure', 'lackOfLabor'], hasAmount: true });
    expect(added).toMatchObject({ code: 'CY07', family: 'industry', hasAmount: true, active: true, riskTypes: ['businessFailure', 'lackOfLabor'] });
    const withCode = await office.call('measures.saveType', { code: 'zz01', family: 'social', name: '乡贤助学', riskTypes: ['schooling'] });
    expect(withCode.code).toBe('ZZ01');

    const catalog = await office.call('measures.catalog', {});
    expect(catalog.types.find((t) => t.code === 'QT01')?.active).toBe(false);
    expect(catalog.types.at(-1)?.code).toBe('ZZ01');

    const audit = await office.core.db.selectFrom('audit_log').select(['summary', 'entity']).where('entity', '=', 'measureType').execute();
    expect(audit.map((a) => a.summary)).toEqual([
      '修改帮扶措施目录项：JK04 家庭医生签约服务（重点人群）',
      '停用帮扶措施目录项：QT01 其他帮扶措施',
      '新增帮扶措施目录项：CY07 庭院经济奖补（产业帮扶）',
      '新增帮扶措施目录项：ZZ01 乡贤助学（社会帮扶）',
    ]);

    const clerk = await office.loginAs('clerk');
    const refused = await office.fail('measures.saveType', { code: 'JK04', family: 'health', name: 'x', riskTypes: ['illness'] }, clerk);
    expect(refused.code).toBe('FORBIDDEN');
    const noRisk = await office.fail('measures.saveType', { family: 'health', name: '空', riskTypes: [] });
    expect(noRisk.fields?.riskTypes).toBe('请至少选择一种对应的风险类型');
  });
});

describe('case plan', () => {
  let caseId: string;
  let householdId: string;

  beforeAll(async () => {
    householdId = await newHousehold();
    caseId = await insertCase(householdId, { risks: ['illness', 'schooling'] });
  });

  it('defaults a measure to the open risks its type answers and shows coverage per risk', async () => {
    const empty = await office.call('measures.forCase', { caseId });
    expect(empty).toMatchObject({
      editable: true,
      openRisks: ['illness', 'schooling'],
      defaultHelperName: '陈帮扶',
      planDueDate: '2026-02-20',
      planOverdue: true,
      measures: [],
    });
    expect(empty.coverage.map((c) => [c.riskType, c.covered])).toEqual([
      ['illness', false],
      ['schooling', false],
    ]);

    const clerk = await office.loginAs('clerk');
    const health = await office.call(
      'measures.create',
      { caseId, measureTypeCode: 'JK03', responsibleUnit: '县医保局', plannedDate: '2026-03-15', amountFen: 350_000, note: '住院费用救助' },
      clerk,
    );
    expect(health).toMatchObject({
      measureTypeCode: 'JK03',
      typeName: '医疗救助',
      family: 'health',
      hasAmount: true,
      riskTypes: ['illness'],
      helperName: '陈帮扶',
      status: 'planned',
      amountFen: 350_000,
      note: '住院费用救助',
      cancelReason: null,
    });

    const half = await office.call('measures.forCase', { caseId });
    expect(half.coverage.map((c) => [c.riskType, c.covered, c.done])).toEqual([
      ['illness', true, false],
      ['schooling', false, false],
    ]);
    expect(half.planOverdue).toBe(true);

    const school = await office.call('measures.create', { caseId, measureTypeCode: 'jx03', responsibleUnit: '县教育局', helperName: '李老师', plannedDate: '2026-04-01' });
    expect(school).toMatchObject({ measureTypeCode: 'JX03', riskTypes: ['schooling'], helperName: '李老师', amountFen: null });

    const full = await office.call('measures.forCase', { caseId });
    expect(full.planOverdue).toBe(false);
    expect(full.measures.map((m) => m.measureTypeCode)).toEqual(['JK03', 'JX03']);
    expect(full.coverage.every((c) => c.covered)).toBe(true);
    expect(full.coverage.find((c) => c.riskType === 'illness')?.measureIds).toEqual([health.id]);

    const catalog = await office.call('measures.catalog', {});
    expect(catalog.types.find((t) => t.code === 'JK03')?.usedCount).toBe(1);

    const audit = await auditRows(office, health.id);
    expect(audit[0]?.summary).toMatch(/^为户主\d+户（JC.+）制定帮扶措施：医疗救助（解决因病）$/);
  });

  it('takes a measure that answers several open risks, or the risks the clerk picks', async () => {
    const hh = await newHousehold();
    const c = await insertCase(hh, { risks: ['disaster', 'housing', 'illness'] });
    const rebuild = await office.call('measures.create', { caseId: c, measureTypeCode: 'ZF02', responsibleUnit: '县住建局', plannedDate: '2026-03-20', amountFen: 2_000_000 });
    expect(rebuild.riskTypes).toEqual(['disaster', 'housing']);
    const picked = await office.call('measures.create', { caseId: c, measureTypeCode: 'ZB03', riskTypes: ['illness'], responsibleUnit: '乡民政办', plannedDate: '2026-03-20' });
    expect(picked.riskTypes).toEqual(['illness']);
  });

  it('refuses measures that do not fit the case, with a message', async () => {
    const base = { caseId, responsibleUnit: '乡政府', plannedDate: '2026-03-20' };
    const wrongType = await office.fail('measures.create', { ...base, measureTypeCode: 'ZF01' });
    expect(wrongType.code).toBe('RULE');
    expect(wrongType.message).toContain('农村危房改造');
    expect(wrongType.message).toContain('因病、因学');

    const notOpen = await office.fail('measures.create', { ...base, measureTypeCode: 'JD01', riskTypes: ['housing'] });
    expect(notOpen.code).toBe('RULE');
    expect(notOpen.fields?.riskTypes).toBeDefined();

    const noAmount = await office.fail('measures.create', { ...base, measureTypeCode: 'JK04', amountFen: 100 });
    expect(noAmount.fields?.amountFen).toBeDefined();

    const inactive = await office.fail('measures.create', { ...base, measureTypeCode: 'QT01', riskTypes: ['illness'] });
    expect(inactive.code).toBe('RULE');
    expect(inactive.message).toContain('已在目录中停用');

    const unknown = await office.fail('measures.create', { ...base, measureTypeCode: 'NOPE99' });
    expect(unknown.fields?.measureTypeCode).toBeDefined();

    const missing = await office.fail('measures.create', { caseId, measureTypeCode: 'JK03', plannedDate: '2026-03-20' });
    expect(missing.fields?.responsibleUnit).toBe('请填写责任单位');

    for (const status of ['eliminated', 'rejected'] as const) {
      const hh = await newHousehold();
      const closedCase = await insertCase(hh, { status });
      const refused = await office.fail('measures.create', { ...base, caseId: closedCase, measureTypeCode: 'JK03' });
      expect(refused.code).toBe('RULE');
      expect(refused.message).toContain(status === 'eliminated' ? '风险已消除' : '未纳入');
      expect((await office.call('measures.forCase', { caseId: closedCase })).editable).toBe(false);
    }

    const identifying = await insertCase(await newHousehold(), { status: 'identifying', risks: ['illness'] });
    const early = await office.call('measures.create', { ...base, caseId: identifying, measureTypeCode: 'JK03' });
    expect(early.status).toBe('planned');

    const noRisks = await insertCase(await newHousehold(), { risks: [] });
    expect((await office.fail('measures.create', { ...base, caseId: noRisks, measureTypeCode: 'JK03' })).message).toContain('尚未登记风险类型');

    expect((await office.fail('measures.forCase', { caseId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('moves a measure forward to 已落实 and never back', async () => {
    const m = await office.call('measures.create', { caseId, measureTypeCode: 'JK05', responsibleUnit: '乡卫生院', plannedDate: '2026-03-01' });
    const started = await office.call('measures.update', { id: m.id, status: 'inProgress' });
    expect(started.status).toBe('inProgress');

    const future = await office.fail('measures.update', { id: m.id, status: 'done', doneDate: '2026-03-11' });
    expect(future.fields?.doneDate).toBe('不能晚于今天');
    const noDate = await office.fail('measures.update', { id: m.id, status: 'done' });
    expect(noDate.fields?.doneDate).toBe('标记已落实时请填写落实日期');

    const done = await office.call('measures.update', { id: m.id, status: 'done', doneDate: '2026-02-25' }); // before the planned date: allowed
    expect(done).toMatchObject({ status: 'done', doneDate: '2026-02-25' });

    const back = await office.fail('measures.update', { id: m.id, status: 'inProgress' });
    expect(back.code).toBe('RULE');
    expect(back.message).toContain('已落实');
    const locked = await office.fail('measures.update', { id: m.id, responsibleUnit: '县卫健局' });
    expect(locked.code).toBe('RULE');
    const fixed = await office.call('measures.update', { id: m.id, doneDate: '2026-03-02', note: '已签约' });
    expect(fixed).toMatchObject({ status: 'done', doneDate: '2026-03-02', note: '已签约' });

    const dateWithoutDone = await office.fail('measures.update', { id: (await office.call('measures.forCase', { caseId })).measures.find((x) => x.status === 'planned')!.id, doneDate: '2026-03-01' });
    expect(dateWithoutDone.fields?.doneDate).toBeDefined();

    const audit = await auditRows(office, m.id);
    expect(audit.map((a) => a.summary)).toEqual(
      expect.arrayContaining([expect.stringContaining('帮扶措施改为落实中'), expect.stringContaining('帮扶措施改为已落实（2026-02-25）'), expect.stringContaining('修改帮扶措施')]),
    );
  });

  it('edits planned measures, and cancels with a reason, which uncovers the risk', async () => {
    const plan = await office.call('measures.forCase', { caseId });
    const school = plan.measures.find((m) => m.measureTypeCode === 'JX03')!;
    const edited = await office.call('measures.update', { id: school.id, plannedDate: '2026-04-15', helperName: '', amountFen: 150_000, responsibleUnit: '县教育局资助中心' });
    expect(edited).toMatchObject({ plannedDate: '2026-04-15', helperName: null, amountFen: 150_000, responsibleUnit: '县教育局资助中心', status: 'planned' });

    const switched = await office.call('measures.update', { id: school.id, measureTypeCode: 'JX01' });
    expect(switched).toMatchObject({ measureTypeCode: 'JX01', typeName: '义务教育控辍保学', riskTypes: ['schooling'], amountFen: null });

    const noReason = await office.fail('measures.update', { id: school.id, status: 'cancelled' });
    expect(noReason.fields?.cancelReason).toBe('取消措施请填写原因');
    const cancelled = await office.call('measures.update', { id: school.id, status: 'cancelled', cancelReason: '学生已转学外省' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '学生已转学外省', note: null });

    const after = await office.call('measures.forCase', { caseId });
    expect(after.coverage.find((c) => c.riskType === 'schooling')).toMatchObject({ covered: false, measureIds: [] });
    expect(after.measures.some((m) => m.id === school.id && m.status === 'cancelled')).toBe(true);
    expect(after.planOverdue).toBe(true);

    const again = await office.fail('measures.update', { id: school.id, note: '改' });
    expect(again.message).toContain('已取消');

    const audit = await auditRows(office, school.id);
    expect(audit.some((a) => a.summary.includes('取消帮扶措施（学生已转学外省）'))).toBe(true);
    const cancelChange = audit.find((a) => a.summary.includes('取消'))!.changes;
    expect(cancelChange).toEqual(expect.arrayContaining([{ field: 'status', before: 'planned', after: 'cancelled' }]));
  });

  it('computes coverage from the measure rows as S2 reads them', async () => {
    const rows = await office.core.db
      .selectFrom('measures')
      .select(['risk_types', 'status'])
      .where('case_id', '=', caseId)
      .execute();
    for (const r of rows) expect(Array.isArray(JSON.parse(r.risk_types))).toBe(true);
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'done', 'planned']);
  });
});

// Issue 15 #19: the case timeline dates a measure by when it was done or cancelled.
describe('a measure on the case timeline', () => {
  it('stands on its done date when done, on the cancelling day when cancelled, else on its planned date', async () => {
    const caseId = await insertCase(await newHousehold(), { risks: ['illness', 'schooling'] });
    const done = await office.call('measures.create', { caseId, measureTypeCode: 'JK05', responsibleUnit: '乡卫生院', plannedDate: '2026-02-20' });
    await office.call('measures.update', { id: done.id, status: 'done', doneDate: '2026-03-05' });
    const cancelled = await office.call('measures.create', { caseId, measureTypeCode: 'JX03', responsibleUnit: '县教育局', plannedDate: '2026-02-22' });
    await office.call('measures.update', { id: cancelled.id, status: 'cancelled', cancelReason: '学生已转学外省' });
    const planned = await office.call('measures.create', { caseId, measureTypeCode: 'JX01', responsibleUnit: '县教育局', plannedDate: '2026-04-01' });

    const { timeline } = await office.call('monitoring.get', { id: caseId });
    const of = (id: string) => timeline.filter((e) => e.refId === id).map((e) => ({ date: e.date, title: e.title }));
    expect(of(done.id)).toEqual([{ date: '2026-03-05', title: expect.stringContaining('已落实') }]);
    expect(of(cancelled.id)).toEqual([{ date: '2026-03-10', title: expect.stringContaining('已取消') }]);
    expect(of(planned.id)).toEqual([{ date: '2026-04-01', title: expect.stringContaining('计划中') }]);
  });
});
