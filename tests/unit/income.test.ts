import { describe, expect, it } from 'vitest';
import {
  change,
  compareIncome,
  declineCauseProblem,
  divideRounded,
  emptyIncome,
  formatYuan,
  formatYuanChange,
  incomeFigures,
  isDecline,
  isWithinLine,
  netIncomeFen,
  parseYuan,
  perCapitaFen,
  transferFen,
  type IncomeAmounts,
} from '../../shared/domain/income';

const amounts = (over: Partial<IncomeAmounts>): IncomeAmounts => ({ ...emptyIncome(), ...over });

// Expected figures worked out by hand from DOMAIN §4:
// 纯收入 = 工资 + (经营收入 − 经营支出) + 财产 + 转移; 人均 = (纯收入 + 理赔 − 合规自付) / 人数.
describe('net and per-capita income', () => {
  it.each([
    {
      name: 'wages only, three members',
      a: amounts({ wageFen: 3_000_000 }),
      members: 3,
      transfer: 0,
      net: 3_000_000,
      perCapita: 1_000_000,
    },
    {
      name: 'every category',
      a: amounts({
        wageFen: 2_400_000,
        businessIncomeFen: 800_000,
        businessCostFen: 300_000,
        propertyFen: 50_000,
        pensionFen: 160_000,
        dibaoFen: 120_000,
        tekunFen: 0,
        ecoCompensationFen: 20_000,
        otherTransferFen: 10_000,
        insurancePayoutFen: 200_000,
        medicalOutOfPocketFen: 460_000,
      }),
      members: 4,
      transfer: 310_000,
      net: 3_260_000,
      perCapita: 750_000, // (3,260,000 + 200,000 − 460,000) / 4
    },
    {
      name: 'insurance payout raises per-capita but not net income',
      a: amounts({ wageFen: 1_000_000, insurancePayoutFen: 500_000 }),
      members: 2,
      transfer: 0,
      net: 1_000_000,
      perCapita: 750_000,
    },
    {
      name: 'out-of-pocket medical costs lower per-capita but not net income',
      a: amounts({ wageFen: 1_000_000, medicalOutOfPocketFen: 400_000 }),
      members: 2,
      transfer: 0,
      net: 1_000_000,
      perCapita: 300_000,
    },
    {
      name: 'medical costs larger than income: negative per-capita',
      a: amounts({ dibaoFen: 300_000, medicalOutOfPocketFen: 900_000 }),
      members: 2,
      transfer: 300_000,
      net: 300_000,
      perCapita: -300_000,
    },
    {
      name: 'a failed business: negative business result lowers net income',
      a: amounts({ wageFen: 500_000, businessIncomeFen: 200_000, businessCostFen: 1_000_000 }),
      members: 2,
      transfer: 0,
      net: -300_000,
      perCapita: -150_000,
    },
    {
      name: 'one-member household (五保)',
      a: amounts({ tekunFen: 1_080_000, pensionFen: 180_000 }),
      members: 1,
      transfer: 1_260_000,
      net: 1_260_000,
      perCapita: 1_260_000,
    },
    {
      name: 'rounding: 1,000,000 fen over 3 members → 333,333 (⅓ fen dropped)',
      a: amounts({ wageFen: 1_000_000 }),
      members: 3,
      transfer: 0,
      net: 1_000_000,
      perCapita: 333_333,
    },
    {
      name: 'rounding: 2 fen over 3 members → 1 (⅔ fen rounds up)',
      a: amounts({ wageFen: 2 }),
      members: 3,
      transfer: 0,
      net: 2,
      perCapita: 1,
    },
    {
      name: 'rounding: a half fen rounds up',
      a: amounts({ wageFen: 5 }),
      members: 2,
      transfer: 0,
      net: 5,
      perCapita: 3,
    },
    {
      name: 'rounding: a negative half fen rounds away from zero',
      a: amounts({ businessCostFen: 5 }),
      members: 2,
      transfer: 0,
      net: -5,
      perCapita: -3,
    },
    {
      name: 'nothing at all',
      a: amounts({}),
      members: 5,
      transfer: 0,
      net: 0,
      perCapita: 0,
    },
  ])('$name', ({ a, members, transfer, net, perCapita }) => {
    expect(transferFen(a)).toBe(transfer);
    expect(netIncomeFen(a)).toBe(net);
    expect(perCapitaFen(a, members)).toBe(perCapita);
    expect(incomeFigures(a, members)).toEqual({ transferFen: transfer, netIncomeFen: net, perCapitaFen: perCapita });
  });

  it.each([0, -1, 1.5])('refuses %s members', (n) => {
    expect(() => perCapitaFen(amounts({ wageFen: 1 }), n)).toThrow(RangeError);
  });
});

