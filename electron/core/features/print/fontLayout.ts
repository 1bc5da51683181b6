// The layout rules a cut of the print font keeps (fontCut.ts), read once from the font's GSUB and
// GPOS and written again for the kept glyphs only. They are what Chromium applies to a zh-CN page:
// - 'locl' of the ZHS language: the Chinese forms of a few marks (— is set as a full-width bar,
//   the straight quotes " and ' as full-width ones). Every printed page is zh-CN, so the cut's
//   cmap maps those characters to their Chinese forms directly.
// - 'ccmp' and 'liga' ligatures: "——" as one unbroken dash, ff/fi/fl.
// - 'kern': Latin pairs (record codes such as "XM2022-0001").
// - 'halt': the half-width punctuation Chromium's text-spacing-trim (on by default) takes for two
//   marks in a row, "）；" or "。（". Without it each keeps a full width and a line of the money
//   trail's notes breaks one line later.
// Left out: the vertical features, 'palt', 'chws' (Chromium reproduces its spacing from 'halt'),
// and the alternates no page asks for. Side by side in Chromium with HarfBuzz's full cut, money-trail
// pages of 500 households render to the same pixels; a test line of marks, quotes and Latin pairs
// differed in a few pixel rows, not to the eye.

/** A positioning value: x placement, y placement, x advance, y advance (font units). */
export type Value = readonly [number, number, number, number];
export interface Ligature {
  components: readonly number[];
  glyph: number;
}
/** The layout rules of a face by glyph id of the whole font. */
export interface FaceLayout {
  /** 'locl' for ZHS: glyph → its Chinese form. */
  chinese: ReadonlyMap<number, number>;
  /** Ligature lookups of 'ccmp' then 'liga', in lookup order: first glyph → its ligatures. */
  ligatures: readonly { feature: string; byFirst: ReadonlyMap<number, readonly Ligature[]> }[];
  /** 'kern': the subtables in order. */
  kern: readonly PairSubtable[];
  halt: ReadonlyMap<number, Value>;
  /** The value fields 'halt' sets. */
  haltFormat: number;
}
/** A 'kern' subtable: specific pairs (format 1) or classes of pairs (format 2), first glyph's value only. */
export type PairSubtable =
  | { format: 1; valueFormat: number; pairs: ReadonlyMap<number, ReadonlyMap<number, Value>> }
  | { format: 2; valueFormat: number; covered: readonly number[]; class1: Uint16Array; class2: Uint16Array; values: readonly (readonly Value[])[] };

/** The bytes of a value record of `format` (its fields and device-table offsets, 2 bytes each). */
export function valueSize(format: number): number {
  let n = 0;
  for (let bit = 0; bit < 8; bit++) if (format & (1 << bit)) n += 2;
  return n;
}

/** A value record's placement and advance fields (its device-table offsets are skipped). */
function readValue(b: Buffer, at: number, format: number): Value {
  const v = [0, 0, 0, 0];
  let o = at;
  for (let bit = 0; bit < 4; bit++) {
    if (format & (1 << bit)) {
      v[bit] = b.readInt16BE(o);
      o += 2;
    }
  }
  return [v[0]!, v[1]!, v[2]!, v[3]!];
}

function coverage(b: Buffer, at: number): number[] {
  const format = b.readUInt16BE(at);
  const count = b.readUInt16BE(at + 2);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (format === 1) out.push(b.readUInt16BE(at + 4 + 2 * i));
    else for (let g = b.readUInt16BE(at + 4 + 6 * i); g <= b.readUInt16BE(at + 6 + 6 * i); g++) out.push(g);
  }
  return out;
}

/** A class definition as the class of every glyph of the font (0 for the glyphs it does not list). */
function classDef(b: Buffer, at: number, numGlyphs: number): Uint16Array {
  const out = new Uint16Array(numGlyphs);
  const format = b.readUInt16BE(at);
  if (format === 1) {
    const start = b.readUInt16BE(at + 2);
    for (let i = 0; i < b.readUInt16BE(at + 4); i++) if (start + i < numGlyphs) out[start + i] = b.readUInt16BE(at + 6 + 2 * i);
  } else {
    for (let i = 0; i < b.readUInt16BE(at + 2); i++) {
      const r = at + 4 + 6 * i;
      for (let g = b.readUInt16BE(r); g <= b.readUInt16BE(r + 2) && g < numGlyphs; g++) out[g] = b.readUInt16BE(r + 4);
    }
  }
  return out;
}

