import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cutTrueTypeFace, readTrueTypeFace, type TrueTypeFace } from '../../electron/core/features/print/fontCut';
import type { PairSubtable, Value } from '../../electron/core/features/print/fontLayout';

// The print font is cut to a page's characters by print/fontCut.ts. A cut must be a well-formed
// font (Chromium refuses a malformed one and prints in whatever font the machine has), draw each
// character exactly as the whole font does, and keep the rules a zh-CN page is set with: the
// Chinese dash and quotes, "——" as one dash, half-width punctuation pairs, Latin kerning.

const req = createRequire(import.meta.url);
const fontBytes = (weight: 'regular' | 'bold') =>
  readFileSync(req.resolve(weight === 'regular' ? '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf' : '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'));
const whole = readTrueTypeFace(fontBytes('regular'));
const bold = readTrueTypeFace(fontBytes('bold'));

const codePoints = (text: string) => [...text].map((c) => c.codePointAt(0)!);
/** A cut of the text's characters. */
const cut = (face: TrueTypeFace, text: string) => cutTrueTypeFace(face, codePoints(text));

function outline(face: TrueTypeFace, glyph: number): Buffer {
  const glyf = face.tables.get('glyf')!.offset;
  return face.bytes.subarray(glyf + face.loca[glyph]!, glyf + face.loca[glyph + 1]!);
}
/** The cut's record of a glyph is the font's, zero-padded to a whole word. */
function sameOutline(cutFace: TrueTypeFace, mine: number, glyph: number): boolean {
  const a = outline(cutFace, mine);
  const b = outline(whole, glyph);
  return a.length === ((b.length + 3) & ~3) && a.subarray(0, b.length).equals(b) && a.subarray(b.length).every((x) => x === 0);
}
function advance(face: TrueTypeFace, glyph: number): number {
  return face.bytes.readUInt16BE(face.tables.get('hmtx')!.offset + 4 * Math.min(glyph, face.numberOfHMetrics - 1));
}
/** The glyph a zh-CN page shows for the character: its Chinese form where the font has one. */
function shown(face: TrueTypeFace, ch: string): number {
  const g = face.bmp[ch.codePointAt(0)!]!;
  return face.layout.chinese.get(g) ?? g;
}
function kern(tables: readonly PairSubtable[], first: number, second: number): Value | null {
  for (const s of tables) {
    if (s.format === 1) {
      const v = s.pairs.get(first)?.get(second);
      if (v) return v;
    } else if (s.covered.includes(first)) return s.values[s.class1[first]!]![s.class2[second]!]!;
  }
  return null;
}
function sum(b: Buffer): number {
  const padded = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  let s = 0;
  for (let i = 0; i < padded.length; i += 4) s = (s + padded.readUInt32BE(i)) >>> 0;
  return s;
}

const page = '坪埠村 2026 年度产业奖补到户公示（第一批）——王大山、陈永芳……合计 12,345.67 元。编号 XM2022-0001；';

describe('a cut of the print font', () => {
  it('is a well-formed font: tables in tag order, each checksum right, the whole file summing to the magic number', () => {
    for (const face of [whole, bold]) {
      const font = cut(face, page);
      const count = font.readUInt16BE(4);
      const tags: string[] = [];
      for (let i = 0; i < count; i++) {
        const rec = 12 + 16 * i;
        const tag = font.toString('latin1', rec, rec + 4);
        tags.push(tag);
        const table = Buffer.from(font.subarray(font.readUInt32BE(rec + 8), font.readUInt32BE(rec + 8) + font.readUInt32BE(rec + 12)));
        if (tag === 'head') table.writeUInt32BE(0, 8);
        expect(sum(table), tag).toBe(font.readUInt32BE(rec + 4));
      }
      expect(tags).toEqual(['GPOS', 'GSUB', 'OS/2', 'cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post']);
      expect(sum(font)).toBe(0xb1b0afba);
    }
  });

  it('draws every character of the page exactly as the whole font does, and nothing else', () => {
    const font = readTrueTypeFace(cut(whole, page));
    const chars = [...new Set(page)];
    for (const ch of chars) {
      const mine = font.bmp[ch.codePointAt(0)!]!;
      expect(mine, ch).toBeGreaterThan(0);
      expect(sameOutline(font, mine, shown(whole, ch)), ch).toBe(true);
      expect(advance(font, mine)).toBe(advance(whole, shown(whole, ch)));
    }
    // .notdef, the page's characters, and the two- and three-dash ligatures of "——".
    expect(font.numGlyphs).toBe(1 + chars.length + 2);
    expect(sameOutline(font, 0, 0)).toBe(true);
  });

  it('gives the same bytes for the same characters in every order, and leaves out what the font lacks', () => {
    const a = cut(whole, '王大山 陈永芳');
    expect(cut(whole, '芳永陈 山大王王').equals(a)).toBe(true);
    // U+1F600 (an emoji) is not in the font: the cut is the one without it.
    expect(cut(whole, '王大山 陈永芳😀').equals(a)).toBe(true);
    expect(cut(whole, '王大山 陈永芳。').equals(a)).toBe(false);
  });

  it('sets the dash and straight quotes in their Chinese forms, and "——" as one dash', () => {
    const font = readTrueTypeFace(cut(whole, '破折号——"引号"'));
    const dash = font.bmp[0x2014]!;
    expect(sameOutline(font, dash, shown(whole, '—'))).toBe(true);
    expect(shown(whole, '—')).not.toBe(whole.bmp[0x2014]);
    expect(sameOutline(font, font.bmp[0x22]!, shown(whole, '"'))).toBe(true);
    // The whole font's "——": ccmp joins the two dashes, then the Chinese form of the result.
    const joined = whole.layout.ligatures
      .flatMap((l) => [...l.byFirst.values()].flat())
      .find((l) => l.components.length === 2 && l.components.every((c) => (whole.layout.chinese.get(c) ?? c) === shown(whole, '—')))!;
    const expected = whole.layout.chinese.get(joined.glyph) ?? joined.glyph;
    const mine = font.layout.ligatures.flatMap((l) => [...l.byFirst.values()].flat()).find((l) => l.components.length === 2 && l.components.every((c) => c === dash))!;
    expect(mine).toBeDefined();
    expect(sameOutline(font, mine.glyph, expected)).toBe(true);
  });

  it('keeps the half-width forms of punctuation and the kerning of Latin pairs', () => {
    const text = '（一）；“二”。AVA To';
    const font = readTrueTypeFace(cut(whole, text));
    for (const ch of '（）；“”。') {
      expect(font.layout.halt.get(font.bmp[ch.codePointAt(0)!]!), ch).toEqual(whole.layout.halt.get(shown(whole, ch)));
    }
    expect(font.layout.halt.get(font.bmp[0x4e00]!)).toBeUndefined();
    const pairs = ['AV', 'VA', 'To'];
    for (const [a, b] of pairs.map((p) => [...p] as [string, string])) {
      const want = kern(whole.layout.kern, shown(whole, a), shown(whole, b));
      expect(want, a + b).not.toBeNull();
      expect(kern(font.layout.kern, font.bmp[a.codePointAt(0)!]!, font.bmp[b.codePointAt(0)!]!), a + b).toEqual(want);
    }
  });

  it('refuses a face it would cut wrongly: a composite glyph', () => {
    const bytes = Buffer.from(fontBytes('regular'));
    const glyf = whole.tables.get('glyf')!.offset;
    bytes.writeInt16BE(-1, glyf + whole.loca[whole.bmp[0x4e00]!]!);
    expect(() => readTrueTypeFace(bytes)).toThrow('复合字形');
  });
});
