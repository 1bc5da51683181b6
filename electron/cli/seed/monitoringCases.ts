// Monitoring cases of the generated township: which households, their risks, and the workflow
// steps in order with the notice length and deadlines of the thresholds in force.

import { eliminationSteps, identificationSteps, negativeListItems, type CaseStatus, type ClueSource, type EliminationMethod, type GuaranteeKey, type Guarantees, type MonitoringCategory, type NegativeListItem, type RiskType, type StepKind, type Workflow } from '../../../shared/domain/monitoring';
import { earliestEliminationDate, identificationDeadline, noticeEndDate, planDueDate } from '../../../shared/domain/thresholds';
import { addDays, daysBetween } from '../../../shared/lib/dates';
import type { MonitoringGenerator } from './monitoringGenerator';
import { guaranteeRiskNotes, maxDate, minDate, noHits, rejectionNotes, riskNotes, secureGuarantees, weightedPick } from './monitoringTables';
import type { HouseholdFacts, IncomeTarget, SeedCase, SeedStep, SeedStepDetails } from './monitoringTypes';
import { intIn, pick } from './sampling';

export function riskScore(gen: MonitoringGenerator, f: HouseholdFacts): number {
  const m = f.h.members;
  let s = 1;
  if (f.noLabor) s += 3;
  if (m.some((x) => x.health === 'serious')) s += 3;
  if (m.some((x) => x.health === 'chronic')) s += 1;
  if (m.some((x) => x.health === 'disabled')) s += 2;
  if (m.some((x) => x.schooling === 'undergraduate' || x.schooling === 'higherVocational' || x.schooling === 'seniorHigh')) s += 1;
  if (f.h.tekun) s *= 0.2; // 特困供养 households are carried by social assistance, rarely by monitoring
  return s;
}

/** Weighted sampling without replacement (Efraimidis–Spirakis), deterministic. */
export function sample(gen: MonitoringGenerator, pool: HouseholdFacts[], n: number, weight: (f: HouseholdFacts) => number): HouseholdFacts[] {
  return pool
    .map((f) => ({ f, key: Math.log(gen.rng() || 1e-12) / Math.max(1e-6, weight(f)) }))
    .sort((a, b) => b.key - a.key || a.f.index - b.f.index)
    .slice(0, Math.max(0, n))
    .map((x) => x.f);
}

export function planCases(gen: MonitoringGenerator): SeedCase[] {
  const n = gen.facts.length;
  const total = Math.round(n * (gen.opts.caseShare ?? 0.1));
  const want = {
    identifying: Math.round(total * 0.05),
    monitoring: Math.round(total * 0.55),
    eliminated: Math.round(total * 0.35),
    rejected: Math.round(total * 0.05),
  };
  const monitored = gen.facts.filter((f) => f.h.kind === 'monitored');
  const exited = gen.facts.filter((f) => f.h.kind === 'povertyExited');
  const ordinary = gen.facts.filter((f) => f.h.kind === 'ordinary');
  const taken = new Set<number>();
  const plans: { f: HouseholdFacts; status: CaseStatus; category: MonitoringCategory | null }[] = [];
  const add = (f: HouseholdFacts, status: CaseStatus, category: MonitoringCategory | null) => {
    taken.add(f.index);
    plans.push({ f, status, category });
  };

  // Every 监测户 on the register has a case: monitored, or eliminated when it has labour.
  const includedWant = want.monitoring + want.eliminated;
  const eliminatedShare = includedWant > 0 ? want.eliminated / includedWant : 0;
  let eliminated = 0;
  let monitoring = 0;
  for (const f of monitored) {
    const cat: MonitoringCategory = gen.rng() < 0.75 ? 'marginal' : 'suddenHardship';
    if (!f.noLabor && gen.rng() < eliminatedShare) {
      add(f, 'eliminated', cat);
      eliminated++;
    } else {
      add(f, 'monitoring', cat);
      monitoring++;
    }
  }
  // 脱贫不稳定户 (and a few 突发严重困难户) from the exited households, the riskier first.
  const needMonitoring = Math.max(0, want.monitoring - monitoring);
  const needEliminated = Math.max(0, want.eliminated - eliminated);
  const exitedPicked = sample(gen, exited, needMonitoring + needEliminated, (f) => riskScore(gen, f));
  let elimLeft = needEliminated;
  for (const f of exitedPicked) {
    const cat: MonitoringCategory = gen.rng() < 0.9 ? 'unstableExited' : 'suddenHardship';
    if (!f.noLabor && elimLeft > 0 && gen.rng() < needEliminated / Math.max(1, needEliminated + needMonitoring) + 0.05) {
      add(f, 'eliminated', cat);
      elimLeft--;
    } else add(f, 'monitoring', cat);
  }
  // Clues still being checked and clues that were turned down: mostly ordinary households.
  for (const status of ['identifying', 'rejected'] as const) {
    const fromExited = Math.round(want[status] * 0.3);
    const ex = sample(gen, exited.filter((f) => !taken.has(f.index)), fromExited, (f) => riskScore(gen, f));
    const ord = sample(gen, ordinary.filter((f) => !taken.has(f.index)), want[status] - ex.length, (f) => riskScore(gen, f));
    for (const f of [...ex, ...ord]) add(f, status, null);
  }

  const cases = plans.map((p) => caseFor(gen, p.f, p.status, p.category));
  // Codes JC<year>-<nnnn> numbered by clue date within each year, as an office would have issued them.
  const order = cases.map((c, i) => i).sort((a, b) => {
    const ca = cases[a]!;
    const cb = cases[b]!;
    return ca.clueDate < cb.clueDate ? -1 : ca.clueDate > cb.clueDate ? 1 : ca.householdIndex - cb.householdIndex;
  });
  const seq = new Map<string, number>();
  for (const i of order) {
    const c = cases[i]!;
    const y = c.clueDate.slice(0, 4);
    const k = (seq.get(y) ?? 0) + 1;
    seq.set(y, k);
    c.caseCode = `JC${y}-${String(k).padStart(4, '0')}`;
  }
  return order.map((i) => cases[i]!);
}