/**
 * The subtables (extensions resolved) of the lookups of the features named `tag` (only those of
 * `featureIndexes` when given), in lookup order. `extension` is the table's extension lookup type.
 */
function subtablesOf(b: Buffer, table: number, featureIndexes: readonly number[] | null, tag: string, extension: 7 | 9): { type: number; at: number; lookup: number }[] {
  const features = table + b.readUInt16BE(table + 6);
  const lookups = table + b.readUInt16BE(table + 8);
  const lookupIndexes = new Set<number>();
  for (let i = 0; i < b.readUInt16BE(features); i++) {
    const rec = features + 2 + 6 * i;
    if (b.toString('latin1', rec, rec + 4) !== tag || (featureIndexes && !featureIndexes.includes(i))) continue;
    const f = features + b.readUInt16BE(rec + 4);
    for (let k = 0; k < b.readUInt16BE(f + 2); k++) lookupIndexes.add(b.readUInt16BE(f + 4 + 2 * k));
  }
  const out: { type: number; at: number; lookup: number }[] = [];
  for (const li of [...lookupIndexes].sort((x, y) => x - y)) {
    const lookup = lookups + b.readUInt16BE(lookups + 2 + 2 * li);
    const type = b.readUInt16BE(lookup);
    for (let s = 0; s < b.readUInt16BE(lookup + 4); s++) {
      const at = lookup + b.readUInt16BE(lookup + 6 + 2 * s);
      if (type === extension) out.push({ type: b.readUInt16BE(at + 2), at: at + b.readUInt32BE(at + 4), lookup: li });
      else out.push({ type, at, lookup: li });
    }
  }
  return out;
}

/** The feature indexes of the ZHS language system of the 'hani' script (or DFLT's). */
function zhsFeatures(b: Buffer, table: number): number[] | null {
  const scripts = table + b.readUInt16BE(table + 4);
  for (const want of ['hani', 'DFLT']) {
    for (let i = 0; i < b.readUInt16BE(scripts); i++) {
      const rec = scripts + 2 + 6 * i;
      if (b.toString('latin1', rec, rec + 4) !== want) continue;
      const script = scripts + b.readUInt16BE(rec + 4);
      for (let k = 0; k < b.readUInt16BE(script + 2); k++) {
        const lr = script + 4 + 6 * k;
        if (b.toString('latin1', lr, lr + 4) !== 'ZHS ') continue;
        const ls = script + b.readUInt16BE(lr + 4);
        return Array.from({ length: b.readUInt16BE(ls + 4) }, (_, q) => b.readUInt16BE(ls + 6 + 2 * q));
      }
    }
  }
  return null;
}

function readChinese(b: Buffer, gsub: number): Map<number, number> {
  const out = new Map<number, number>();
  const zhs = zhsFeatures(b, gsub);
  if (!zhs) return out;
  for (const s of subtablesOf(b, gsub, zhs, 'locl', 7)) {
    if (s.type !== 1) continue;
    const format = b.readUInt16BE(s.at);
    coverage(b, s.at + b.readUInt16BE(s.at + 2)).forEach((g, i) => {
      if (out.has(g)) return;
      out.set(g, format === 1 ? (g + b.readInt16BE(s.at + 4)) & 0xffff : b.readUInt16BE(s.at + 6 + 2 * i));
    });
  }
  return out;
}

