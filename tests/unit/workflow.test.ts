import { describe, expect, it } from 'vitest';
import { negativeListItems, type NegativeListItem, type StepKind, type Workflow } from '../../shared/domain/monitoring';
import {
  checkAfterNotice,
  checkHomeCheck,
  checkNotice,
  checkStepDate,
  checkStepOrder,
  currentRun,
  expectedNextStep,
  isReviewerStep,
  stepBlockedForRole,
  rejectionNeedsReason,
} from '../../shared/domain/workflow';

const TODAY = '2026-05-20';
const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;

describe('step order', () => {
  it.each<[Workflow, string[], StepKind | null]>([
    ['identification', [], 'apply'],
    ['identification', ['apply'], 'homeCheck'],
    ['identification', ['apply', 'homeCheck', 'villageReview'], 'notice'],
    ['identification', ['apply', 'homeCheck', 'villageReview', 'notice', 'townshipReview'], 'countyDecision'],
    ['identification', ['apply', 'homeCheck', 'villageReview', 'notice', 'townshipReview', 'countyDecision'], null],
    ['elimination', [], 'nominate'],
    ['elimination', ['nominate'], 'homeCheck'],
  ])('%s after %j → %s', (wf, done, next) => expect(expectedNextStep(wf, done)).toBe(next));

  it.each<[Workflow, string[], StepKind, boolean]>([
    ['identification', [], 'apply', true],
    ['identification', [], 'homeCheck', false],
    ['identification', ['apply'], 'notice', false],
    ['identification', ['apply', 'homeCheck', 'villageReview'], 'countyDecision', false],
    ['identification', [], 'nominate', false],
    ['elimination', [], 'nominate', true],
    ['elimination', [], 'apply', false],
  ])('%s after %j: %s allowed = %s', (wf, done, step, ok) => {
    const p = checkStepOrder(wf, done, step);
    expect(p === null).toBe(ok);
  });

  it('names the expected next step', () => {
    expect(checkStepOrder('identification', ['apply'], 'notice')?.message).toContain('下一步应为「入户核实」');
  });

  it('a rejection ends a run: the next run starts from the beginning', () => {
    const s = (step: string, outcome: 'passed' | 'rejected', round = 1) => ({ workflow: 'elimination', round, step, outcome, date: '2026-01-01' });
    const steps = [s('nominate', 'passed'), s('homeCheck', 'rejected'), s('nominate', 'passed')];
    expect(currentRun(steps, 'elimination', 1).map((x) => x.step)).toEqual(['nominate']);
    expect(currentRun(steps, 'elimination', 2)).toEqual([]);
  });
});

describe('step dates', () => {
  it.each<[string, string | null, boolean]>([
    ['2026-05-20', '2026-05-19', true],
    ['2026-05-19', '2026-05-19', true],
    ['2026-05-18', '2026-05-19', false],
    ['2026-05-21', null, false],
    ['2026-05-20', null, true],
  ])('date %s after previous %s: ok = %s', (date, prev, ok) => {
    expect(checkStepDate(date, prev ? { date: prev, label: '农户申请' } : null, TODAY) === null).toBe(ok);
  });
});

describe('home check', () => {
  it.each([
    [['王一', '李二'], noHits(), undefined, 'passed', true],
    [['王一'], noHits(), undefined, 'passed', false],
    [['王一', '王一'], noHits(), undefined, 'passed', false],
    [['王一', '李二'], undefined, undefined, 'passed', false],
    [['王一', '李二'], { ...noHits(), company: true }, undefined, 'passed', false],
    [['王一', '李二'], { ...noHits(), company: true }, { date: '2026-05-10', note: '村民代表大会讨论同意' }, 'passed', true],
    [['王一', '李二'], { ...noHits(), company: true }, undefined, 'rejected', true],
  ] as const)('people %j, hits %j, decision %j, %s → ok %s', (people, list, decision, outcome, ok) => {
    const p = checkHomeCheck({ workflow: 'identification', people, outcome, negativeList: list, specialDecision: decision });
    expect(p === null).toBe(ok);
  });

  it('an unanswered item is named', () => {
    const partial: Partial<Record<NegativeListItem, boolean>> = noHits();
    delete partial.assets;
    const p = checkHomeCheck({ workflow: 'identification', people: ['a', 'b'], outcome: 'passed', negativeList: partial });
    expect(p?.field).toBe('details.negativeList.assets');
  });

  it('elimination home check needs two investigators but no negative list', () => {
    expect(checkHomeCheck({ workflow: 'elimination', people: ['a', 'b'], outcome: 'passed' })).toBeNull();
    expect(checkHomeCheck({ workflow: 'elimination', people: ['a'], outcome: 'passed' })).not.toBeNull();
  });
});