export function risksFor(gen: MonitoringGenerator, f: HouseholdFacts, category: MonitoringCategory | null): RiskType[] {
  const m = f.h.members;
  const sudden = category === 'suddenHardship' ? 3 : 1;
  const working = m.filter((x) => x.workStatus !== 'none' && x.workStatus !== 'welfarePost').length;
  const weights: [RiskType, number][] = [
    ['illness', (m.some((x) => x.health === 'serious') ? 6 : m.some((x) => x.health === 'chronic') ? 2.5 : 0.4) * sudden],
    ['disability', m.some((x) => x.health === 'disabled') ? 4 : 0],
    ['schooling', m.some((x) => ['seniorHigh', 'vocational', 'undergraduate', 'higherVocational'].includes(x.schooling)) ? 3 : m.some((x) => x.schooling === 'primary' || x.schooling === 'juniorHigh') ? 0.4 : 0],
    ['lackOfLabor', f.noLabor ? 6 : m.every((x) => x.labor !== 'normal' && x.labor !== 'skilled') ? 2 : 0.15],
    ['unstableJob', working > 0 ? 1.6 : 0],
    ['businessFailure', working > 0 || m.some((x) => x.workStatus === 'selfEmployed') ? 0.9 : 0.2],
    ['disaster', 0.7 * sudden],
    ['accident', 0.5 * sudden],
    ['housing', 0.45],
    ['drinkingWater', 0.2],
    ['other', 0.25],
  ];
  const count = weightedPick(gen.rng, [[1, 45], [2, 35], [3, 20]] as const);
  const out: RiskType[] = [];
  for (let i = 0; i < count; i++) {
    const left = weights.filter(([r, w]) => w > 0 && !out.includes(r));
    if (left.length === 0) break;
    out.push(weightedPick(gen.rng, left));
  }
  return out;
}

export function guaranteesFor(gen: MonitoringGenerator, risks: readonly RiskType[], resolved: boolean): Guarantees {
  const g = secureGuarantees();
  if (resolved) return g;
  const atRisk = (k: GuaranteeKey) => {
    g[k] = { status: 'atRisk', note: guaranteeRiskNotes[k] ?? null };
  };
  if (risks.includes('housing') && gen.rng() < 0.7) atRisk('housing');
  if (risks.includes('drinkingWater') && gen.rng() < 0.7) atRisk('water');
  if (risks.includes('illness') && gen.rng() < 0.2) atRisk('medical');
  if (risks.includes('schooling') && gen.rng() < 0.1) atRisk('education');
  return g;
}

