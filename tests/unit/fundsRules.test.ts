import { describe, expect, it } from 'vitest';
import { suggestedFundSettings, type ProjectStepKind } from '../../shared/domain/funds';
import {
  allocationProblem,
  allocationReversalProblem,
  checkProjectStep,
  closedYearProblem,
  disbursementProblem,
  milestoneLateness,
  netFen,
  progressPermille,
  projectPosition,
  requiredPercent,
  reversalProblem,
  type RecordedProjectStep,
} from '../../shared/domain/fundsRules';

const settings = suggestedFundSettings(2026);
const targets = { performanceTarget: '带动 30 户增收', farmerLink: '务工 + 分红' };

describe('allocation invariants at their boundary', () => {
  const base = { batchAmountFen: 100_000, batchAllocatedFen: 40_000, projectBudgetFen: 80_000, projectAllocatedFen: 20_000 };
  it.each([
    ['batch exactly used up', { amountFen: 60_000 }, null],
    ['one fen over the batch', { amountFen: 60_001 }, '该批次只剩 600.00 元未分配'],
    ['budget exactly reached', { projectBudgetFen: 50_000, amountFen: 30_000 }, null],
    ['one fen over the budget', { projectBudgetFen: 50_000, amountFen: 30_001 }, '最多还能分配 300.00 元'],
    ['zero', { amountFen: 0 }, '分配金额应大于 0 元'],
  ])('%s', (_name, over, expected) => {
    const p = allocationProblem({ ...base, ...over } as Parameters<typeof allocationProblem>[0]);
    if (expected === null) expect(p).toBeNull();
    else expect(p?.message).toContain(expected);
  });
});

describe('disbursement invariant at its boundary', () => {
  it.each([
    [30_000, 10_000, 20_000, null],
    [30_000, 10_000, 20_001, '只剩 200.00 元可拨付'],
    [30_000, 30_000, 1, '只剩 0.00 元可拨付'],
    [30_000, 0, -5, '拨付金额应大于 0 元'],
  ])('allocated %i, disbursed %i, new %i', (allocatedFen, disbursedFen, amountFen, expected) => {
    const p = disbursementProblem({ allocatedFen, disbursedFen, amountFen });
    if (expected === null) expect(p).toBeNull();
    else expect(p?.message).toContain(expected);
  });
});

describe('reversal arithmetic', () => {
  it('a reversal negates its entry, so what stands is the rest', () => {
    const entries = [
      { id: 'a', amountFen: 50_000, reversesId: null },
      { id: 'b', amountFen: 30_000, reversesId: null },
      { id: 'c', amountFen: -50_000, reversesId: 'a' },
    ];
    expect(netFen(entries)).toBe(30_000);
    expect(reversalProblem(entries[0]!, entries)?.message).toContain('已经冲销过');
    expect(reversalProblem(entries[2]!, entries)?.message).toContain('这是一条冲销记录');
    expect(reversalProblem(entries[1]!, entries)).toBeNull();
  });
  it.each([
    // reversing 20,000 of 50,000 allocated leaves 30,000: equal to disbursed is allowed, one fen more disbursed refused
    [20_000, 50_000, 30_000, null],
    [20_000, 50_000, 30_001, '请先冲销相应的拨付记录'],
  ])('reverse %i of %i with %i disbursed', (reversedFen, allocatedFen, disbursedFen, expected) => {
    const p = allocationReversalProblem({ reversedFen, allocatedFen, disbursedFen });
    if (expected === null) expect(p).toBeNull();
    else expect(p?.message).toContain(expected);
  });
});

describe('closed year', () => {
  it.each([
    [null, '2027-05-01', null],
    ['2027-01-31', '2027-01-31', null],
    ['2027-01-31', '2027-02-01', '已于 2027-01-31 结账'],
  ])('close %s, today %s', (closeDate, today, expected) => {
    const p = closedYearProblem(2026, closeDate, today);
    if (expected === null) expect(p).toBeNull();
    else expect(p?.message).toContain(expected);
  });
});

