import { describe, expect, it } from 'vitest';
import { yuan } from '../../shared/domain/funds';
import { escapeHtml } from '../../electron/core/features/print/html';

// yuan() and escapeHtml() run for every row of a printed roster (500 lines in a 资金流向表); their
// faster forms must print exactly what the plain ones printed.

/** yuan() as it was written with the locale formatter. */
function referenceYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}

describe('yuan', () => {
  it.each([0, 1, 9, 10, 99, 100, 101, 99_999, 100_000, 123_456, 99_999_999, 100_000_000, 1_234_567_890_12, -1, -100, -123_456_789, 5_000_00, 2 ** 53 - 1, -(2 ** 53 - 1), 1e21, Number.NaN, 0.5])('%s 分 prints as the locale formatter did', (fen) => {
    expect(yuan(fen)).toBe(referenceYuan(fen));
  });

  it('groups thousands with commas', () => {
    expect(yuan(123_456_789_01)).toBe('123,456,789.01');
    expect(yuan(-2_000_00)).toBe('-2,000.00');
    expect(yuan(5)).toBe('0.05');
  });

  it('agrees with the locale formatter on every length of amount', () => {
    for (let digits = 1; digits <= 16; digits++) {
      for (const fen of [10 ** (digits - 1), 10 ** digits - 1, Math.floor(10 ** (digits - 1) * 1.234567)]) {
        expect(yuan(fen)).toBe(referenceYuan(fen));
        expect(yuan(-fen)).toBe(referenceYuan(-fen));
      }
    }
  });
});

describe('escapeHtml', () => {
  it.each([
    ['张三：养牛 3 头 × 1000 元', '张三：养牛 3 头 × 1000 元'],
    ['李"四"<b>&\'', '李&quot;四&quot;&lt;b&gt;&amp;&#39;'],
    ['', ''],
    ['a&b', 'a&amp;b'],
  ])('%s → %s', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});
