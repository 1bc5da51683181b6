import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, referenceCanonicalJson } from '../../electron/core/features/print/hash';
import type { JsonValue } from '../../electron/core/features/print/types';

// canonicalJson is the text every content code (核验码) and signature hash is taken from: the
// faster way of writing it must give exactly the text of the reference definition, or every
// printed page and signature made before would stop matching its record.

// A money trail as the 资金流向表 hashes it, with an integer-like key and a quote and markup in a name.
const trail = {
  kind: 'funds.moneyTrail',
  title: 'XM2026-001 坪埠村食用菌大棚 资金流向',
  project: { code: 'XM2026-001', name: '坪埠村食用菌大棚', year: 2026, unit: '坪埠村村委会', budgetFen: 150_000_00 },
  batches: [
    {
      docNo: '明财农〔2026〕3号', source: '县级衔接推进乡村振兴补助资金', year: 2026, issuedDate: '2026-02-20', issuedFen: 1_000_000_00,
      allocations: [{ date: '2026-04-05', amountFen: 100_000_00, note: '' }, { date: '2026-04-06', amountFen: -20_000_00, note: '冲销 2026-04-05 的分配；批次选错' }],
      disbursements: [{ date: '2026-04-05', voucherNo: '记-0501', stage: '尾款', payee: '农户', amountFen: 5_000_00, note: '', lists: [{ title: '2026 年产业奖补', period: '2026', status: '已对账', bankOn: '2026-05-09', sent: true, paidFen: 3_000_00, failedFen: 2_000_00, lines: [{ household: '3504211010010001', name: '张三', basis: '养牛 3 头 × 1000 元', amountFen: 3_000_00, result: '成功', note: '', reachedFen: 3_000_00, failed: false }, { household: '3504211010010002', name: '李"四"<b>', basis: '种植 4 亩 × 500 元', amountFen: 2_000_00, result: '失败', note: '账号已销户；未计入到户', reachedFen: 0, failed: true }] }] }],
      allocatedFen: 80_000_00, disbursedFen: 5_000_00,
    },
  ],
  unlinked: [],
  totals: { allocatedFen: 80_000_00, disbursedFen: 5_000_00, toHouseholdsFen: 3_000_00, failedFen: 2_000_00, households: 1, failedHouseholds: 1 },
  byMonth: { '10': 1, '9': 2, Z: null, a: [], 中: {} },
};

// Values outside JsonValue reach the function at run time all the same (a builder's optional
// field, a Date): the text must still be the reference's, whatever it is.
const odd = (v: unknown) => v as JsonValue;
const cases: [string, JsonValue][] = [
  ['a money trail', trail],
  ['primitives', odd([null, true, false, 0, -0, 1.5, -7, 1e21, Number.NaN, Infinity, '', '中文', 'a"b\\c\n\t\u0001', '\ud800 lone'])],
  ['keys sorted by UTF-16 code units', { b: 1, B: 2, 中: 3, '𠮷': 4, '\uffff': 5, a: { z: [], y: {} } }],
  ['integer-like keys (the native writer puts them first)', { '10': 'x', '9': 'y', '01': 'z', '-1': 'w', '4294967295': 'v', a: 1 }],
  ['a "__proto__" key from parsed JSON', odd(JSON.parse('{"__proto__":{"b":1},"a":2}'))],
  ['undefined in an object', odd({ a: undefined, b: 1 })],
  ['undefined and a hole in an array', odd([1, undefined, 3, , 5])], // eslint-disable-line no-sparse-arrays
  ['a function and a Date', odd({ f: () => 1, d: new Date('2026-01-01T00:00:00Z') })],
  ['an object with a toJSON field', odd({ toJSON: 'field', n: 1 })],
  ['deep nesting', odd(JSON.parse(`${'['.repeat(50)}{"b":1,"a":2}${']'.repeat(50)}`))],
  ['empty containers', odd({ o: {}, a: [], n: null })],
];

describe('canonicalJson', () => {
  it.each(cases)('writes the reference text for %s', (_label, value) => {
    expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
  });

  it('gives the trail the hash it had before the faster writer', () => {
    // Taken with the recursive writer the program used until the 资金流向表 bench (issue 13).
    expect(contentHash(trail)).toBe('3ae97f09da00035ce55198e91b7388d59072aace35c280af1f40a4fa5d2f5254');
  });

  it('writes integer-like keys in code-unit order, not numeric order', () => {
    expect(canonicalJson({ '9': 1, '10': 2 })).toBe('{"10":2,"9":1}');
  });
});
