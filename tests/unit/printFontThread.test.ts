import { afterEach, describe, expect, it, vi } from 'vitest';
import { printFontCssBytes } from '../../electron/core/features/print/fontCss';
import { printFontCssBytesOffThread, printFontThreadRunning, stopPrintFontThread } from '../../electron/core/features/print/fontThread';

// A print's font is cut on a thread of its own (fontThread.ts): the file must carry the very font
// this thread would have cut, the thread must go when prints stop, and a print must never fail or
// lose its font because that thread could not start or died.

afterEach(() => {
  stopPrintFontThread();
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete process.env.LEDGER_PRINT_FONT_IN_THREAD;
});

describe('the print font’s thread', () => {
  it('cuts the same font as this thread would, and goes two minutes after the last print', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const text = '坪埠村 产业奖补 王大山 3504211010010001';
    const there = await printFontCssBytesOffThread([text]);
    expect(printFontThreadRunning()).toBe(true);
    expect(there.length).toBeGreaterThan(10_000);
    expect(there.equals(printFontCssBytes([text]))).toBe(true);
    vi.advanceTimersByTime(100_000);
    await printFontCssBytesOffThread(['公示']);
    vi.advanceTimersByTime(100_000);
    expect(printFontThreadRunning()).toBe(true);
    vi.advanceTimersByTime(20_001);
    expect(printFontThreadRunning()).toBe(false);
  });

  it('cuts on this thread when the font’s thread is not to be had', async () => {
    process.env.LEDGER_PRINT_FONT_IN_THREAD = '1';
    const css = await printFontCssBytesOffThread(['发放花名册']);
    expect(printFontThreadRunning()).toBe(false);
    expect(css.equals(printFontCssBytes(['发放花名册']))).toBe(true);
  });

  it('a print whose font thread ends before it answers still gets its font, and the failure is logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const asked = printFontCssBytesOffThread(['到户合计 收益分配']);
    stopPrintFontThread();
    const css = await asked;
    expect(css.equals(printFontCssBytes(['到户合计 收益分配']))).toBe(true);
    expect(logged).toHaveBeenCalledTimes(1);
    // The next print starts the thread again.
    await printFontCssBytesOffThread(['资金流向']);
    expect(printFontThreadRunning()).toBe(true);
  });
});
