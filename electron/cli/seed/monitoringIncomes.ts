// Three years of household incomes, steered into the range each case needs (within the line for
// a monitored case, above line and floor for an eliminated one), with the causes of a decline.

import { emptyIncome, isDecline, netIncomeFen, perCapitaFen, type IncomeCategory } from '../../../shared/domain/income';
import type { DeclineCause } from '../../../shared/domain/monitoring';
import type { MonitoringGenerator } from './monitoringGenerator';
import { between, yuan } from './monitoringTables';
import type { HouseholdFacts, IncomeTarget, SeedIncome } from './monitoringTypes';

export function allIncomes(gen: MonitoringGenerator): SeedIncome[] {
  const out: SeedIncome[] = [];
  for (const f of gen.facts) {
    const rows = householdIncomes(gen, f);
    out.push(...rows);
  }
  return out;
}

export function householdIncomes(gen: MonitoringGenerator, f: HouseholdFacts): SeedIncome[] {
  const rng = gen.rng;
  const { h, ages } = f;
  const n = h.members.length;
  // Base-year profile (元), then yearly growth with noise and the odd setback.
  const wages = h.members.map((m): number => {
    const weak = m.labor === 'weak' ? 0.6 : 1;
    switch (m.workStatus) {
      case 'outOfProvince':
        return between(rng, 42000, 65000) * weak;
      case 'inProvince':
        return between(rng, 36000, 55000) * weak;
      case 'inCounty':
        return between(rng, 28000, 42000) * weak;
      case 'local':
        return between(rng, 12000, 28000) * weak;
      case 'welfarePost':
        return between(rng, 6000, 9600);
      default:
        return 0;
    }
  });
  const selfEmployed = h.members.some((m) => m.workStatus === 'selfEmployed');
  const farms = h.members.some((m, i) => (ages[i] ?? 0) >= 35 && m.labor !== 'lost' && m.labor !== 'none' && (m.workStatus === 'local' || m.workStatus === 'none'));
  const business = (selfEmployed ? between(rng, 50000, 110000) : 0) + (farms && rng() < 0.75 ? between(rng, 6000, 26000) : 0);
  const costRatio = selfEmployed ? between(rng, 0.5, 0.7) : between(rng, 0.35, 0.55);
  const helped = h.kind !== 'ordinary';
  const property = (rng() < 0.4 ? between(rng, 300, 3000) : 0) + (helped && rng() < 0.6 ? between(rng, 300, 1200) : 0);
  const pension = h.members.reduce((s, m, i) => s + ((ages[i] ?? 0) >= 60 && (m.pensionInsurance || rng() < 0.9) ? between(rng, 1900, 3600) : 0), 0);
  const dibao = h.dibao ? n * between(rng, 3600, 6000) : 0;
  const tekun = h.tekun ? between(rng, 9000, 13000) : 0;
  const eco = rng() < 0.25 ? between(rng, 100, 1500) : 0;
  const disabledSevere = h.members.filter((m) => m.disabilityGrade === 1 || m.disabilityGrade === 2).length;
  // 赡养费: parents without earnings are supported by children registered elsewhere.
  const supported = !h.tekun && business === 0 && wages.every((w) => w === 0) ? between(rng, 3000, 9000) : 0;
  const other = (rng() < 0.8 ? between(rng, 200, 1500) : 0) + disabledSevere * between(rng, 1200, 2400) + (helped ? between(rng, 0, 800) : 0) + supported;
  const serious = h.members.filter((m) => m.health === 'serious').length;
  const chronic = h.members.filter((m) => m.health === 'chronic').length;

  const rows: SeedIncome[] = [];
  let prev: SeedIncome | null = null;
  const wageNow = [...wages];
  let businessNow = business;
  gen.years.forEach((year, i) => {
    if (i > 0) {
      for (let k = 0; k < wageNow.length; k++) {
        const w = wageNow[k] ?? 0;
        wageNow[k] = rng() < 0.05 ? w * between(rng, 0, 0.4) : w * between(rng, 0.97, 1.15);
        if (w === 0 && (wages[k] ?? 0) > 0 && rng() < 0.6) wageNow[k] = (wages[k] ?? 0) * between(rng, 0.9, 1.1); // back at work
      }
      businessNow = rng() < 0.06 ? businessNow * between(rng, 0.3, 0.7) : businessNow * between(rng, 0.95, 1.15);
    }
    const g = 1 + 0.03 * i;
    const a = emptyIncome();
    a.wageFen = yuan(wageNow.reduce((s, w) => s + w, 0));
    a.businessIncomeFen = yuan(businessNow);
    a.businessCostFen = yuan(businessNow * costRatio * between(rng, 0.9, 1.1));
    a.propertyFen = yuan(property * g * between(rng, 0.8, 1.2));
    a.pensionFen = yuan(pension * g);
    a.dibaoFen = yuan(dibao * g);
    a.tekunFen = yuan(tekun * g);
    a.ecoCompensationFen = yuan(eco);
    a.otherTransferFen = yuan(other * between(rng, 0.8, 1.2));
    a.insurancePayoutFen = serious > 0 && rng() < 0.3 ? yuan(between(rng, 2000, 20000)) : rng() < 0.02 ? yuan(between(rng, 500, 5000)) : 0;
    a.medicalOutOfPocketFen = yuan(serious * between(rng, 3000, 20000) + chronic * (rng() < 0.5 ? between(rng, 500, 3000) : 0));
    const target = gen.targets.get(f.index)?.get(year);
    if (target) steer(gen, a, n, target);
    const pc = perCapitaFen(a, n);
    const row: SeedIncome = {
      householdIndex: f.index,
      year,
      memberCount: n,
      amounts: a,
      netIncomeFen: netIncomeFen(a),
      perCapitaFen: pc,
      declineCause: null,
      note: null,
    };
    if (prev && isDecline(prev.perCapitaFen, pc)) {
      const [cause, note] = declineCause(gen, prev.amounts, a);
      row.declineCause = cause;
      row.note = note;
    }
    rows.push(row);
    prev = row;
  });
  return rows;
}