describe('divideRounded', () => {
  it.each([
    [7, 2, 4],
    [-7, 2, -4],
    [10, 4, 3],
    [9, 4, 2],
    [-9, 4, -2],
    [0, 7, 0],
    [726_000_01, 3, 24_200_000],
  ])('%i / %i → %i', (n, d, q) => {
    expect(divideRounded(n, d)).toBe(q);
  });
});

describe('change with last year', () => {
  it.each([
    [1_000_000, 1_100_000, 100_000, 10],
    [1_000_000, 900_000, -100_000, -10],
    [300_000, 400_000, 100_000, 33.3],
    [300_000, 200_000, -100_000, -33.3],
    [600_000, 600_001, 1, 0],
    [0, 50_000, 50_000, null],
    [-100_000, 100_000, 200_000, 200], // from a loss to a gain: % of |last year|
    [100_000, -100_000, -200_000, -200],
  ] as const)('%i → %i: %i fen, %s %', (prev, cur, fen, pct) => {
    expect(change(prev, cur)).toEqual({ previousFen: prev, currentFen: cur, changeFen: fen, changePct: pct });
  });

  it('compares per category and in total', () => {
    const last = { ...amounts({ wageFen: 2_000_000, dibaoFen: 300_000, medicalOutOfPocketFen: 100_000 }), memberCount: 4 };
    const now = { ...amounts({ wageFen: 1_200_000, dibaoFen: 0, insurancePayoutFen: 200_000, medicalOutOfPocketFen: 600_000 }), memberCount: 3 };
    const c = compareIncome(last, now);
    expect(c.categories.wageFen).toEqual({ previousFen: 2_000_000, currentFen: 1_200_000, changeFen: -800_000, changePct: -40 });
    expect(c.categories.dibaoFen.changePct).toBe(-100);
    expect(c.categories.insurancePayoutFen).toEqual({ previousFen: 0, currentFen: 200_000, changeFen: 200_000, changePct: null });
    expect(c.categories.propertyFen.changeFen).toBe(0);
    expect(c.transfer.changeFen).toBe(-300_000);
    expect(c.netIncome).toEqual({ previousFen: 2_300_000, currentFen: 1_200_000, changeFen: -1_100_000, changePct: -47.8 });
    // last year (2,300,000 − 100,000) / 4 = 550,000; this year (1,200,000 + 200,000 − 600,000) / 3 = 266,667
    expect(c.perCapita).toEqual({ previousFen: 550_000, currentFen: 266_667, changeFen: -283_333, changePct: -51.5 });
  });
});

describe('isDecline', () => {
  it.each([
    [null, 500_000, false],
    [undefined, 500_000, false],
    [500_000, 500_000, false],
    [500_000, 499_999, true],
    [500_000, 700_000, false],
    [-10_000, -20_000, true],
  ] as const)('last year %s, this year %i → %s', (prev, cur, expected) => {
    expect(isDecline(prev, cur)).toBe(expected);
  });
});

describe('isWithinLine', () => {
  it.each([
    [726_000, 726_000, true],
    [725_999, 726_000, true],
    [726_001, 726_000, false],
    [-5_000, 726_000, true],
  ] as const)('per-capita %i against line %i → %s', (pc, line, expected) => {
    expect(isWithinLine(pc, line)).toBe(expected);
  });
});

describe('declineCauseProblem', () => {
  it.each([
    [false, null, null, null],
    [true, null, null, 'missingCause'],
    [true, 'lostJob', null, null],
    [true, 'other', '  ', 'missingNote'],
    [true, 'other', '家中房屋漏雨维修', null],
  ] as const)('decline %s, cause %s, note %s → %s', (decline, cause, note, expected) => {
    expect(declineCauseProblem(decline, cause, note)).toBe(expected);
  });
});

describe('money in 元', () => {
  it.each([
    [726_000, '7,260.00'],
    [5, '0.05'],
    [0, '0.00'],
    [-1_234, '-12.34'],
    [123_456_789, '1,234,567.89'],
  ])('formatYuan(%i) = %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('formats changes with a sign', () => {
    expect(formatYuanChange(100)).toBe('+1.00');
    expect(formatYuanChange(-100)).toBe('-1.00');
    expect(formatYuanChange(0)).toBe('0.00');
  });

  it.each([
    ['7260', 726_000],
    ['7,260.5', 726_050],
    [' 12.34 ', 1_234],
    ['0.1', 10],
    ['１２．３', 1_230],
    ['100元', 10_000],
    ['-5', -500],
    ['12.', 1_200],
    ['', null],
    ['12.345', null],
    ['abc', null],
    ['1e3', null],
  ] as const)('parseYuan(%s) = %s', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });
});