/** Step dates of a full run from `start`: each step a day or two after the one before. */
export function runDates(gen: MonitoringGenerator, workflow: Workflow, start: string): { step: StepKind; date: string; notice?: { startDate: string; endDate: string } }[] {
  const steps = workflow === 'identification' ? identificationSteps : eliminationSteps;
  const out: { step: StepKind; date: string; notice?: { startDate: string; endDate: string } }[] = [];
  let d = workflow === 'identification' ? addDays(start, intIn(gen.rng, 0, 1)) : start;
  for (const step of steps) {
    if (out.length > 0) {
      const prev = out[out.length - 1]!;
      if (prev.notice) d = addDays(prev.notice.endDate, intIn(gen.rng, 1, 2));
      else d = addDays(prev.date, step === 'notice' ? intIn(gen.rng, 0, 1) : intIn(gen.rng, 1, 2));
    }
    if (step === 'notice') out.push({ step, date: d, notice: { startDate: d, endDate: noticeEndDate(d, gen.t(d).noticeDays) } });
    else out.push({ step, date: d });
  }
  return out;
}

export function stepPeople(gen: MonitoringGenerator, f: HouseholdFacts, helper: string, step: StepKind): string[] {
  switch (step) {
    case 'apply':
      return [f.headName];
    case 'nominate':
    case 'notice':
      return [pick(gen.rng, gen.cadres(f))];
    case 'homeCheck':
      return gen.team(f, helper, 2 + (gen.rng() < 0.3 ? 1 : 0));
    case 'villageReview':
      return gen.team(f, pick(gen.rng, gen.cadres(f)), 3);
    case 'townshipReview':
      return [pick(gen.rng, gen.townshipStaff)];
    case 'countyDecision':
      return [pick(gen.rng, gen.countyStaff)];
  }
}

export function buildSteps(gen: MonitoringGenerator, 
  f: HouseholdFacts,
  helper: string,
  workflow: Workflow,
  dates: ReturnType<typeof runDates>,
  opts: { rejectAt?: StepKind; rejectNote?: string; method?: EliminationMethod; negativeHit?: NegativeListItem } = {},
): SeedStep[] {
  const out: SeedStep[] = [];
  for (const d of dates) {
    const rejected = opts.rejectAt === d.step;
    const details: SeedStepDetails = {};
    if (d.step === 'homeCheck' && workflow === 'identification') {
      const list = noHits();
      if (rejected && opts.negativeHit) list[opts.negativeHit] = true;
      details.negativeList = list;
      details.specialDecision = null;
    }
    if (d.notice) details.notice = { ...d.notice, place: '村务公开栏' };
    if (d.step === 'countyDecision' && workflow === 'elimination' && !rejected) details.eliminationMethod = opts.method ?? 'assisted';
    out.push({
      workflow,
      round: 1,
      step: d.step,
      date: d.date,
      people: stepPeople(gen, f, helper, d.step),
      outcome: rejected ? 'rejected' : 'passed',
      note: rejected ? (opts.rejectNote ?? '不符合条件') : null,
      details,
    });
    if (rejected) break;
  }
  return out;
}

export function addTarget(gen: MonitoringGenerator, householdIndex: number, year: number, target: IncomeTarget): void {
  if (!gen.years.includes(year)) return;
  let m = gen.targets.get(householdIndex);
  if (!m) gen.targets.set(householdIndex, (m = new Map()));
  m.set(year, target);
}

export function lineOf(gen: MonitoringGenerator, year: number): number {
  return gen.t(`${year}-06-30`).monitoringLineFen;
}

