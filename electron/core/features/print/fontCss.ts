import { onPrintFontsReleased, pageCodePoints, subsetPrintCodePoints, touchPrintFonts, type SubsetFonts } from './fontSubset';

// The @font-face rules that carry the print font inside a printed file (fontSubset.ts says why the
// file has its own font), as the bytes render.ts writes.
//
// The cut (fontCut.ts) is deterministic: the same characters give the same font, byte for byte. A
// reprint of unchanged data, or another copy of the same page, uses the same characters, so the
// rules made for the last few sets of characters are kept: such a print skips the cut of both faces
// and the base64 of ~170 KB (a 500-household money trail: ~470 characters, ~230 KB of rules; the
// bold face has only the characters of its bold text, fontBoldText.ts). A print with another set
// of characters is cut afresh, so its font has every character of its own text and no others.
// Bounded by count and bytes, least recently used first out, and dropped with the fonts.

export const printFontFamily = 'LedgerPrintSerif';

const maxEntries = 16;
const maxBytes = 8 * 1024 * 1024;
const cache = new Map<string, Buffer>();
let cachedBytes = 0;

onPrintFontsReleased(() => {
  cache.clear();
  cachedBytes = 0;
});

/** The text before and after a face's base64 in its @font-face rule. */
function rule(weight: number): [string, string] {
  return [
    `@font-face { font-family: "${printFontFamily}"; font-style: normal; font-weight: ${weight}; font-display: block; src: url(data:font/ttf;base64,`,
    ') format("truetype"); }',
  ];
}
const alphabet = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'latin1');
const pad = 0x3d; // "="

/** Writes the base64 of `src` into `out` at `at`; returns the end. */
function base64Into(src: Uint8Array, out: Buffer, at: number): number {
  let o = at;
  const whole = src.length - (src.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const v = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!;
    out[o] = alphabet[v >>> 18]!;
    out[o + 1] = alphabet[(v >>> 12) & 63]!;
    out[o + 2] = alphabet[(v >>> 6) & 63]!;
    out[o + 3] = alphabet[v & 63]!;
    o += 4;
  }
  const rest = src.length - whole;
  if (rest > 0) {
    const v = (src[whole]! << 16) | (rest === 2 ? src[whole + 1]! << 8 : 0);
    out[o] = alphabet[v >>> 18]!;
    out[o + 1] = alphabet[(v >>> 12) & 63]!;
    out[o + 2] = rest === 2 ? alphabet[(v >>> 6) & 63]! : pad;
    out[o + 3] = pad;
    o += 4;
  }
  return o;
}

/**
 * The two rules written straight into one buffer of their size: the fonts' base64 is not made as
 * strings first (~1 ms each on a loaded machine, most of it the kernel handing out fresh pages).
 */
function rulesOf(fonts: SubsetFonts): Buffer {
  const [regularHead, regularTail] = rule(400);
  const [boldHead, boldTail] = rule(700);
  const parts: [string, Uint8Array, string][] = [
    [regularHead, fonts.regular, `${regularTail}\n`],
    [boldHead, fonts.bold, boldTail],
  ];
  const size = parts.reduce((n, [head, font, tail]) => n + head.length + 4 * Math.ceil(font.length / 3) + tail.length, 0);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const [head, font, tail] of parts) {
    at += out.write(head, at, 'latin1');
    at = base64Into(font, out, at);
    at += out.write(tail, at, 'latin1');
  }
  return out;
}

/**
 * The @font-face rules (regular 400, bold 700) for the print font cut to the characters of the
 * pages (the bold face to their bold text), as ASCII bytes; empty when the font cannot be had (the
 * machine's fonts are used then).
 */
export function printFontCssBytes(pages: readonly string[]): Buffer {
  const codePoints = pageCodePoints(pages);
  const key = `${codePoints.regular.join(',')}|${codePoints.bold.join(',')}`;
  const hit = cached(key);
  if (hit) return hit;
  const fonts = subsetPrintCodePoints(codePoints);
  return kept(key, fonts && rulesOf(fonts));
}

function cached(key: string): Buffer | null {
  const hit = cache.get(key);
  if (!hit) return null;
  cache.delete(key);
  cache.set(key, hit);
  touchPrintFonts();
  return hit;
}

/** Keeps the rules just made for `key` (the least recently used go first); empty when none were made. */
function kept(key: string, css: Buffer | null): Buffer {
  if (!css) return Buffer.alloc(0);
  if (css.length <= maxBytes) {
    cache.set(key, css);
    cachedBytes += css.length;
    for (const [k, v] of cache) {
      if (cache.size <= maxEntries && cachedBytes <= maxBytes) break;
      cache.delete(k);
      cachedBytes -= v.length;
    }
  }
  return css;
}

/** How many cut fonts are kept now (for the tests). */
export function cachedPrintFontCount(): number {
  return cache.size;
}
