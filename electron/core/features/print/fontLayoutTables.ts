import { valueSize, type FaceLayout, type Ligature, type Value } from './fontLayout';

// Writes the GSUB and GPOS of a cut (fontLayout.ts says which rules are kept) over its glyphs, in
// the cut's glyph ids. Each subtable of the font is cut to the kept glyphs in its own order, so a
// pair or ligature applies in the cut exactly when it applied in the whole font.

/** The kept glyphs with their ligatures added (a ligature whose parts are all kept). */
export function withLigatures(layout: FaceLayout, kept: Set<number>): void {
  const chinese = (g: number) => layout.chinese.get(g) ?? g;
  for (let grew = true; grew; ) {
    grew = false;
    for (const { byFirst } of layout.ligatures) {
      for (const [first, ligs] of byFirst) {
        if (!kept.has(chinese(first))) continue;
        for (const lig of ligs) {
          const glyph = chinese(lig.glyph);
          if (!kept.has(glyph) && lig.components.every((c) => kept.has(chinese(c)))) {
            kept.add(glyph);
            grew = true;
          }
        }
      }
    }
  }
}

/** Writes a value record's fields of `format` at `at` (a zero value is left as the zeroed buffer has it); returns the end. */
function writeValue(out: Buffer, at: number, v: Value, format: number): number {
  let o = at;
  const zero = v[0] === 0 && v[1] === 0 && v[2] === 0 && v[3] === 0;
  for (let bit = 0; bit < 4; bit++) {
    if (format & (1 << bit)) {
      if (!zero) out.writeInt16BE(v[bit]!, o);
      o += 2;
    }
  }
  return o;
}

function coverageTable(glyphs: readonly number[]): Buffer {
  const out = Buffer.alloc(4 + 2 * glyphs.length);
  out.writeUInt16BE(1, 0);
  out.writeUInt16BE(glyphs.length, 2);
  glyphs.forEach((g, i) => out.writeUInt16BE(g, 4 + 2 * i));
  return out;
}

function classDefTable(classes: readonly (readonly [number, number])[]): Buffer {
  const nonzero = classes.filter(([, c]) => c !== 0);
  const out = Buffer.alloc(4 + 6 * nonzero.length);
  out.writeUInt16BE(2, 0);
  out.writeUInt16BE(nonzero.length, 2);
  nonzero.forEach(([g, c], i) => {
    out.writeUInt16BE(g, 4 + 6 * i);
    out.writeUInt16BE(g, 6 + 6 * i);
    out.writeUInt16BE(c, 8 + 6 * i);
  });
  return out;
}

/** A table of a fixed part and the parts it points to by 16-bit offsets, written one after another. */
function withParts(head: Buffer, parts: readonly { at: number; part: Buffer }[]): Buffer {
  let end = head.length;
  for (const { at, part } of parts) {
    head.writeUInt16BE(end, at);
    end += part.length;
  }
  return Buffer.concat([head, ...parts.map((p) => p.part)]);
}

type Lookup = { type: number; subtables: Buffer[] };
const noValue: Value = [0, 0, 0, 0];

function ligatureSubtable(byFirst: ReadonlyMap<number, readonly Ligature[]>): Buffer | null {
  const firsts = [...byFirst.keys()].sort((a, b) => a - b);
  if (firsts.length === 0) return null;
  const head = Buffer.alloc(6 + 2 * firsts.length);
  head.writeUInt16BE(1, 0);
  head.writeUInt16BE(firsts.length, 4);
  const sets = firsts.map((first) => {
    const ligs = byFirst.get(first)!;
    const setHead = Buffer.alloc(2 + 2 * ligs.length);
    setHead.writeUInt16BE(ligs.length, 0);
    return withParts(
      setHead,
      ligs.map((lig, k) => {
        const l = Buffer.alloc(4 + 2 * (lig.components.length - 1));
        l.writeUInt16BE(lig.glyph, 0);
        l.writeUInt16BE(lig.components.length, 2);
        lig.components.slice(1).forEach((c, i) => l.writeUInt16BE(c, 4 + 2 * i));
        return { at: 2 + 2 * k, part: l };
      }),
    );
  });
  return withParts(head, [{ at: 2, part: coverageTable(firsts) }, ...sets.map((part, i) => ({ at: 6 + 2 * i, part }))]);
}

/**
 * The cut's GSUB: the kept ligatures of 'ccmp' and 'liga', in the cut's glyph ids. A ligature's
 * parts and result are taken in their Chinese forms, as the cut's cmap gives the characters (the
 * whole font joins "——" first and then gives the result its Chinese form: its ligature lookups
 * come before its 'locl'; the cut reaches the same glyph).
 */