export function caseFor(gen: MonitoringGenerator, f: HouseholdFacts, status: CaseStatus, category: MonitoringCategory | null): SeedCase {
  const rng = gen.rng;
  const A = gen.asOf;
  const span = daysBetween(gen.windowStart, A);
  const helper = gen.helperOf(f);
  const risks = risksFor(gen, f, category);
  const clueSource: ClueSource = weightedPick(rng, [['selfReport', 25], ['cadreVisit', 45], ['departmentAlert', 25], ['other', 5]] as const);

  // Clue date by status (see the header): open cases skew recent, closed ones spread over the window.
  let clueDate: string;
  if (status === 'identifying') {
    clueDate = rng() < 0.7 ? addDays(A, -intIn(rng, 1, 14)) : addDays(A, -intIn(rng, 16, 45));
  } else if (status === 'monitoring') {
    const r = rng();
    const back = r < 0.55 ? intIn(rng, 16, 180) : r < 0.9 ? intIn(rng, 181, 365) : intIn(rng, 366, Math.max(367, span));
    clueDate = addDays(A, -Math.min(back, span));
  } else if (status === 'eliminated') {
    clueDate = addDays(gen.windowStart, intIn(rng, 0, Math.max(0, span - 240)));
  } else {
    clueDate = addDays(gen.windowStart, intIn(rng, 0, Math.max(0, span - 20)));
  }
  const tClue = gen.t(clueDate);
  const c: SeedCase = {
    householdIndex: f.index,
    caseCode: '',
    status,
    category: null,
    suggestedCategory: null,
    categoryConfirmedBy: null,
    helperName: helper,
    clueSource,
    clueDate,
    clueNote: clueSource === 'departmentAlert' ? pick(rng, ['医保部门大额医疗费用预警', '民政部门低保边缘人口预警', '应急部门受灾信息推送']) : clueSource === 'selfReport' ? '农户通过自主申报渠道申请' : null,
    deadlineDate: identificationDeadline(clueDate, tClue),
    includedDate: null,
    planDueDate: null,
    eliminatedDate: null,
    eliminationMethod: null,
    rejectedDate: null,
    rejectReason: null,
    guarantees: guaranteesFor(gen, risks, status === 'eliminated'),
    activeWorkflow: null,
    nextStep: null,
    round: 1,
    risks: risks.map((r) => ({ riskType: r, note: rng() < 0.8 ? pick(rng, riskNotes[r]) : null })),
    steps: [],
    objections: [],
  };

  const idDates = runDates(gen, 'identification', clueDate);
  const clueYear = Number(clueDate.slice(0, 4));

  if (status === 'identifying') {
    const stalled = daysBetween(clueDate, A) > 15;
    let done = idDates.filter((d) => d.date <= A);
    if (stalled) done = done.slice(0, intIn(rng, 0, Math.min(5, done.length)));
    if (done.length >= identificationSteps.length) done = done.slice(0, identificationSteps.length - 1);
    c.steps = buildSteps(gen, f, helper, 'identification', done);
    c.activeWorkflow = 'identification';
    c.nextStep = identificationSteps[done.length] ?? null;
    c.suggestedCategory = f.h.kind === 'povertyExited' ? 'unstableExited' : 'marginal';
    addTarget(gen, f.index, clueYear - 1, { lo: lineOf(gen, clueYear - 1) * 0.6, hi: lineOf(gen, clueYear - 1) * 1.0 });
    return withSuggestion(gen, c, f);
  }

  if (status === 'rejected') {
    const rejectAt = weightedPick(rng, [['homeCheck', 40], ['villageReview', 30], ['townshipReview', 15], ['countyDecision', 15]] as const);
    const hit = rejectAt === 'homeCheck' ? pick(rng, negativeListItems) : undefined;
    const note = pick(rng, rejectionNotes[rejectAt] ?? ['不符合条件']);
    c.steps = buildSteps(gen, f, helper, 'identification', idDates, { rejectAt, rejectNote: note, ...(hit ? { negativeHit: hit } : {}) });
    const last = c.steps[c.steps.length - 1]!;
    c.rejectedDate = last.date;
    c.rejectReason = note;
    // Turned down: the household is comfortably above the line.
    const line = lineOf(gen, clueYear - 1);
    addTarget(gen, f.index, clueYear - 1, { lo: line * 1.4, hi: line * 2.6 });
    addObjection(gen, c);
    return withSuggestion(gen, c, f);
  }

  // Included (monitoring or eliminated).
  c.category = category;
  c.categoryConfirmedBy = pick(rng, gen.townshipStaff);
  c.steps = buildSteps(gen, f, helper, 'identification', idDates);
  addObjection(gen, c);
  const included = idDates[idDates.length - 1]!.date;
  c.includedDate = included;
  c.planDueDate = planDueDate(included, gen.t(included));
  const incYear = Number(included.slice(0, 4));
  const lineBefore = lineOf(gen, clueYear - 1);
  if (category === 'suddenHardship') {
    addTarget(gen, f.index, clueYear - 1, { lo: lineBefore * 1.05, hi: lineBefore * 1.6 });
    addTarget(gen, f.index, clueYear, { lo: lineOf(gen, clueYear) * 0.6, hi: lineOf(gen, clueYear) * 1.1 });
  } else {
    addTarget(gen, f.index, clueYear - 1, { lo: lineBefore * 0.55, hi: lineBefore * 0.97 });
    addTarget(gen, f.index, clueYear, { lo: lineOf(gen, clueYear) * 0.6, hi: lineOf(gen, clueYear) * 0.98 });
  }

  if (status === 'monitoring') {
    // Later years still within reach of the line; some cases have started risk elimination.
    for (let y = incYear + 1; y <= gen.year; y++) addTarget(gen, f.index, y, { lo: lineOf(gen, y) * 0.7, hi: lineOf(gen, y) * 1.05 });
    const earliest = earliestEliminationDate(included, gen.t(included));
    if (!f.noLabor && earliest <= addDays(A, -20) && rng() < 0.15) {
      const nominate = addDays(A, -intIn(rng, 1, 20));
      const dates = runDates(gen, 'elimination', nominate).filter((d) => d.date <= A);
      const kept = dates.slice(0, Math.min(dates.length, eliminationSteps.length - 1));
      c.steps.push(...buildSteps(gen, f, helper, 'elimination', kept));
      c.activeWorkflow = 'elimination';
      c.nextStep = eliminationSteps[kept.length] ?? null;
      // Nominated: income already above line and floor this year.
      const line = lineOf(gen, gen.year);
      const floor = gen.t(A).eliminationFloorFen;
      addTarget(gen, f.index, gen.year, { lo: Math.max(line, floor) * 1.1, hi: Math.max(line, floor) * 1.5 });
      c.guarantees = secureGuarantees();
    }
    return withSuggestion(gen, c, f);
  }

  // Eliminated: nominated after the minimum monitoring time, the whole run done by asOf.
  const earliest = earliestEliminationDate(included, gen.t(included));
  const latest = addDays(A, -20);
  const nominate = earliest >= latest ? latest : addDays(earliest, intIn(rng, 0, Math.min(180, daysBetween(earliest, latest))));
  const method: EliminationMethod = rng() < 0.85 ? 'assisted' : 'natural';
  const elimDates = runDates(gen, 'elimination', maxDate(nominate, earliest));
  c.steps.push(...buildSteps(gen, f, helper, 'elimination', elimDates, { method }));
  c.eliminatedDate = elimDates[elimDates.length - 1]!.date;
  c.eliminationMethod = method;
  const nomYear = Number(nominate.slice(0, 4));
  for (let y = nomYear - 1; y <= gen.year; y++) {
    if (y < incYear) continue;
    const floor = gen.t(`${y}-06-30`).eliminationFloorFen;
    const base = Math.max(lineOf(gen, y), floor);
    addTarget(gen, f.index, y, { lo: base * 1.12, hi: base * 1.8 });
  }
  return withSuggestion(gen, c, f);
}