describe('milestone lateness', () => {
  const ms = settings.milestones; // 06-30 50 %, 09-30 75 %, 12-31 100 %
  it.each([
    ['before the first milestone nothing is required', '2026-06-29', 0, 0, false],
    ['on 30 June half is due: exactly half is on time', '2026-06-30', 50, 50_000, false],
    ['one fen short of half is late', '2026-06-30', 50, 49_999, true],
    ['after 30 September three quarters are due', '2026-10-01', 75, 74_999, true],
    ['next year everything is due', '2027-01-01', 100, 100_000, false],
  ])('%s', (_name, asOf, required, disbursedFen, late) => {
    const l = milestoneLateness({ allocatedFen: 100_000, disbursedFen, milestones: ms, year: 2026, asOf });
    expect(l.requiredPercent).toBe(required);
    expect(l.late).toBe(late);
  });
  it('nothing allocated is never late, and progress is unknown', () => {
    expect(milestoneLateness({ allocatedFen: 0, disbursedFen: 0, milestones: ms, year: 2026, asOf: '2026-12-31' }).late).toBe(false);
    expect(progressPermille(0, 0)).toBeNull();
    expect(progressPermille(1, 3)).toBe(333);
    expect(requiredPercent(ms, 2026, '2026-09-30')).toBe(75);
  });
});

function run(...kinds: ProjectStepKind[]): RecordedProjectStep[] {
  return kinds.map((step, i) => ({ step, outcome: 'passed', date: `2026-0${1 + Math.floor(i / 4)}-1${i % 4}`, noticeEnd: null }));
}

describe('project library steps', () => {
  it('in order; the library opens at 入库公告; side exits only in the library', () => {
    expect(projectPosition([]).allowed).toEqual(['villageApply']);
    const upToCounty = run('villageApply', 'villageNotice', 'townshipReview', 'townshipNotice', 'countyApprove');
    expect(projectPosition(upToCounty)).toEqual({ status: 'draft', next: 'libraryNotice', allowed: ['libraryNotice'] });
    const inLib = [...upToCounty, ...run('libraryNotice')];
    expect(projectPosition(inLib)).toEqual({ status: 'inLibrary', next: 'annualPlan', allowed: ['annualPlan', 'rollOver', 'exit'] });
    const rolled = [...inLib, ...run('rollOver')];
    expect(projectPosition(rolled).next).toBe('annualPlan');
    expect(projectPosition([...inLib, ...run('exit')]).status).toBe('exited');
  });
  it('refuses a skipped step and a short notice; a notice of exactly the minimum days passes', () => {
    const steps = run('villageApply');
    const skip = checkProjectStep(steps, { step: 'townshipReview', outcome: 'passed', date: '2026-03-01', noticeEnd: null }, targets, settings, '2026-04-01');
    expect(skip?.message).toContain('下一步应为「村公示」');
    const short = checkProjectStep(steps, { step: 'villageNotice', outcome: 'passed', date: '2026-03-01', noticeEnd: '2026-03-09' }, targets, settings, '2026-04-01');
    expect(short?.message).toContain('不少于 10 天');
    expect(checkProjectStep(steps, { step: 'villageNotice', outcome: 'passed', date: '2026-03-01', noticeEnd: '2026-03-10' }, targets, settings, '2026-04-01')).toBeNull();
  });
  it('the step after a notice waits for its end', () => {
    const steps: RecordedProjectStep[] = [...run('villageApply'), { step: 'villageNotice', outcome: 'passed', date: '2026-03-01', noticeEnd: '2026-03-10' }];
    expect(checkProjectStep(steps, { step: 'townshipReview', outcome: 'passed', date: '2026-03-10', noticeEnd: null }, targets, settings, '2026-04-01')?.message).toContain('公示期满后');
    expect(checkProjectStep(steps, { step: 'townshipReview', outcome: 'passed', date: '2026-03-11', noticeEnd: null }, targets, settings, '2026-04-01')).toBeNull();
  });
  it('no project enters the library without 绩效目标 and 联农带农', () => {
    const steps = run('villageApply', 'villageNotice', 'townshipReview', 'townshipNotice');
    const p = checkProjectStep(steps, { step: 'countyApprove', outcome: 'passed', date: '2026-03-05', noticeEnd: null }, { performanceTarget: '', farmerLink: ' ' }, settings, '2026-04-01');
    expect(p?.message).toContain('没有绩效目标和联农带农机制，不能入库');
  });
});