function gsubLookups(layout: FaceLayout, newId: Int32Array): { tag: string; lookups: Lookup[] }[] {
  const chinese = (g: number) => newId[layout.chinese.get(g) ?? g] ?? -1;
  const byFeature = new Map<string, Lookup[]>();
  for (const { feature, byFirst } of layout.ligatures) {
    const kept = new Map<number, { components: number[]; glyph: number }[]>();
    for (const ligs of byFirst.values()) {
      for (const lig of ligs) {
        const components = lig.components.map(chinese);
        const glyph = chinese(lig.glyph);
        if (glyph < 0 || components.some((c) => c < 0)) continue;
        const list = kept.get(components[0]!) ?? [];
        list.push({ components, glyph });
        kept.set(components[0]!, list);
      }
    }
    // Two characters of one Chinese form bring two lists to one first glyph: the longer
    // ligatures are tried first, as in each list of the font.
    for (const list of kept.values()) list.sort((a, b) => b.components.length - a.components.length);
    const sub = ligatureSubtable(kept);
    if (sub) byFeature.set(feature, [...(byFeature.get(feature) ?? []), { type: 4, subtables: [sub] }]);
  }
  return [...byFeature].map(([tag, lookups]) => ({ tag, lookups }));
}

function pairSubtables(layout: FaceLayout, glyphs: readonly number[], newId: Int32Array): Buffer[] {
  const out: Buffer[] = [];
  for (const s of layout.kern) {
    if (s.format === 1) {
      const firsts: [number, [number, Value][]][] = [];
      for (const [first, seconds] of s.pairs) {
        const f = newId[first] ?? -1;
        if (f < 0) continue;
        const kept: [number, Value][] = [];
        for (const [second, v] of seconds) {
          const n = newId[second] ?? -1;
          if (n >= 0) kept.push([n, v]);
        }
        if (kept.length > 0) firsts.push([f, kept.sort((a, b) => a[0] - b[0])]);
      }
      if (firsts.length === 0) continue;
      firsts.sort((a, b) => a[0] - b[0]);
      const format = s.valueFormat;
      const record = 2 + valueSize(format);
      const head = Buffer.alloc(10 + 2 * firsts.length);
      head.writeUInt16BE(1, 0);
      head.writeUInt16BE(format, 4);
      head.writeUInt16BE(firsts.length, 8);
      const sets = firsts.map(([, kept]) => {
        const set = Buffer.alloc(2 + record * kept.length);
        set.writeUInt16BE(kept.length, 0);
        kept.forEach(([second, v], k) => {
          set.writeUInt16BE(second, 2 + record * k);
          writeValue(set, 4 + record * k, v, format);
        });
        return set;
      });
      out.push(withParts(head, [{ at: 2, part: coverageTable(firsts.map(([f]) => f)) }, ...sets.map((part, i) => ({ at: 10 + 2 * i, part }))]));
    } else {
      // Plain loops: flatMap over the page's glyphs cost more than the rest of the cut.
      const covered: (readonly [number, number])[] = [];
      for (const g of s.covered) {
        const n = newId[g] ?? -1;
        if (n >= 0) covered.push([g, n]);
      }
      if (covered.length === 0) continue;
      covered.sort((a, b) => a[1] - b[1]);
      // Only the classes the kept glyphs are in, renumbered; class 0 stays 0.
      const used1 = [0, ...new Set(covered.map(([g]) => s.class1[g] ?? 0).filter((c) => c !== 0))];
      // The kept glyphs ascend in both numberings.
      const seconds: (readonly [number, number])[] = [];
      glyphs.forEach((g, n) => {
        const c = s.class2[g] ?? 0;
        if (c !== 0) seconds.push([n, c]);
      });
      const used2 = [0, ...new Set(seconds.map(([, c]) => c))];
      const index1 = new Map(used1.map((c, i) => [c, i]));
      const index2 = new Map(used2.map((c, i) => [c, i]));
      const format = s.valueFormat;
      const size = valueSize(format);
      const head = Buffer.alloc(16 + size * used1.length * used2.length);
      head.writeUInt16BE(2, 0);
      head.writeUInt16BE(format, 4);
      head.writeUInt16BE(used1.length, 12);
      head.writeUInt16BE(used2.length, 14);
      let at = 16;
      for (const c1 of used1) {
        const row = s.values[c1];
        for (const c2 of used2) at = writeValue(head, at, row?.[c2] ?? noValue, format);
      }
      out.push(
        withParts(head, [
          { at: 2, part: coverageTable(covered.map(([, n]) => n)) },
          { at: 8, part: classDefTable(covered.map(([g, n]) => [n, index1.get(s.class1[g] ?? 0)!] as const)) },
          { at: 10, part: classDefTable(seconds.map(([n, c]) => [n, index2.get(c)!] as const)) },
        ]),
      );
    }
  }
  return out;
}