/** Moves per-capita income into [lo, hi] by scaling what the household earns (or adding costs). */
export function steer(gen: MonitoringGenerator, a: Record<IncomeCategory, number>, n: number, range: IncomeTarget): void {
  const pc = perCapitaFen(a, n);
  if (pc >= range.lo && pc <= range.hi) return;
  const target = range.lo + gen.rng() * (range.hi - range.lo);
  const earned = a.wageFen + a.businessIncomeFen - a.businessCostFen + a.propertyFen;
  const fixed = netIncomeFen(a) - earned + a.insurancePayoutFen - a.medicalOutOfPocketFen;
  const need = target * n - fixed;
  if (need >= 0 && earned > 0 && need <= earned * 3) {
    const k = need / earned;
    a.wageFen = yuan((a.wageFen / 100) * k);
    a.businessIncomeFen = yuan((a.businessIncomeFen / 100) * k);
    a.businessCostFen = Math.min(a.businessIncomeFen, yuan((a.businessCostFen / 100) * k));
    a.propertyFen = yuan((a.propertyFen / 100) * k);
  } else if (need >= 0) {
    // Too little earned to scale: the difference comes from work found with help (务工、公益性岗位).
    a.wageFen += yuan((need - earned) / 100);
  } else {
    // Transfers alone exceed the target: no earnings, and the rigid medical spending that put the household at risk.
    a.wageFen = 0;
    a.businessIncomeFen = 0;
    a.businessCostFen = 0;
    a.propertyFen = 0;
    a.medicalOutOfPocketFen += yuan(-need / 100);
  }
}

export function declineCause(gen: MonitoringGenerator, before: Record<IncomeCategory, number>, after: Record<IncomeCategory, number>): [DeclineCause, string | null] {
  const drops: [DeclineCause, number][] = [
    ['lostJob', before.wageFen - after.wageFen],
    [gen.rng() < 0.3 ? 'disaster' : 'smallerFarming', before.businessIncomeFen - before.businessCostFen - (after.businessIncomeFen - after.businessCostFen)],
    ['lostIndustryDividend', before.propertyFen - after.propertyFen],
    ['lostDibao', before.dibaoFen - after.dibaoFen],
    ['lostSubsidy', before.otherTransferFen + before.ecoCompensationFen - after.otherTransferFen - after.ecoCompensationFen],
    ['other', after.medicalOutOfPocketFen - before.medicalOutOfPocketFen + before.insurancePayoutFen - after.insurancePayoutFen],
  ];
  drops.sort((x, y) => y[1] - x[1]);
  const cause = drops[0]![0];
  return [cause, cause === 'other' ? '家庭成员患病，合规自付医疗支出增加' : null];
}
