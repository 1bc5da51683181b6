// The character-to-glyph map (cmap) of a TrueType face: read from the whole font, written for a cut
// (fontCut.ts).

/** The Unicode cmap: format 12 (3,10) when there is one, else format 4 (3,1). */
export function readCmap(bytes: Buffer, cmap: number): { bmp: Uint16Array; astral: Map<number, number> } {
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<number, number>();
  const subtables = new Map<string, number>();
  for (let i = 0; i < bytes.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    subtables.set(`${bytes.readUInt16BE(at)}/${bytes.readUInt16BE(at + 2)}`, cmap + bytes.readUInt32BE(at + 4));
  }
  const full = subtables.get('3/10');
  const basic = subtables.get('3/1');
  if (full !== undefined && bytes.readUInt16BE(full) === 12) {
    const groups = bytes.readUInt32BE(full + 12);
    for (let i = 0; i < groups; i++) {
      const at = full + 16 + 12 * i;
      const start = bytes.readUInt32BE(at);
      const end = bytes.readUInt32BE(at + 4);
      const glyph = bytes.readUInt32BE(at + 8);
      for (let cp = start; cp <= end; cp++) {
        if (cp < 0x10000) bmp[cp] = glyph + cp - start;
        else astral.set(cp, glyph + cp - start);
      }
    }
  } else if (basic !== undefined && bytes.readUInt16BE(basic) === 4) {
    const segs = bytes.readUInt16BE(basic + 6) / 2;
    const ends = basic + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      const start = bytes.readUInt16BE(starts + 2 * s);
      const end = bytes.readUInt16BE(ends + 2 * s);
      const delta = bytes.readUInt16BE(deltas + 2 * s);
      const range = bytes.readUInt16BE(ranges + 2 * s);
      for (let cp = start; cp <= end && cp < 0xffff; cp++) {
        let glyph: number;
        if (range === 0) glyph = (cp + delta) & 0xffff;
        else {
          const raw = bytes.readUInt16BE(ranges + 2 * s + range + 2 * (cp - start));
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        bmp[cp] = glyph;
      }
    }
  } else throw new Error('字体没有 Unicode 字符映射表');
  return { bmp, astral };
}

/** The Unicode cmap of the cut: format 4 for the BMP (when it fits) and format 12 when needed. */
export function cmapTable(pairs: readonly [number, number][]): Buffer {
  const bmpPairs = pairs.filter(([cp]) => cp < 0xffff);
  // A segment per run of consecutive characters with consecutive glyphs.
  const segments: { start: number; end: number; delta: number }[] = [];
  for (const [cp, g] of bmpPairs) {
    const last = segments[segments.length - 1];
    if (last && last.end === cp - 1 && (cp + last.delta) % 0x10000 === g) last.end = cp;
    else segments.push({ start: cp, end: cp, delta: (g - cp + 0x10000) % 0x10000 });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const format4Length = 16 + 8 * segments.length;
  const withFormat4 = format4Length <= 0xffff;
  const withFormat12 = !withFormat4 || bmpPairs.length < pairs.length;
  const groups: { start: number; end: number; glyph: number }[] = [];
  for (const [cp, g] of pairs) {
    const last = groups[groups.length - 1];
    if (last && last.end === cp - 1 && last.glyph + (cp - last.start) === g) last.end = cp;
    else groups.push({ start: cp, end: cp, glyph: g });
  }
  const format12Length = 16 + 12 * groups.length;
  const subtables = (withFormat4 ? 1 : 0) + (withFormat12 ? 1 : 0);
  const header = 4 + 8 * subtables;
  const out = Buffer.alloc(header + (withFormat4 ? format4Length : 0) + (withFormat12 ? format12Length : 0));
  out.writeUInt16BE(subtables, 2);
  let record = 4;
  let at = header;
  if (withFormat4) {
    out.writeUInt16BE(3, record);
    out.writeUInt16BE(1, record + 2);
    out.writeUInt32BE(at, record + 4);
    record += 8;
    const n = segments.length;
    const searchRange = 2 ** (Math.floor(Math.log2(n)) + 1);
    out.writeUInt16BE(4, at);
    out.writeUInt16BE(format4Length, at + 2);
    out.writeUInt16BE(2 * n, at + 6);
    out.writeUInt16BE(searchRange, at + 8);
    out.writeUInt16BE(Math.log2(searchRange / 2), at + 10);
    out.writeUInt16BE(2 * n - searchRange, at + 12);
    const ends = at + 14;
    const starts = ends + 2 * n + 2;
    const deltas = starts + 2 * n;
    segments.forEach((s, i) => {
      out.writeUInt16BE(s.end, ends + 2 * i);
      out.writeUInt16BE(s.start, starts + 2 * i);
      out.writeUInt16BE(s.delta, deltas + 2 * i);
      // idRangeOffset stays 0: every segment maps by its delta.
    });
    at += format4Length;
  }
  if (withFormat12) {
    out.writeUInt16BE(3, record);
    out.writeUInt16BE(10, record + 2);
    out.writeUInt32BE(at, record + 4);
    out.writeUInt16BE(12, at);
    out.writeUInt32BE(format12Length, at + 4);
    out.writeUInt32BE(groups.length, at + 12);
    groups.forEach((g, i) => {
      out.writeUInt32BE(g.start, at + 16 + 12 * i);
      out.writeUInt32BE(g.end, at + 20 + 12 * i);
      out.writeUInt32BE(g.glyph, at + 24 + 12 * i);
    });
  }
  return out;
}
