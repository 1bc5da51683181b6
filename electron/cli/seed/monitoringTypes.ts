// The monitoring data the generator writes (monitoringGenerator.ts), as plain rows.

import type { IncomeCategory } from '../../../shared/domain/income';
import type { CaseStatus, ClueSource, DeclineCause, EliminationMethod, Guarantees, MeasureStatus, MonitoringCategory, NegativeListItem, RiskType, StepKind, StepOutcome, VisitKind, Workflow } from '../../../shared/domain/monitoring';
import type { Thresholds } from '../../../shared/domain/thresholds';
import type { SeedHousehold } from './generator';
import type { SeedMeasureType } from './monitoringCatalog';

export interface MonitoringSeedOptions {
  seed: number;
  /** 'YYYY-MM-DD': the office's today; every date generated is on or before it (planned measures may be later). */
  asOf: string;
  /** Measure types to draw from (resources/measure-catalog.json); the built-in list when absent. */
  catalog?: readonly SeedMeasureType[];
  /** Cases per household: 0.1 gives 3,000 cases for 30,000 households. */
  caseShare?: number;
}

export interface SeedIncome {
  householdIndex: number;
  year: number;
  memberCount: number;
  amounts: Record<IncomeCategory, number>;
  netIncomeFen: number;
  perCapitaFen: number;
  declineCause: DeclineCause | null;
  note: string | null;
}

export interface SeedStepDetails {
  negativeList?: Record<NegativeListItem, boolean>;
  specialDecision?: { date: string; note: string } | null;
  notice?: { startDate: string; endDate: string; place: string };
  eliminationMethod?: EliminationMethod;
}
export interface SeedStep {
  workflow: Workflow;
  round: number;
  step: StepKind;
  date: string;
  people: string[];
  outcome: StepOutcome;
  note: string | null;
  details: SeedStepDetails;
}
export interface SeedObjection {
  /** Index into the case's steps (the notice it was raised against). */
  stepIndex: number;
  receivedDate: string;
  objector: string | null;
  content: string;
  resolution: string;
  resolvedDate: string;
}
export interface SeedCase {
  householdIndex: number;
  caseCode: string;
  status: CaseStatus;
  category: MonitoringCategory | null;
  suggestedCategory: MonitoringCategory | null;
  categoryConfirmedBy: string | null;
  helperName: string | null;
  clueSource: ClueSource;
  clueDate: string;
  clueNote: string | null;
  deadlineDate: string;
  includedDate: string | null;
  planDueDate: string | null;
  eliminatedDate: string | null;
  eliminationMethod: EliminationMethod | null;
  rejectedDate: string | null;
  rejectReason: string | null;
  guarantees: Guarantees;
  activeWorkflow: Workflow | null;
  nextStep: StepKind | null;
  round: number;
  risks: { riskType: RiskType; note: string | null }[];
  steps: SeedStep[];
  objections: SeedObjection[];
}
export interface SeedMeasure {
  caseIndex: number;
  householdIndex: number;
  code: string;
  riskTypes: RiskType[];
  responsibleUnit: string;
  helperName: string | null;
  plannedDate: string;
  doneDate: string | null;
  status: MeasureStatus;
  amountFen: number | null;
  note: string | null;
}
export interface SeedVisit {
  householdIndex: number;
  caseIndex: number | null;
  date: string;
  visitors: string[];
  kind: VisitKind;
  findings: string;
  guarantees: Guarantees | null;
  incomeYear: number | null;
}
export interface SeedMonitoring {
  /** The day the data describes. */
  asOf: string;
  /** The day the registry is taken to have been entered (households' created_at): the first day of the first year. */
  registeredOn: string;
  thresholds: Thresholds[];
  incomes: SeedIncome[];
  cases: SeedCase[];
  measures: SeedMeasure[];
  visits: SeedVisit[];
}

export interface HouseholdFacts {
  index: number;
  h: SeedHousehold;
  noLabor: boolean;
  /** Approximate age of each member on asOf. */
  ages: number[];
  headName: string;
}

export type IncomeTarget = { lo: number; hi: number };
export type CaseTargets = Map<number, IncomeTarget>; // year → per-capita range (fen)
