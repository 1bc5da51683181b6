import type { Kysely, Transaction } from 'kysely';
import type { CategorySuggestion } from '../../../../shared/contract/monitoring';
import { suggestCategory } from '../../../../shared/domain/category';
import type { MeasureForCoverage } from '../../../../shared/domain/coverage';
import { checkElimination, type EliminationCheck } from '../../../../shared/domain/elimination';
import type { HouseholdKind } from '../../../../shared/domain/household';
import { caseStatusLabels, type CaseStatus, type MeasureStatus, type RiskType } from '../../../../shared/domain/monitoring';
import { thresholdsInForce, type Thresholds, type ThresholdsInForce } from '../../../../shared/domain/thresholds';
import type { StepProblem } from '../../../../shared/domain/workflow';
import { AppError } from '../../../../shared/lib/result';
import type { DB } from '../../db/schema';
import { thresholdsOn } from '../../derived/thresholds';
import * as repo from './repository';
import type { CaseHouseholdRecord, CaseRecord, RiskRecord, StepWithUser } from './repository';
import { caseGuarantees, measureRisks } from '../../db/jsonColumns';

type Tx = Transaction<DB>;
type Db = Kysely<DB> | Tx;

// Shared lookups

const caseNotFound = () => new AppError('NOT_FOUND', '找不到该监测案件，可能已被删除，请刷新后重试');

export async function requireCase(db: Db, id: string): Promise<CaseRecord> {
  const c = await repo.findCase(db, id);
  if (!c) throw caseNotFound();
  return c;
}

export async function requireHousehold(db: Db, id: string): Promise<CaseHouseholdRecord> {
  const h = await repo.householdForCase(db, id);
  if (!h) throw new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新后重试');
  return h;
}

export function refuse(problem: StepProblem | null, code: 'RULE' | 'INVALID_INPUT' = 'RULE'): void {
  if (problem) throw new AppError(code, problem.message, problem.field ? { [problem.field]: problem.message } : undefined);
}

export function caseName(c: CaseRecord, h: { head_name: string }): string {
  return `监测案件 ${c.case_code}（户主 ${h.head_name}）`;
}

export function openCaseMessage(existing: CaseRecord, headName: string): string {
  return `户主 ${headName} 的户已有未结束的监测案件 ${existing.case_code}（${caseStatusLabels[existing.status as CaseStatus]}）。一户只能有一个识别中或监测中的案件，请在该案件中继续办理`;
}

/** Rows a batch has already read (caseBatch.ts), so these lookups need not query them again. */
export interface PreloadedLookups {
  latestIncome: { year: number; per_capita_fen: number } | undefined;
  thresholds: Thresholds[];
  risks: RiskRecord[];
  measures: Awaited<ReturnType<typeof repo.measuresOf>>;
}

function thresholdsFor(db: Db, date: string, pre: PreloadedLookups | undefined): Promise<ThresholdsInForce> {
  return pre ? Promise.resolve(thresholdsInForce(pre.thresholds, date)) : thresholdsOn(db, date);
}

export async function categorySuggestion(db: Db, household: { id: string; kind: string }, pre?: PreloadedLookups): Promise<CategorySuggestion> {
  const income = pre ? pre.latestIncome : await repo.latestIncome(db, household.id);
  const kind = household.kind as HouseholdKind;
  if (!income) {
    const s = suggestCategory({ householdKind: kind, income: null, monitoringLineFen: null });
    return { ...s, incomeYear: null, perCapitaFen: null, monitoringLineFen: null, householdKind: kind };
  }
  const t = await thresholdsFor(db, `${income.year}-12-31`, pre);
  const s = suggestCategory({
    householdKind: kind,
    income: { year: income.year, perCapitaFen: income.per_capita_fen },
    monitoringLineFen: t.monitoringLineFen,
  });
  return { ...s, incomeYear: income.year, perCapitaFen: income.per_capita_fen, monitoringLineFen: t.monitoringLineFen, householdKind: kind };
}

/** Start of the current monitoring period: the latest 回退, else inclusion. */
export function monitoringSince(c: CaseRecord, steps: readonly StepWithUser[]): string | null {
  const reopens = steps.filter((s) => s.workflow === 'reopen' && s.round === c.round);
  return reopens.at(-1)?.step_date ?? c.included_date;
}

export function toCoverageMeasures(rows: Awaited<ReturnType<typeof repo.measuresOf>>): MeasureForCoverage[] {
  return rows.map((m) => ({
    id: m.id,
    riskTypes: measureRisks.decode(m.risk_types),
    status: m.status as MeasureStatus,
  }));
}

export async function eliminationCheck(db: Db, c: CaseRecord, h: CaseHouseholdRecord, steps: readonly StepWithUser[], asOf: string, pre?: PreloadedLookups): Promise<EliminationCheck> {
  const since = monitoringSince(c, steps) ?? asOf;
  const income = pre ? pre.latestIncome : await repo.latestIncome(db, c.household_id);
  const incomeThresholds = income ? await thresholdsFor(db, `${income.year}-12-31`, pre) : null;
  const risks = (pre ? pre.risks : await repo.risksOf(db, c.id)).filter((r) => r.deleted_at === null).map((r) => r.risk_type as RiskType);
  return checkElimination({
    asOf,
    monitoringSince: since,
    sinceThresholds: await thresholdsFor(db, since, pre),
    income: income ? { year: income.year, perCapitaFen: income.per_capita_fen } : null,
    incomeThresholds,
    guarantees: caseGuarantees.decode(c.guarantees),
    risks,
    measures: toCoverageMeasures(pre ? pre.measures : await repo.measuresOf(db, c.id)),
    noLabor: h.no_labor === 1,
  });
}

export async function nextCaseCode(db: Db, clueDate: string): Promise<string> {
  const prefix = `JC${clueDate.slice(0, 4)}-`;
  const max = await repo.maxCaseCode(db, prefix);
  const n = max ? Number(max.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(Number.isFinite(n) ? n : 1).padStart(4, '0')}`;
}

export function checkNotFuture(date: string, today: string, what: string, field: string): void {
  if (date > today) {
    const msg = `${what} ${date} 晚于今天（${today}），请填写实际日期`;
    throw new AppError('INVALID_INPUT', msg, { [field]: msg });
  }
}

export function requireOpenCase(c: CaseRecord, what: string): void {
  if (c.status === 'identifying' || c.status === 'monitoring') return;
  const hint = c.status === 'eliminated' ? '如风险再次出现，请先回退' : '如需重新识别，请新建案件';
  throw new AppError('RULE', `案件 ${c.case_code} ${caseStatusLabels[c.status as CaseStatus]}，不能${what}。${hint}`);
}
