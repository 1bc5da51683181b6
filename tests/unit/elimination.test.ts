import { describe, expect, it } from 'vitest';
import { checkElimination, type EliminationFacts, type EliminationPreconditionKey } from '../../shared/domain/elimination';
import { guaranteeKeys, type Guarantees } from '../../shared/domain/monitoring';
import { suggestedThresholds } from '../../shared/domain/thresholds';

const secure = Object.fromEntries(guaranteeKeys.map((k) => [k, { status: 'secure', note: null }])) as unknown as Guarantees;
const t = { ...suggestedThresholds(2026), minMonitoringMonths: 6 };

function facts(over: Partial<EliminationFacts> = {}): EliminationFacts {
  return {
    asOf: '2026-09-01',
    monitoringSince: '2026-03-01',
    sinceThresholds: t,
    income: { year: 2025, perCapitaFen: 900_000 },
    incomeThresholds: { monitoringLineFen: 726_000, eliminationFloorFen: 500_000 },
    guarantees: secure,
    risks: ['illness', 'schooling'],
    measures: [
      { id: 'm1', riskTypes: ['illness'], status: 'done' },
      { id: 'm2', riskTypes: ['schooling'], status: 'done' },
      { id: 'm3', riskTypes: ['illness'], status: 'cancelled' },
    ],
    noLabor: false,
    ...over,
  };
}

describe('elimination preconditions', () => {
  it('all met', () => {
    const c = checkElimination(facts());
    expect(c.allMet).toBe(true);
    expect(c.preconditions.map((p) => p.key)).toEqual(['minMonths', 'income', 'guarantees', 'measures', 'labor']);
    expect(c.earliestDate).toBe('2026-09-01');
  });

  it.each<[string, Partial<EliminationFacts>, EliminationPreconditionKey, string]>([
    ['one day short of the minimum months', { asOf: '2026-08-31' }, 'minMonths', '最早 2026-09-01'],
    ['no income on record', { income: null, incomeThresholds: null }, 'income', '尚无收入记录'],
    ['income exactly on the line (not above)', { income: { year: 2025, perCapitaFen: 726_000 } }, 'income', '未高于'],
    [
      'income above the line but below the floor',
      { income: { year: 2025, perCapitaFen: 400_000 }, incomeThresholds: { monitoringLineFen: 300_000, eliminationFloorFen: 500_000 } },
      'income',
      '低于风险消除收入底线',
    ],
    ['a guarantee at risk', { guarantees: { ...secure, water: { status: 'atRisk', note: '水源枯竭' } } }, 'guarantees', '饮水安全'],
    [
      'a measure not done',
      { measures: [{ id: 'm1', riskTypes: ['illness'], status: 'inProgress' }, { id: 'm2', riskTypes: ['schooling'], status: 'done' }] },
      'measures',
      '措施未全部落实',
    ],
    ['a risk without any measure', { measures: [{ id: 'm1', riskTypes: ['illness'], status: 'done' }] }, 'measures', '没有对应措施'],
    ['a no-labour household', { noLabor: true }, 'labor', '整户无劳动能力'],
  ])('%s', (_name, over, key, reason) => {
    const c = checkElimination(facts(over));
    expect(c.allMet).toBe(false);
    const failing = c.preconditions.filter((p) => !p.met);
    expect(failing.map((p) => p.key)).toEqual([key]);
    expect(failing[0]!.reason).toContain(reason);
    expect(failing[0]!.label.length).toBeGreaterThan(0);
  });

  it('the floor is inclusive: exactly on the floor and above the line is met', () => {
    const c = checkElimination(facts({ income: { year: 2025, perCapitaFen: 500_000 }, incomeThresholds: { monitoringLineFen: 400_000, eliminationFloorFen: 500_000 } }));
    expect(c.preconditions.find((p) => p.key === 'income')!.met).toBe(true);
  });

  it('minimum months follow the thresholds given', () => {
    const c = checkElimination(facts({ sinceThresholds: { ...t, minMonitoringMonths: 3 }, asOf: '2026-06-01' }));
    expect(c.preconditions.find((p) => p.key === 'minMonths')!.met).toBe(true);
  });
});
