// 月报 (issue 14 item 2, DOMAIN §13, EMPLOYMENT-FUNDS §3.1 R1): the workbench's figures for each
// village as they stood at the end of a chosen month. Everything is read from the records' own
// dates — a case's clue, inclusion, elimination and rejection dates, the day a household, member,
// risk or measure was entered (created_at) and the day a member left or a household closed — so a
// change dated next month does not move this month's report. Kinds, categories and villages are
// the records' present ones: their history is not kept.
import { householdKinds, type HouseholdKind } from './household';
import { monitoringCategories, riskTypes, type CaseStatus, type MonitoringCategory, type RiskType } from './monitoring';
import { quarterOf, quarterRange } from './quarter';
import { endOfMonth } from '../lib/dates';

/** 'YYYY-MM' → the month's first and last day. */
export function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  return { from, to: endOfMonth(from) };
}

/** The month before `today`'s: the one due to be reported by the 20th. */
export function monthToReport(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The date part of a stored timestamp or date ('2026-03-10T02:00:00.000Z' → '2026-03-10'). */
export function dayOf(stamp: string): string {
  return stamp.slice(0, 10);
}

export interface CaseFacts {
  villageId: string;
  clueDate: string;
  includedDate: string | null;
  eliminatedDate: string | null;
  rejectedDate: string | null;
  deadlineDate: string;
  planDueDate: string | null;
  category: MonitoringCategory | null;
  /** The day the first measure that is not cancelled was entered, or null. */
  firstMeasureOn: string | null;
  /** The case's risks with the day each was entered. */
  risks: { type: RiskType; enteredOn: string }[];
}

/** A case's status at the end of day `end` from its dates; null when its clue came later. */
export function caseStateAt(c: Pick<CaseFacts, 'clueDate' | 'includedDate' | 'eliminatedDate' | 'rejectedDate'>, end: string): CaseStatus | null {
  if (c.clueDate > end) return null;
  if (c.rejectedDate !== null && c.rejectedDate <= end) return 'rejected';
  if (c.eliminatedDate !== null && c.eliminatedDate <= end) return 'eliminated';
  if (c.includedDate !== null && c.includedDate <= end) return 'monitoring';
  return 'identifying';
}

/** In the ledger at the end of `end`: entered by then and not closed by then. */
export function presentAt(enteredOn: string, leftOn: string | null, end: string): boolean {
  return enteredOn <= end && (leftOn === null || leftOn > end);
}

const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

export interface HouseholdFacts {
  villageId: string;
  kind: HouseholdKind;
  enteredOn: string;
  closedOn: string | null;
}
export interface MemberFacts {
  villageId: string;
  enteredOn: string;
  leftOn: string | null;
  householdEnteredOn: string;
  householdClosedOn: string | null;
}
export interface VisitFacts {
  villageId: string;
  householdId: string;
  visitDate: string;
}

export interface MonthRow {
  households: Record<HouseholdKind, number>;
  householdTotal: number;
  population: number;
  /** Clues, inclusions and eliminations dated in the month, and in the year up to its end. */
  newClues: number;
  includedInMonth: number;
  eliminatedInMonth: number;
  includedInYear: number;
  eliminatedInYear: number;
  /** Cases open at the month's end. */
  identifying: number;
  monitoring: number;
  openByCategory: Record<MonitoringCategory, number>;
  /** 识别中 past the deadline, and 监测中 past the plan deadline without a measure, at the month's end. */
  identificationOverdue: number;
  planOverdue: number;
  monitoringWithMeasure: number;
  risksByType: Record<RiskType, number>;
  /** Households visited in the month, and in the quarter up to the month's end. */
  visitedInMonth: number;
  visitedInQuarter: number;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function emptyMonthRow(): MonthRow {
  return {
    households: zeros(householdKinds),
    householdTotal: 0,
    population: 0,
    newClues: 0,
    includedInMonth: 0,
    eliminatedInMonth: 0,
    includedInYear: 0,
    eliminatedInYear: 0,
    identifying: 0,
    monitoring: 0,
    openByCategory: zeros(monitoringCategories),
    identificationOverdue: 0,
    planOverdue: 0,
    monitoringWithMeasure: 0,
    risksByType: zeros(riskTypes),
    visitedInMonth: 0,
    visitedInQuarter: 0,
  };
}

/** Adds `b` into `a` (every figure is a count, so the township's row is the villages' sum). */
export function addMonthRow(a: MonthRow, b: MonthRow): void {
  for (const k of Object.keys(b) as (keyof MonthRow)[]) {
    const v = b[k];
    if (typeof v === 'number') (a[k] as number) += v;
    else for (const [key, n] of Object.entries(v)) (a[k] as Record<string, number>)[key] = ((a[k] as Record<string, number>)[key] ?? 0) + n;
  }
}

export interface MonthFacts {
  households: readonly HouseholdFacts[];
  members: readonly MemberFacts[];
  cases: readonly CaseFacts[];
  visits: readonly VisitFacts[];
}

/** Each village's row for `month` ('YYYY-MM'), from the facts and the rules above. */
export function tallyMonth(facts: MonthFacts, month: string): Map<string, MonthRow> {
  const { from, to: end } = monthBounds(month);
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const quarterStart = quarterRange(quarterOf(end)).from;
  const rows = new Map<string, MonthRow>();
  const of = (villageId: string) => {
    let r = rows.get(villageId);
    if (!r) rows.set(villageId, (r = emptyMonthRow()));
    return r;
  };
  for (const h of facts.households) {
    if (!presentAt(h.enteredOn, h.closedOn, end)) continue;
    const r = of(h.villageId);
    r.households[h.kind] += 1;
    r.householdTotal += 1;
  }
  for (const m of facts.members) {
    if (presentAt(m.enteredOn, m.leftOn, end) && presentAt(m.householdEnteredOn, m.householdClosedOn, end)) of(m.villageId).population += 1;
  }
  for (const c of facts.cases) {
    const state = caseStateAt(c, end);
    if (state === null) continue;
    const r = of(c.villageId);
    if (within(c.clueDate, from, end)) r.newClues += 1;
    if (within(c.includedDate, from, end)) r.includedInMonth += 1;
    if (within(c.eliminatedDate, from, end)) r.eliminatedInMonth += 1;
    if (within(c.includedDate, yearStart, end)) r.includedInYear += 1;
    if (within(c.eliminatedDate, yearStart, end)) r.eliminatedInYear += 1;
    if (state !== 'identifying' && state !== 'monitoring') continue;
    if (state === 'identifying') {
      r.identifying += 1;
      if (c.deadlineDate < end) r.identificationOverdue += 1;
    } else {
      r.monitoring += 1;
      const planned = c.firstMeasureOn !== null && c.firstMeasureOn <= end;
      if (planned) r.monitoringWithMeasure += 1;
      else if (c.planDueDate !== null && c.planDueDate < end) r.planOverdue += 1;
    }
    if (c.category !== null) r.openByCategory[c.category] += 1;
    for (const risk of c.risks) if (risk.enteredOn <= end) r.risksByType[risk.type] += 1;
  }
  const inMonth = new Set<string>();
  const inQuarter = new Set<string>();
  for (const v of facts.visits) {
    if (v.visitDate > end) continue;
    if (v.visitDate >= quarterStart && !inQuarter.has(v.householdId)) {
      inQuarter.add(v.householdId);
      of(v.villageId).visitedInQuarter += 1;
    }
    if (v.visitDate >= from && !inMonth.has(v.householdId)) {
      inMonth.add(v.householdId);
      of(v.villageId).visitedInMonth += 1;
    }
  }
  return rows;
}
