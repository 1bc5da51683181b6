// What a form is built from: a case's facts, loaded once per build pass, and the plain-JSON pieces
// a form prints (the data hashed for the content code and for signatures).
import type { CaseDetail, CaseStep } from '../../../../../shared/contract/monitoring';
import type { IncomeYear } from '../../../../../shared/contract/income';
import type { SignatureBlock } from '../../../../../shared/domain/formBlocks';
import { disabilityCategoryLabels, disabilityGradeLabels, educationLabels, healthLabels, householdKindLabels, laborLabels, relationLabels, schoolingLabels, workStatusLabels, type DisabilityGrade } from '../../../../../shared/domain/household';
import { incomeCategories, incomeCategoryLabels } from '../../../../../shared/domain/income';
import { clueSourceLabels, guaranteeKeys, guaranteeLabels, guaranteeStatusLabels, measureStatusLabels, monitoringCategoryLabels, riskTypeLabels, stepOutcomeLabels, type GuaranteeKey, type GuaranteeStatus } from '../../../../../shared/domain/monitoring';
import { currentRun } from '../../../../../shared/domain/workflow';
import { participantName } from '../../../../../shared/domain/participants';
import type { HandlerContext } from '../../../context';
import { listMembers, type MemberRecord } from '../../households/repository';
import { listIncomes, type IncomeRecord } from '../../income/repository';
import type { Thresholds } from '../../../../../shared/domain/thresholds';
import { toIncomeYear } from '../../income/service';
import { measuresOfCase } from '../../measures/repository';
import { detail as caseDetail } from '../../monitoring/service';
import { getOffice } from '../../settings/repository';
import { savedThresholds } from '../../../derived/thresholds';
import { measureRisks } from '../../../db/jsonColumns';

// ---------------------------------------------------------------------------------------------
// Facts

export interface MemberFacts {
  name: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relation: string;
  education: string;
  schooling: string;
  health: string;
  labor: string;
  workStatus: string;
  medicalInsurance: boolean;
  pensionInsurance: boolean;
}

export interface CaseFacts {
  detail: CaseDetail;
  office: string;
  members: MemberFacts[];
  /** Latest income year on record. */
  income: IncomeYear | null;
  incomes: IncomeYear[];
  measures: Awaited<ReturnType<typeof measuresOfCase>>;
}

/** Loads a case's facts once per build pass (forms.status builds several forms of one case). */
export type FactsCache = Map<string, Promise<CaseFacts>>;

export function label<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return (labels as Readonly<Record<string, string>>)[key] ?? key;
}

async function loadCaseFacts(ctx: HandlerContext, caseId: string): Promise<CaseFacts> {
  const detail = await caseDetail(ctx.db, caseId, ctx.today());
  const [office, memberRows, incomeRows, saved, measures] = await Promise.all([
    getOffice(ctx.db),
    listMembers(ctx.db, detail.household.id),
    listIncomes(ctx.db, detail.household.id),
    savedThresholds(ctx.db),
    measuresOfCase(ctx.db, caseId),
  ]);
  return assembleFacts(detail, office, memberRows, incomeRows, saved, measures);
}

/** What loadCaseFacts makes of the rows, wherever they were read. */
export function assembleFacts(
  detail: CaseDetail,
  office: Awaited<ReturnType<typeof getOffice>>,
  memberRows: readonly MemberRecord[],
  incomeRows: readonly IncomeRecord[],
  saved: readonly Thresholds[],
  measures: CaseFacts['measures'],
): CaseFacts {
  const members: MemberFacts[] = memberRows
    .filter((m) => m.status === 'current')
    .map((m) => {
      const disability =
        m.disability_category !== null
          ? `（${label(disabilityCategoryLabels, m.disability_category)}${m.disability_grade !== null ? (disabilityGradeLabels[m.disability_grade as DisabilityGrade] ?? '') : ''}）`
          : '';
      return {
        name: m.name,
        idNumber: m.id_number,
        sex: m.sex === 'male' ? '男' : '女',
        birthDate: m.birth_date,
        relation: label(relationLabels, m.relation),
        education: label(educationLabels, m.education),
        schooling: label(schoolingLabels, m.schooling),
        health: label(healthLabels, m.health) + disability,
        labor: label(laborLabels, m.labor),
        workStatus: label(workStatusLabels, m.work_status),
        medicalInsurance: m.medical_insurance === 1,
        pensionInsurance: m.pension_insurance === 1,
      };
    });
  const incomes = incomeRows.map((r) => {
    const previous = incomeRows.find((p) => p.year === r.year - 1);
    return toIncomeYear(r, previous, saved);
  });
  return {
    detail,
    office: office ? `${office.countyName}${office.townshipName}` : '',
    members,
    income: incomes[0] ?? null,
    incomes,
    measures,
  };
}