describe('notice length', () => {
  it.each<[string, string, number, boolean]>([
    ['2026-05-11', '2026-05-15', 5, true], // 11–15: five days, start included
    ['2026-05-11', '2026-05-14', 5, false],
    ['2026-05-11', '2026-05-17', 7, true],
    ['2026-05-11', '2026-05-16', 7, false],
    ['2026-04-28', '2026-05-02', 5, true], // across a month end
  ])('%s to %s with %i days: ok = %s', (start, end, days, ok) => {
    expect(checkNotice({ startDate: start, endDate: end, place: '村务公开栏' }, days, '2026-04-20', TODAY) === null).toBe(ok);
  });

  it('says how many days and the earliest end date', () => {
    const p = checkNotice({ startDate: '2026-05-11', endDate: '2026-05-13', place: '村务公开栏' }, 7, '2026-05-11', TODAY);
    expect(p?.message).toContain('不少于 7 天');
    expect(p?.message).toContain('2026-05-17');
  });

  it('end before start, start before the step, start in the future are refused', () => {
    expect(checkNotice({ startDate: '2026-05-11', endDate: '2026-05-10', place: 'x' }, 1, '2026-05-11', TODAY)).not.toBeNull();
    expect(checkNotice({ startDate: '2026-05-10', endDate: '2026-05-20', place: 'x' }, 5, '2026-05-11', TODAY)).not.toBeNull();
    expect(checkNotice({ startDate: '2026-05-21', endDate: '2026-05-30', place: 'x' }, 5, '2026-05-11', TODAY)).not.toBeNull();
    expect(checkNotice(undefined, 5, '2026-05-11', TODAY)).not.toBeNull();
  });
});

describe('decisions after the notice', () => {
  it.each<[string, string | null, boolean]>([
    ['2026-05-15', '2026-05-15', false],
    ['2026-05-14', '2026-05-15', false],
    ['2026-05-16', '2026-05-15', true],
    ['2026-05-16', null, true],
  ])('decision %s, notice ends %s: ok = %s', (date, end, ok) => {
    expect(checkAfterNotice('identification', 'countyDecision', date, end) === null).toBe(ok);
  });

  it('reviewer steps', () => {
    expect(isReviewerStep('townshipReview')).toBe(true);
    expect(isReviewerStep('countyDecision')).toBe(true);
    expect(isReviewerStep('villageReview')).toBe(false);
  });

  it('a rejection needs a reason', () => {
    expect(rejectionNeedsReason('rejected', null)).not.toBeNull();
    expect(rejectionNeedsReason('rejected', '收入超标')).toBeNull();
    expect(rejectionNeedsReason('passed', null)).toBeNull();
  });
});

// Issue 15 #18: the button of a step a role cannot sign is disabled with this reason on hover.
describe('stepBlockedForRole', () => {
  it('blocks a clerk from the reviewer steps only, with the reason shown on hover', () => {
    expect(stepBlockedForRole('townshipReview', 'clerk')).toBe('需要审核人或管理员');
    expect(stepBlockedForRole('countyDecision', 'clerk')).toBe('需要审核人或管理员');
    expect(stepBlockedForRole('townshipReview', 'reviewer')).toBeNull();
    expect(stepBlockedForRole('countyDecision', 'admin')).toBeNull();
    expect(stepBlockedForRole('apply', 'clerk')).toBeNull();
  });
});
