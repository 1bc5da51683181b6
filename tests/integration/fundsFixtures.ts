// Shared steps of the 到户资金 and 项目资产 integration tests: a batch, a project taken into the
// library and through 完工, a monitoring case written with SQL, a payment list's steps.
import type { InputOf, OutputOf } from '../../shared/contract';
import type { ProjectStepKind } from '../../shared/domain/funds';
import type { RiskType } from '../../shared/domain/monitoring';
import { guaranteeKeys } from '../../shared/domain/monitoring';
import { batchInput, intoLibraryDays, projectInput, stepInput, throughAcceptanceDays, type StepDay } from '../fixtures/fundsInputs';
import { adminPassword, type TestOffice } from './harness';

type Detail = OutputOf<'funds.getProject'>;

export async function setDay(o: TestOffice, date: string) {
  o.clock.set(date);
  await o.call('users.unlock', { password: adminPassword });
}

export function batch(o: TestOffice, over: Partial<InputOf<'funds.createBatch'>> = {}) {
  return o.call('funds.createBatch', batchInput(over));
}

export function project(o: TestOffice, over: Partial<InputOf<'funds.createProject'>> = {}) {
  return o.call('funds.createProject', projectInput(o.villages[0]!.id, over));
}

export async function step(o: TestOffice, p: Detail, kind: ProjectStepKind, date: string, noticeEnd: string | null = null): Promise<Detail> {
  await setDay(o, date);
  return o.call('funds.recordStep', stepInput(p.id, kind, date, noticeEnd));
}

async function steps(o: TestOffice, p: Detail, days: readonly StepDay[]): Promise<Detail> {
  for (const [kind, date, noticeEnd] of days) p = await step(o, p, kind, date, noticeEnd);
  return p;
}

/** 村申报 → 入库公告 with notices of exactly the default minimum (10 days). */
export function intoLibrary(o: TestOffice, p: Detail): Promise<Detail> {
  return steps(o, p, intoLibraryDays);
}

/** 列入年度计划 → 实施 → 完工 → 验收. */
export function throughAcceptance(o: TestOffice, p: Detail): Promise<Detail> {
  return steps(o, p, throughAcceptanceDays);
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
