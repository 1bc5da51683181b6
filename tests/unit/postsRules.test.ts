import { describe, expect, it } from 'vitest';
import { checkHireAge, checkNotice, checkTerm, coversMonth, hiringOrderProblem, monthPay, postSettingsOn, type PostSettings } from '../../shared/domain/posts';
import { duplicateOf, payeeProblem, type PayeeFacts } from '../../shared/domain/payments';

const settings: PostSettings = { year: 2026, minAge: 16, maxAgeMale: 60, maxAgeFemale: 55, warnAge: 70, noticeDays: 3, maxTermMonths: 12 };

describe('agreement length (at most maxTermMonths)', () => {
  it.each([
    ['2026-05-01', '2027-04-30', 12, null],
    ['2026-05-01', '2027-05-01', 12, '最晚到 2027-04-30'],
    ['2026-01-31', '2026-02-27', 1, null],
    ['2026-01-31', '2026-03-01', 1, '最晚到 2026-02-27'],
    ['2026-05-01', '2026-04-30', 12, '早于开始日期'],
    ['2026-05-01', '2026-05-01', 12, null],
  ] as const)('%s → %s (%i months)', (start, end, months, expected) => {
    const p = checkTerm(start, end, months);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('age limits from the settings', () => {
  it.each([
    ['male', '2010-05-02', '2026-05-01', '未满 16 周岁', false],
    ['male', '2010-05-01', '2026-05-01', null, false],
    ['male', '1965-05-01', '2026-05-01', '男性上限 60 周岁', false],
    ['male', '1965-05-02', '2026-05-01', null, false],
    ['female', '1970-05-01', '2026-05-01', '女性上限 55 周岁', false],
    ['female', '1971-05-02', '2026-05-01', null, false],
  ] as const)('%s born %s on %s', (sex, birthDate, on, problem, warned) => {
    const r = checkHireAge({ name: '甲', birthDate, sex }, on, settings);
    if (problem === null) expect(r.problem).toBeNull();
    else expect(r.problem).toContain(problem);
    expect(r.warning !== null).toBe(warned);
  });

  it.each([
    ['1956-05-01', true],
    ['1956-05-02', false],
  ])('a person born %s is warned at 70: %s', (birthDate, warned) => {
    const loose = { ...settings, maxAgeMale: 80 };
    const r = checkHireAge({ name: '乙', birthDate, sex: 'male' }, '2026-05-01', loose);
    expect(r.problem).toBeNull();
    expect(r.warning !== null).toBe(warned);
  });

  it('takes the latest saved year not after the date', () => {
    const saved = [{ year: 2000 }, { year: 2025 }, { year: 2027 }];
    expect(postSettingsOn(saved, '2026-06-01')?.year).toBe(2025);
    expect(postSettingsOn(saved, '1999-06-01')).toBeNull();
  });
});

describe('hiring order and notice', () => {
  it.each([
    ['applied', 'villageReview', null],
    ['applied', 'notice', '下一步应为「村评议」'],
    ['noticed', 'sign', null],
    ['onDuty', 'onDuty', '已在岗'],
    ['left', 'villageReview', '已退岗'],
  ] as const)('%s then %s', (status, step, expected) => {
    const p = hiringOrderProblem(status, step);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });

  it.each([
    ['2026-04-15', '2026-04-17', 3, null],
    ['2026-04-15', '2026-04-16', 3, '2026-04-17 或之后'],
  ] as const)('notice %s → %s, %i days', (s, e, d, expected) => {
    const p = checkNotice(s, e, d);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });

  it.each([
    [{ startDate: '2026-05-15', endDate: '2027-05-14', leftDate: null }, '2026-05', true],
    [{ startDate: '2026-05-15', endDate: '2027-05-14', leftDate: null }, '2026-04', false],
    [{ startDate: '2026-01-01', endDate: '2026-12-31', leftDate: '2026-03-31' }, '2026-04', false],
    [{ startDate: '2026-01-01', endDate: '2026-12-31', leftDate: '2026-04-01' }, '2026-04', true],
    [{ startDate: null, endDate: null, leftDate: null }, '2026-04', false],
  ])('%o covers %s: %s', (a, month, expected) => {
    expect(coversMonth(a, month)).toBe(expected);
  });
});

describe('应发 / 实发', () => {
  it.each([
    // subsidy, min days, days, grade, adjust, reason → due, paid, problem
    [30_000, 3, 3, 'pass', 0, null, 30_000, 30_000, null],
    [30_000, 3, 2, 'pass', 0, null, 0, 0, null],
    [30_000, 3, 22, 'fail', 0, null, 0, 0, null],
    [30_000, 3, 22, 'excellent', 5_000, '表现突出', 30_000, 35_000, null],
    [30_000, 3, 22, 'pass', -5_000, '缺勤', 30_000, 25_000, null],
    [30_000, 3, 22, 'pass', -5_000, null, 0, 0, '扣发原因'],
    [30_000, 3, 22, 'pass', 5_000, ' ', 0, 0, '奖励原因'],
    [30_000, 3, 22, 'pass', -40_000, '缺勤', 30_000, 0, '不能超过应发'],
    [30_000, 3, 32, 'pass', 0, null, 0, 0, '0 到 31'],
  ] as const)('%i fen, min %i, %i days, %s, %i (%s)', (subsidy, min, days, grade, adjustFen, adjustReason, due, paid, problem) => {
    const r = monthPay(subsidy, min, 31, { days, grade, adjustFen, adjustReason });
    if (problem === null) {
      expect(r).toEqual({ dueFen: due, paidFen: paid, problem: null });
    } else {
      expect(r.problem).toContain(problem);
    }
  });
});

describe('payee check', () => {
  const ok: PayeeFacts = {
    memberName: '王小军',
    memberStatus: 'current',
    memberHouseholdId: 'h1',
    lineHouseholdId: 'h1',
    householdCode: '3504211010010001',
    householdStatus: 'active',
    householdClosedDate: null,
    leftDate: null,
  };
  it.each([
    [{}, null],
    [{ householdStatus: 'closed', householdClosedDate: '2026-06-05' }, '所在户已于 2026-06-05 注销'],
    [{ memberStatus: 'dead', leftDate: '2026-06-01' }, '已死亡（2026-06-01）'],
    [{ memberStatus: 'movedOut' }, '已迁出'],
    [{ memberHouseholdId: 'h2' }, '已不是户编号 3504211010010001 的成员'],
  ] as const)('%o', (over, expected) => {
    const p = payeeProblem({ ...ok, ...over }, '2026-06-10', '审核');
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('duplicate lines (purpose × person × period)', () => {
  const line = (memberId: string, cancelled = false, isReversal = false) => ({ memberId, amountFen: 100, cancelled, isReversal });
  it.each([
    [[], 'm1', false],
    [[line('m1')], 'm1', true],
    [[line('m2')], 'm1', false],
    [[line('m1', true)], 'm1', false],
    [[line('m1', false, true)], 'm1', false],
    [[line('m1', true), line('m1')], 'm1', true],
  ])('%o for %s: duplicate %s', (existing, memberId, expected) => {
    expect(duplicateOf(existing, memberId) !== null).toBe(expected);
  });
});