/** The category the program would suggest at the clue: follows the income targets chosen above. */
export function withSuggestion(gen: MonitoringGenerator, c: SeedCase, f: HouseholdFacts): SeedCase {
  if (c.category !== null) c.suggestedCategory = c.category === 'suddenHardship' ? 'suddenHardship' : f.h.kind === 'povertyExited' ? 'unstableExited' : 'marginal';
  else if (c.status === 'rejected') c.suggestedCategory = 'suddenHardship';
  return c;
}

/** Now and then a notice draws an objection, checked and answered before the township review. */
export function addObjection(gen: MonitoringGenerator, c: SeedCase): void {
  const i = c.steps.findIndex((s) => s.step === 'notice' && s.workflow === 'identification');
  const notice = c.steps[i];
  const next = c.steps[i + 1];
  if (!notice?.details.notice || !next || gen.rng() >= 0.04) return;
  const received = addDays(notice.details.notice.startDate, intIn(gen.rng, 0, 2));
  c.objections.push({
    stepIndex: i,
    receivedDate: received,
    objector: gen.rng() < 0.5 ? null : gen.personName(),
    content: pick(gen.rng, ['反映该户有家庭成员在外务工收入较高', '反映该户在县城购有住房', '反映该户子女有赡养能力']),
    resolution: pick(gen.rng, ['经入户核实，反映情况不属实，维持评议结果', '经核查，该户所购住房为安置房，不影响认定', '经核实，子女务工收入不稳定，维持原结果']),
    resolvedDate: minDate(addDays(received, intIn(gen.rng, 1, 3)), next.date),
  });
}