function singleSubtable(adjusted: readonly (readonly [number, Value])[], format: number): Buffer | null {
  if (adjusted.length === 0 || format === 0) return null;
  const size = valueSize(format);
  const head = Buffer.alloc(8 + size * adjusted.length);
  head.writeUInt16BE(2, 0);
  head.writeUInt16BE(format, 4);
  head.writeUInt16BE(adjusted.length, 6);
  adjusted.forEach(([, v], i) => writeValue(head, 8 + size * i, v, format));
  return withParts(head, [{ at: 2, part: coverageTable(adjusted.map(([g]) => g)) }]);
}

/**
 * A GSUB or GPOS with the given features for every script (the default language system of
 * 'DFLT', which the shaper falls back to): each lookup in an extension lookup, so no offset
 * between them can overflow 16 bits however many glyphs a page has.
 */
function layoutTable(features: readonly { tag: string; lookups: Lookup[] }[], extension: 7 | 9): Buffer | null {
  const used = features.filter((f) => f.lookups.length > 0);
  if (used.length === 0) return null;
  const langSys = Buffer.alloc(6 + 2 * used.length);
  langSys.writeUInt16BE(0xffff, 2);
  langSys.writeUInt16BE(used.length, 4);
  used.forEach((_, i) => langSys.writeUInt16BE(i, 6 + 2 * i));
  const script = withParts(Buffer.alloc(4), [{ at: 0, part: langSys }]);
  const scriptHead = Buffer.alloc(8);
  scriptHead.writeUInt16BE(1, 0);
  scriptHead.write('DFLT', 2, 'latin1');
  const scriptList = withParts(scriptHead, [{ at: 6, part: script }]);
  let next = 0;
  const featureHead = Buffer.alloc(2 + 6 * used.length);
  featureHead.writeUInt16BE(used.length, 0);
  const featureTables = used.map((f, i) => {
    featureHead.write(f.tag, 2 + 6 * i, 'latin1');
    const t = Buffer.alloc(4 + 2 * f.lookups.length);
    t.writeUInt16BE(f.lookups.length, 2);
    f.lookups.forEach((_, k) => t.writeUInt16BE(next++, 4 + 2 * k));
    return { at: 6 + 6 * i, part: t };
  });
  const featureList = withParts(featureHead, featureTables);
  const lookups = used.flatMap((f) => f.lookups);
  // Each lookup is an extension lookup with 32-bit offsets to its subtables, which follow all the
  // lookups; the lookup list's 16-bit offsets then only span the small lookup tables.
  const lookupHead = Buffer.alloc(2 + 2 * lookups.length);
  lookupHead.writeUInt16BE(lookups.length, 0);
  const lookupSizes = lookups.map((l) => 6 + 10 * l.subtables.length);
  const listSize = lookupHead.length + lookupSizes.reduce((a, b) => a + b, 0);
  let lookupAt = lookupHead.length;
  let subAt = listSize;
  const lookupTables = lookups.map((l, i) => {
    const t = Buffer.alloc(lookupSizes[i]!);
    t.writeUInt16BE(extension, 0);
    t.writeUInt16BE(l.subtables.length, 4);
    l.subtables.forEach((sub, k) => {
      const ext = 6 + 2 * l.subtables.length + 8 * k;
      t.writeUInt16BE(ext, 6 + 2 * k);
      t.writeUInt16BE(1, ext);
      t.writeUInt16BE(l.type, ext + 2);
      t.writeUInt32BE(subAt - (lookupAt + ext), ext + 4);
      subAt += sub.length;
    });
    lookupHead.writeUInt16BE(lookupAt, 2 + 2 * i);
    lookupAt += t.length;
    return t;
  });
  const lookupList = Buffer.concat([lookupHead, ...lookupTables, ...lookups.flatMap((l) => l.subtables)]);
  const header = Buffer.alloc(10);
  header.writeUInt32BE(0x00010000, 0);
  return withParts(header, [
    { at: 4, part: scriptList },
    { at: 6, part: featureList },
    { at: 8, part: lookupList },
  ]);
}

/** The cut's GSUB and GPOS (null when it keeps no rule of one), over the kept glyphs (`glyphs`, ascending ids of the font): `newId` gives each glyph of the font its id in the cut, -1 when it is not kept. */
export function cutLayoutTables(layout: FaceLayout, glyphs: readonly number[], newId: Int32Array): { gsub: Buffer | null; gpos: Buffer | null } {
  const gsub = layoutTable(gsubLookups(layout, newId), 7);
  const kern = pairSubtables(layout, glyphs, newId);
  const halt = singleSubtable(
    [...layout.halt]
      .flatMap(([g, v]) => {
        const n = newId[g] ?? -1;
        return n < 0 ? [] : [[n, v] as const];
      })
      .sort((a, b) => a[0] - b[0]),
    layout.haltFormat,
  );
  const gpos = layoutTable(
    [
      { tag: 'halt', lookups: halt ? [{ type: 1, subtables: [halt] }] : [] },
      { tag: 'kern', lookups: kern.length > 0 ? [{ type: 2, subtables: kern }] : [] },
    ],
    9,
  );
  return { gsub, gpos };
}