function readLigatures(b: Buffer, gsub: number, tag: string): Map<number, Ligature[]>[] {
  const byLookup = new Map<number, Map<number, Ligature[]>>();
  for (const s of subtablesOf(b, gsub, null, tag, 7)) {
    if (s.type !== 4) continue;
    const byFirst = byLookup.get(s.lookup) ?? new Map<number, Ligature[]>();
    byLookup.set(s.lookup, byFirst);
    coverage(b, s.at + b.readUInt16BE(s.at + 2)).forEach((first, i) => {
      const set = s.at + b.readUInt16BE(s.at + 6 + 2 * i);
      for (let k = 0; k < b.readUInt16BE(set); k++) {
        const lig = set + b.readUInt16BE(set + 2 + 2 * k);
        const count = b.readUInt16BE(lig + 2);
        const components = [first];
        for (let c = 1; c < count; c++) components.push(b.readUInt16BE(lig + 4 + 2 * (c - 1)));
        const list = byFirst.get(first) ?? [];
        list.push({ components, glyph: b.readUInt16BE(lig) });
        byFirst.set(first, list);
      }
    });
  }
  return [...byLookup.values()];
}

function readKern(b: Buffer, gpos: number, numGlyphs: number): PairSubtable[] {
  const out: PairSubtable[] = [];
  for (const s of subtablesOf(b, gpos, null, 'kern', 9)) {
    if (s.type !== 2) continue;
    const format = b.readUInt16BE(s.at);
    const vf1 = b.readUInt16BE(s.at + 4);
    const vf2 = b.readUInt16BE(s.at + 6);
    // Only the first glyph's value is kept (what the print font's kerning has).
    if (vf2 !== 0) continue;
    const covered = coverage(b, s.at + b.readUInt16BE(s.at + 2));
    if (format === 1) {
      const pairs = new Map<number, Map<number, Value>>();
      const record = 2 + valueSize(vf1);
      covered.forEach((first, i) => {
        const set = s.at + b.readUInt16BE(s.at + 10 + 2 * i);
        const seconds = new Map<number, Value>();
        for (let k = 0; k < b.readUInt16BE(set); k++) seconds.set(b.readUInt16BE(set + 2 + record * k), readValue(b, set + 4 + record * k, vf1));
        pairs.set(first, seconds);
      });
      out.push({ format: 1, valueFormat: vf1 & 0xf, pairs });
    } else if (format === 2) {
      const class1Count = b.readUInt16BE(s.at + 12);
      const class2Count = b.readUInt16BE(s.at + 14);
      const size = valueSize(vf1);
      const values = Array.from({ length: class1Count }, (_, c1) =>
        Array.from({ length: class2Count }, (_, c2) => readValue(b, s.at + 16 + (c1 * class2Count + c2) * size, vf1)),
      );
      out.push({ format: 2, valueFormat: vf1 & 0xf, covered, class1: classDef(b, s.at + b.readUInt16BE(s.at + 8), numGlyphs), class2: classDef(b, s.at + b.readUInt16BE(s.at + 10), numGlyphs), values });
    }
  }
  return out;
}

function readSingleAdjustments(b: Buffer, gpos: number, tag: string): { values: Map<number, Value>; format: number } {
  const out = new Map<number, Value>();
  let all = 0;
  for (const s of subtablesOf(b, gpos, null, tag, 9)) {
    if (s.type !== 1) continue;
    const format = b.readUInt16BE(s.at);
    const vf = b.readUInt16BE(s.at + 4);
    all |= vf & 0xf;
    coverage(b, s.at + b.readUInt16BE(s.at + 2)).forEach((g, i) => {
      if (!out.has(g)) out.set(g, readValue(b, format === 1 ? s.at + 6 : s.at + 8 + i * valueSize(vf), vf));
    });
  }
  return { values: out, format: all };
}

/** The face's layout rules that a cut keeps; none for a table the face lacks. */
export function readFaceLayout(b: Buffer, numGlyphs: number, gsub: number | undefined, gpos: number | undefined): FaceLayout {
  const chinese = gsub === undefined ? new Map<number, number>() : readChinese(b, gsub);
  const ligatures = gsub === undefined ? [] : (['ccmp', 'liga'] as const).flatMap((feature) => readLigatures(b, gsub, feature).map((byFirst) => ({ feature, byFirst })));
  const halt = gpos === undefined ? { values: new Map<number, Value>(), format: 0 } : readSingleAdjustments(b, gpos, 'halt');
  return { chinese, ligatures, kern: gpos === undefined ? [] : readKern(b, gpos, numGlyphs), halt: halt.values, haltFormat: halt.format };
}
