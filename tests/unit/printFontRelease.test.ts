import { afterEach, describe, expect, it, vi } from 'vitest';
import { printFontsLoaded, subsetPrintFonts } from '../../electron/core/features/print/fontSubset';

// The print font's two faces hold about 35 MB once read: they stay for the prints that follow one
// another, and go two minutes after the last one, so an import or a submission later on does not
// carry them.

afterEach(() => {
  vi.useRealTimers();
});

describe('the print font in memory', () => {
  it('stays while prints follow each other and goes two minutes after the last', () => {
    vi.useFakeTimers();
    expect(subsetPrintFonts('发放花名册')).not.toBeNull();
    expect(printFontsLoaded()).toBe(true);
    vi.advanceTimersByTime(100_000);
    expect(subsetPrintFonts('公示')).not.toBeNull();
    vi.advanceTimersByTime(100_000);
    expect(printFontsLoaded()).toBe(true);
    vi.advanceTimersByTime(20_001);
    expect(printFontsLoaded()).toBe(false);
    // The next print loads it again.
    expect(subsetPrintFonts('花名册')?.bold.byteLength).toBeGreaterThan(0);
    expect(printFontsLoaded()).toBe(true);
  });
});
