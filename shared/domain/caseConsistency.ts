import type { GuaranteeKey, GuaranteeStatus, MonitoringCategory, RiskType } from './monitoring';
import { guaranteeLabels, guaranteeStatusLabels, riskTypeLabels } from './monitoring';

// What a case page says about itself when its parts disagree (issue 15 #21).

/** A risk that is the lack of a guarantee: the case cannot have the risk and the guarantee at once. */
const riskGuarantee: Partial<Record<RiskType, GuaranteeKey>> = {
  housing: 'housing',
  drinkingWater: 'water',
};

/** One sentence per risk whose guarantee still reads 有保障, saying what to correct. */
export function caseConsistencyWarnings(risks: readonly RiskType[], guarantees: Readonly<Record<GuaranteeKey, { status: GuaranteeStatus }>>): string[] {
  const warnings: string[] = [];
  for (const risk of risks) {
    const key = riskGuarantee[risk];
    if (key && guarantees[key].status === 'secure') {
      warnings.push(
        `风险类型为「${riskTypeLabels[risk]}」，但「${guaranteeLabels[key]}」登记为${guaranteeStatusLabels.secure}，两者矛盾：请把「${guaranteeLabels[key]}」改为${guaranteeStatusLabels.atRisk}，或移除该风险类型`,
      );
    }
  }
  return warnings;
}

/**
 * The program's category suggestion is shown while no category is set, or while the one set
 * differs and nobody has confirmed it; a category a person confirmed is not second-guessed.
 */
export function showsCategorySuggestion(c: { category: MonitoringCategory | null; categoryConfirmedBy: string | null }, suggested: MonitoringCategory | null): boolean {
  if (c.category === null) return true;
  return suggested !== null && suggested !== c.category && c.categoryConfirmedBy === null;
}
