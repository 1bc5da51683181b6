// Shared steps of the 到户资金 and 项目资产 integration tests: a batch, a project taken into the
// library and through 完工, a monitoring case written with SQL, a payment list's steps.
import type { InputOf, OutputOf } from '../../shared/contract';
import type { ProjectStepKind } from '../../shared/domain/funds';
import type { RiskType } from '../../shared/domain/monitoring';
import { guaranteeKeys } from '../../shared/domain/monitoring';
import { adminPassword, type TestOffice } from './harness';

type Detail = OutputOf<'funds.getProject'>;

export async function setDay(o: TestOffice, date: string) {
  o.clock.set(date);
  await o.call('users.unlock', { password: adminPassword });
}

export function batch(o: TestOffice, over: Partial<InputOf<'funds.createBatch'>> = {}) {
  return o.call('funds.createBatch', {
    docNo: '明财农〔2026〕3号',
    issuedDate: '2026-02-20',
    year: 2026,
    level: 'county',
    sourceCode: 'county',
    amountFen: 1_000_000_00,
    useDirection: '产业发展',
    ...over,
  });
}

export function project(o: TestOffice, over: Partial<InputOf<'funds.createProject'>> = {}) {
  return o.call('funds.createProject', {
    name: '坪埠村食用菌大棚',
    projectType: 'industry',
    year: 2026,
    villageIds: [o.villages[0]!.id],
    content: '新建标准化大棚 20 个',
    implementingUnit: '坪埠村股份经济合作社',
    budgetFen: 600_000_00,
    beneficiaryHouseholds: 40,
    beneficiaryExited: 12,
    beneficiaryMonitored: 3,
    performanceTarget: '带动 40 户户均增收 2000 元',
    farmerLink: '务工带动、入股分红',
    ...over,
  });
}

async function step(o: TestOffice, p: Detail, kind: ProjectStepKind, date: string, noticeEnd: string | null = null): Promise<Detail> {
  await setDay(o, date);
  return o.call('funds.recordStep', { projectId: p.id, step: kind, date, people: '林主任、张会计', docNo: null, noticeEnd, outcome: 'passed' });
}

/** 村申报 → 入库公告 with notices of exactly the default minimum (10 days). */
export async function intoLibrary(o: TestOffice, p: Detail): Promise<Detail> {
  p = await step(o, p, 'villageApply', '2026-03-02');
  p = await step(o, p, 'villageNotice', '2026-03-03', '2026-03-12');
  p = await step(o, p, 'townshipReview', '2026-03-13');
  p = await step(o, p, 'townshipNotice', '2026-03-14', '2026-03-23');
  p = await step(o, p, 'countyApprove', '2026-03-24');
  return step(o, p, 'libraryNotice', '2026-03-25', '2026-04-03');
}

/** 列入年度计划 → 实施 → 完工 → 验收. */
export async function throughAcceptance(o: TestOffice, p: Detail): Promise<Detail> {
  p = await step(o, p, 'annualPlan', '2026-04-05');
  p = await step(o, p, 'implement', '2026-04-10');
  p = await step(o, p, 'complete', '2026-06-30');
  return step(o, p, 'accept', '2026-07-05');
}

/** A monitoring case written with SQL (the workflow is not under test here). */
export async function insertCase(o: TestOffice, householdId: string, risks: RiskType[]): Promise<string> {
  const id = `case-${householdId}`;
  const now = new Date().toISOString();
  const meta = { office_code: '350421101', created_at: now, updated_at: now, updated_by: 'test', deleted_at: null, delete_reason: null };
  await o.core.db
    .insertInto('monitoring_cases')
    .values({
      id,
      ...meta,
      case_code: `JC${householdId.slice(-6)}`,
      household_id: householdId,
      status: 'monitoring',
      category: 'marginal',
      suggested_category: null,
      category_confirmed_by: null,
      helper_name: '陈帮扶',
      helper_phone: null,
      clue_source: 'cadreVisit',
      clue_date: '2026-02-01',
      clue_note: null,
      deadline_date: '2026-02-16',
      included_date: '2026-02-10',
      plan_due_date: '2026-02-20',
      eliminated_date: null,
      elimination_method: null,
      rejected_date: null,
      reject_reason: null,
      guarantees: JSON.stringify(Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }]))),
      active_workflow: null,
      next_step: null,
      round: 1,
    })
    .execute();
  for (const r of risks) {
    await o.core.db.insertInto('case_risks').values({ id: `${id}-${r}`, ...meta, case_id: id, risk_type: r, note: null }).execute();
  }
  return id;
}

export async function listStep(o: TestOffice, listId: string, date: string) {
  const { list } = await o.call('payments.get', { id: listId });
  return o.call('payments.advance', { id: listId, version: list.version, date });
}

export async function account(o: TestOffice, memberId: string, i: number) {
  await o.call('payments.saveAccount', { memberId, version: null, bankName: '农村信用社（农商银行）', accountNo: `62170000000001${String(i).padStart(4, '0')}` });
}
