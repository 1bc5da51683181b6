import { describe, expect, it } from 'vitest';
import { lightBackgrounds, readableGrays } from '../../renderer/src/app/readableGrays';

// WCAG 2.1 contrast: (L1 + 0.05) / (L2 + 0.05) with relative luminance from linearised sRGB.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('hint and secondary text contrast (WCAG AA)', () => {
  it("measures Mantine's default grays as too faint, so the check can tell", () => {
    expect(contrast('#868e96', '#ffffff')).toBeLessThan(4.5);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it.each(Object.entries(readableGrays))('%s text reads at 4.5:1 or more on every light background', (_name, color) => {
    for (const bg of lightBackgrounds) expect(contrast(color, bg)).toBeGreaterThanOrEqual(4.5);
  });
});