export function caseFacts(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<CaseFacts> {
  if (!cache) return loadCaseFacts(ctx, caseId);
  let p = cache.get(caseId);
  if (!p) {
    p = loadCaseFacts(ctx, caseId);
    cache.set(caseId, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Data pieces (plain JSON: what the form prints)

export function householdData(f: CaseFacts) {
  const h = f.detail.household;
  return {
    householdCode: h.householdCode,
    village: h.villageName,
    group: h.groupName,
    address: h.address ?? '',
    headName: h.headName,
    memberCount: h.memberCount,
    kind: householdKindLabels[h.kind],
    phone: h.phone ?? '',
    dibao: h.dibao,
    tekun: h.tekun,
  };
}

export function caseData(f: CaseFacts) {
  const c = f.detail.case;
  return {
    caseCode: c.caseCode,
    category: c.category ? monitoringCategoryLabels[c.category] : '待确认',
    clueSource: clueSourceLabels[c.clueSource],
    clueDate: c.clueDate,
    clueNote: c.clueNote ?? '',
    helperName: c.helperName ?? '',
    includedDate: c.includedDate ?? '',
  };
}

export function risksData(f: CaseFacts) {
  return f.detail.risks.map((r) => ({ risk: riskTypeLabels[r.riskType], note: r.note ?? '' }));
}

export function guaranteesData(g: Readonly<Record<GuaranteeKey, { status: GuaranteeStatus; note: string | null }>>) {
  return guaranteeKeys.map((k) => ({ item: guaranteeLabels[k], status: guaranteeStatusLabels[g[k].status], note: g[k].note ?? '' }));
}

export function incomeData(i: IncomeYear | null) {
  if (!i) return null;
  return {
    year: i.year,
    memberCount: i.memberCount,
    items: incomeCategories.map((c) => ({ item: incomeCategoryLabels[c], fen: i[c] })),
    netIncomeFen: i.netIncomeFen,
    perCapitaFen: i.perCapitaFen,
    monitoringLineFen: i.monitoringLineFen,
    eliminationFloorFen: i.eliminationFloorFen,
  };
}

export function stepData(s: CaseStep) {
  const n = s.details.notice;
  return {
    step: s.stepLabel,
    date: s.date,
    people: s.people.join('、'),
    outcome: stepOutcomeLabels[s.outcome],
    note: s.note ?? '',
    notice: n ? `${n.startDate} 至 ${n.endDate}（${n.place}）` : '',
  };
}

export function measuresData(f: CaseFacts) {
  return f.measures
    .filter((m) => m.status !== 'cancelled')
    .map((m) => ({
      name: m.type_name ?? m.measure_type_code,
      risks: measureRisks.decode(m.risk_types).map((r) => riskTypeLabels[r] ?? r).join('、'),
      unit: m.responsible_unit,
      helper: m.helper_name ?? '',
      plannedDate: m.planned_date,
      doneDate: m.done_date ?? '',
      status: label(measureStatusLabels, m.status),
      amountFen: m.amount_fen,
      note: m.note ?? '',
    }));
}

/** The steps of the current run of a workflow, as printed. */
export function runSteps(f: CaseFacts, workflow: 'identification' | 'elimination'): CaseStep[] {
  // Identification runs once per case (a rejection ends the case); elimination may run again
  // after a rejected run or a 回退, so its form shows the current round's current run.
  if (workflow === 'identification') return f.detail.steps.filter((s) => s.workflow === 'identification');
  return currentRun(f.detail.steps, workflow, f.detail.case.round);
}

export function noticePeriod(steps: readonly CaseStep[]): { from: string; to: string; place: string } | null {
  const n = steps.find((s) => s.step === 'notice')?.details.notice;
  return n ? { from: n.startDate, to: n.endDate, place: n.place } : null;
}

export function investigators(steps: readonly CaseStep[], head: string): Partial<Record<SignatureBlock, string>> {
  // A block is signed by a person: the name, not the post written beside it.
  const people = (steps.find((s) => s.step === 'homeCheck')?.people ?? []).map(participantName);
  const out: Partial<Record<SignatureBlock, string>> = { head };
  if (people[0]) out.investigator1 = people[0];
  if (people[1]) out.investigator2 = people[1];
  return out;
}

export function approvers(steps: readonly CaseStep[]): Partial<Record<SignatureBlock, string>> {
  const out: Partial<Record<SignatureBlock, string>> = {};
  const first = (k: string) => {
    const p = steps.find((s) => s.step === k)?.people[0];
    return p === undefined ? undefined : participantName(p);
  };
  const village = first('villageReview');
  const township = first('townshipReview');
  const county = first('countyDecision');
  if (village) out.village = village;
  if (township) out.township = township;
  if (county) out.county = county;
  return out;
}
