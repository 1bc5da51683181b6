import type { MeasureStatus, RiskType } from './monitoring';

// "缺什么补什么": every open risk of a case needs at least one matching measure (DOMAIN §10), and
// risk elimination needs the matching measures carried out (DOMAIN §8).

export interface MeasureForCoverage {
  id: string;
  riskTypes: readonly RiskType[];
  status: MeasureStatus;
}

export interface RiskCoverage {
  riskType: RiskType;
  /** Measures that answer this risk and are not cancelled. */
  measureIds: string[];
  /** At least one such measure. */
  covered: boolean;
  /** At least one such measure, and every one of them 已落实. */
  done: boolean;
}

export function riskCoverage(risks: readonly RiskType[], measures: readonly MeasureForCoverage[]): RiskCoverage[] {
  return risks.map((riskType) => {
    const matching = measures.filter((m) => m.status !== 'cancelled' && m.riskTypes.includes(riskType));
    return {
      riskType,
      measureIds: matching.map((m) => m.id),
      covered: matching.length > 0,
      done: matching.length > 0 && matching.every((m) => m.status === 'done'),
    };
  });
}
