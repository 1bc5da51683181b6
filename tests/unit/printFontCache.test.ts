import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedPrintFontCount, printFontCssBytes } from '../../electron/core/features/print/fontCss';
import { printCodePoints, printFontsLoaded, subsetPrintFonts } from '../../electron/core/features/print/fontSubset';

// The @font-face rules of a printed file are kept for the next print with the same characters
// (print/fontCss.ts): a reprint skips the cut. What is kept must be exactly what a fresh cut gives.

afterEach(() => {
  vi.useRealTimers();
});

/** The rules as layout.ts wrote them before the cache: each face's base64 in its @font-face rule. */
function reference(text: string): string {
  const fonts = subsetPrintFonts(text)!;
  const face = (weight: number, data: Buffer) =>
    `@font-face { font-family: "LedgerPrintSerif"; font-style: normal; font-weight: ${weight}; font-display: block; src: url(data:font/ttf;base64,${data.toString('base64')}) format("truetype"); }`;
  return `${face(400, fonts.regular)}\n${face(700, fonts.bold)}`;
}

describe('the print font kept between prints', () => {
  it('writes the same rules as a fresh cut, for texts of every size', () => {
    for (const text of ['一', '发放', '花名册 2026', '陈永芳赵晓明边缘易致贫户', '资金流向：批次 → 分配 → 拨付 → 到户（成功）', 'ABCabc 0123456789 ，。；：']) {
      expect(printFontCssBytes([text]).toString('latin1')).toBe(reference(text));
    }
  });

  it('serves the same characters from what it kept, and cuts afresh for one character more', () => {
    vi.useFakeTimers();
    const first = printFontCssBytes(['坪埠村 产业奖补 王大山']);
    const kept = cachedPrintFontCount();
    // The same characters in another order and split otherwise: the same set, the kept bytes.
    expect(printFontCssBytes(['王大山 产业', '奖补 坪埠村'])).toBe(first);
    expect(cachedPrintFontCount()).toBe(kept);
    // One new character: a new cut that has it, equal to a fresh cut of that text.
    const more = printFontCssBytes(['坪埠村 产业奖补 王大山 鑫']);
    expect(more).not.toBe(first);
    expect(more.toString('latin1')).toBe(reference('坪埠村 产业奖补 王大山 鑫'));
    expect(cachedPrintFontCount()).toBe(kept + 1);
  });

  it('keeps a bounded number of cuts', () => {
    const base = '资金流向表';
    for (let i = 0; i < 24; i += 1) printFontCssBytes([`${base}${String.fromCodePoint(0x4e00 + i * 7)}`]);
    expect(cachedPrintFontCount()).toBeLessThanOrEqual(16);
  });

  it('counts a print served from what was kept as a print, and lets the kept cuts go with the fonts', () => {
    vi.useFakeTimers();
    printFontCssBytes(['到户合计']);
    vi.advanceTimersByTime(100_000);
    // A reprint from the kept cut: the fonts stay two more minutes.
    printFontCssBytes(['到户合计']);
    vi.advanceTimersByTime(100_000);
    expect(printFontsLoaded()).toBe(true);
    vi.advanceTimersByTime(20_001);
    expect(printFontsLoaded()).toBe(false);
    expect(cachedPrintFontCount()).toBe(0);
    expect(printFontCssBytes(['到户合计']).toString('latin1')).toBe(reference('到户合计'));
  });
});

describe('the characters a page uses', () => {
  it('are what iterating the text gives, lone surrogates and characters beyond the BMP included, ascending', () => {
    const texts = ['王𠮷明 a\n', '\ud800x\udc00 𠮷', '鑫'];
    const expected = new Set<number>();
    for (const t of texts) for (const ch of t) expected.add(ch.codePointAt(0)!);
    expect(printCodePoints(texts)).toEqual([...expected].sort((a, b) => a - b));
  });
});
