// Cuts a TrueType face (glyf outlines) down to the glyphs of some characters, as a new font file
// with only what a horizontal zh-CN print needs: cmap, glyf, head, hhea, hmtx, loca, maxp, name,
// OS/2, post, and the layout rules Chromium applies to such a page (GSUB/GPOS, fontLayout.ts).
// fontSubset.ts says why a printed file carries its own cut of the print font.
//
// Why not HarfBuzz's subsetter (harfbuzzjs, which this cutter replaced): a 500-household money
// trail's cut (~450 characters, two faces) took 5.5–6.5 ms in a loop, half of it keeping layout
// tables a printed page never uses (GPOS's 'palt' and vertical lookups over ~30,000 glyphs), and
// its wasm held ~60 MB. The print font has neither composite glyphs nor hinting, so a cut copies
// glyph records and writes the tables that index them, with the few layout rules a zh-CN page uses:
// 1.5–2.3 ms for both faces in the same loop. What the cut leaves out: the vertical metrics and
// features, and the variation-selector cmap.

import { cmapTable, readCmap } from './fontCmap';
import { readFaceLayout, type FaceLayout } from './fontLayout';
import { cutLayoutTables, withLigatures } from './fontLayoutTables';

interface Table {
  offset: number;
  length: number;
}

/** A face read once for cutting: where each glyph is, its metrics, and which glyph each character has. */
export interface TrueTypeFace {
  bytes: Buffer;
  tables: ReadonlyMap<string, Table>;
  numGlyphs: number;
  numberOfHMetrics: number;
  /** Glyph offsets in glyf, numGlyphs + 1 of them. */
  loca: Uint32Array;
  /** Glyph of each BMP code point (0: none). */
  bmp: Uint16Array;
  astral: ReadonlyMap<number, number>;
  layout: FaceLayout;
  /** Each glyph record's checksum once it was first cut (NaN before): glyf's is their sum. */
  glyphSums: Float64Array;
  /** During a cut, each kept glyph's id in the cut; -1 for the others (and between cuts). */
  newIds: Int32Array;
}

function tableOf(tables: ReadonlyMap<string, Table>, tag: string): Table {
  const t = tables.get(tag);
  if (!t) throw new Error(`字体缺少 ${tag} 表`);
  return t;
}

/** Reads the face's tables; throws when it is not a TrueType font this cut can handle. */
export function readTrueTypeFace(bytes: Buffer): TrueTypeFace {
  if (bytes.readUInt32BE(0) !== 0x00010000) throw new Error('不是 TrueType 字体');
  const tables = new Map<string, Table>();
  const count = bytes.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    tables.set(bytes.toString('latin1', at, at + 4), { offset: bytes.readUInt32BE(at + 8), length: bytes.readUInt32BE(at + 12) });
  }
  const head = tableOf(tables, 'head').offset;
  const numGlyphs = bytes.readUInt16BE(tableOf(tables, 'maxp').offset + 4);
  const numberOfHMetrics = bytes.readUInt16BE(tableOf(tables, 'hhea').offset + 34);
  const longLoca = bytes.readInt16BE(head + 50) === 1;
  const locaAt = tableOf(tables, 'loca').offset;
  const loca = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) loca[g] = longLoca ? bytes.readUInt32BE(locaAt + 4 * g) : 2 * bytes.readUInt16BE(locaAt + 2 * g);
  const glyf = tableOf(tables, 'glyf').offset;
  for (let g = 0; g < numGlyphs; g++) {
    const start = glyf + loca[g]!;
    if (loca[g + 1]! <= loca[g]!) continue;
    // A composite glyph refers to others by id, and hinting instructions need the font's programs:
    // the cut copies records as they are, which the print font's are (no composites, no hinting).
    const contours = bytes.readInt16BE(start);
    if (contours < 0 || bytes.readUInt16BE(start + 10 + 2 * contours) !== 0) throw new Error(`字体第 ${g} 号字形是复合字形或带微调指令，裁切不支持`);
  }
  const { bmp, astral } = readCmap(bytes, tableOf(tables, 'cmap').offset);
  const layout = readFaceLayout(bytes, numGlyphs, tables.get('GSUB')?.offset, tables.get('GPOS')?.offset);
  return {
    bytes,
    tables,
    numGlyphs,
    numberOfHMetrics,
    loca,
    bmp,
    astral,
    layout,
    glyphSums: new Float64Array(numGlyphs).fill(Number.NaN),
    newIds: new Int32Array(numGlyphs).fill(-1),
  };
}

/** The glyph of a character on a zh-CN page: its Chinese form where the font has one (0: none). */
function glyphOf(face: TrueTypeFace, cp: number): number {
  const g = cp < 0x10000 ? face.bmp[cp]! : (face.astral.get(cp) ?? 0);
  return face.layout.chinese.get(g) ?? g;
}

/**
 * The characters the face has, ascending, each with its glyph; and the glyphs kept: .notdef, those
 * glyphs and their ligatures, ascending.
 */
function keptGlyphs(face: TrueTypeFace, codePoints: readonly number[]): { shown: [number, number][]; glyphs: number[] } {
  const kept = new Set<number>([0]);
  const shown: [number, number][] = [];
  for (const cp of [...new Set(codePoints)].sort((x, y) => x - y)) {
    const g = glyphOf(face, cp);
    if (g === 0 || g >= face.numGlyphs) continue;
    kept.add(g);
    shown.push([cp, g]);
  }
  withLigatures(face.layout, kept);
  return { shown, glyphs: [...kept].sort((a, b) => a - b) };
}

/** One glyph record, as the font has it (readTrueTypeFace saw that none refers to another glyph). */
function glyphRecord(face: TrueTypeFace, g: number): Buffer {
  const glyf = tableOf(face.tables, 'glyf').offset;
  return face.bytes.subarray(glyf + face.loca[g]!, glyf + face.loca[g + 1]!);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The OpenType checksum (the sum of big-endian 32-bit words, the last one zero-padded), summed byte
 * lane by byte lane: reading a word at a time cost more than the rest of the cut.
 */
function checksum(b: Uint8Array): number {
  let total = 0;
  const whole = b.length & ~3;
  for (let block = 0; block < b.length; block += 0x40000) {
    // Each lane's sum stays well inside a double's exact range before it is folded in.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const end = Math.min(whole, block + 0x40000);
    for (let i = block; i < end; i += 4) {
      s0 += b[i]!;
      s1 += b[i + 1]!;
      s2 += b[i + 2]!;
      s3 += b[i + 3]!;
    }
    total = (total + s0 * 0x1000000 + s1 * 0x10000 + s2 * 0x100 + s3) % 0x100000000;
  }
  for (let i = whole; i < b.length; i++) total = (total + b[i]! * 2 ** (8 * (3 - (i - whole)))) % 0x100000000;
  return total;
}

/** A table of the cut: its bytes, or (glyf) its glyph records one after another, each on a word. */
type Part = { tag: string; bytes: Buffer } | { tag: string; records: readonly Buffer[]; length: number; sum: number };

/**
 * The face cut to the glyphs of the code points (characters it lacks are left out), as a font file.
 * Deterministic: the same characters give the same bytes.
 */
export function cutTrueTypeFace(face: TrueTypeFace, codePoints: readonly number[]): Buffer {
  const { shown, glyphs } = keptGlyphs(face, codePoints);
  const newId = face.newIds;
  glyphs.forEach((g, i) => (newId[g] = i));
  try {
    return assemble(face, glyphs, shown.map(([cp, g]) => [cp, newId[g]!]));
  } finally {
    for (const g of glyphs) newId[g] = -1;
  }
}

/** The font file of the kept glyphs (ascending) and the characters' ids in it (`pairs`, ascending). */
function assemble(face: TrueTypeFace, glyphs: readonly number[], pairs: readonly [number, number][]): Buffer {
  const newId = face.newIds;
  const b = face.bytes;
  const copy = (tag: string, length?: number): Buffer => {
    const t = tableOf(face.tables, tag);
    return Buffer.from(b.subarray(t.offset, t.offset + (length ?? t.length)));
  };

  const records = glyphs.map((g) => glyphRecord(face, g));
  const loca = Buffer.alloc(4 * (glyphs.length + 1));
  let at = 0;
  // Every record starts on a word, so glyf's checksum is the sum of theirs, kept from earlier cuts.
  let glyfSum = 0;
  records.forEach((r, i) => {
    loca.writeUInt32BE(at, 4 * i);
    at += pad4(r.length);
    const g = glyphs[i]!;
    let sum = face.glyphSums[g]!;
    if (Number.isNaN(sum)) face.glyphSums[g] = sum = checksum(r);
    glyfSum += sum;
  });
  loca.writeUInt32BE(at, 4 * glyphs.length);

  const hmtxAt = tableOf(face.tables, 'hmtx').offset;
  const lastMetric = face.numberOfHMetrics - 1;
  const hmtx = Buffer.alloc(4 * glyphs.length);
  glyphs.forEach((g, i) => {
    const advance = b.readUInt16BE(hmtxAt + 4 * Math.min(g, lastMetric));
    const lsb = g <= lastMetric ? b.readInt16BE(hmtxAt + 4 * g + 2) : b.readInt16BE(hmtxAt + 4 * face.numberOfHMetrics + 2 * (g - face.numberOfHMetrics));
    hmtx.writeUInt16BE(advance, 4 * i);
    hmtx.writeInt16BE(lsb, 4 * i + 2);
  });

  const head = copy('head');
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
  head.writeInt16BE(1, 50); // long loca offsets
  const hhea = copy('hhea');
  hhea.writeUInt16BE(glyphs.length, 34);
  const maxp = copy('maxp');
  maxp.writeUInt16BE(glyphs.length, 4);
  const post = copy('post', 32);
  post.writeUInt32BE(0x00030000, 0); // no glyph names

  const { gsub, gpos } = cutLayoutTables(face.layout, glyphs, newId);

  // Sorted by tag, as the table directory must be.
  const parts: Part[] = [
    ...(gpos ? [{ tag: 'GPOS', bytes: gpos }] : []),
    ...(gsub ? [{ tag: 'GSUB', bytes: gsub }] : []),
    { tag: 'OS/2', bytes: copy('OS/2') },
    { tag: 'cmap', bytes: cmapTable(pairs) },
    { tag: 'glyf', records, length: at, sum: glyfSum % 0x100000000 },
    { tag: 'head', bytes: head },
    { tag: 'hhea', bytes: hhea },
    { tag: 'hmtx', bytes: hmtx },
    { tag: 'loca', bytes: loca },
    { tag: 'maxp', bytes: maxp },
    { tag: 'name', bytes: copy('name') },
    { tag: 'post', bytes: post },
  ];
  const lengthOf = (p: Part) => ('bytes' in p ? p.bytes.length : p.length);
  const n = parts.length;
  const dirLength = 12 + 16 * n;
  const size = dirLength + parts.reduce((sum, p) => sum + pad4(lengthOf(p)), 0);
  const out = Buffer.alloc(size);
  const searchRange = 16 * 2 ** Math.floor(Math.log2(n));
  out.writeUInt32BE(0x00010000, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(Math.log2(searchRange / 16), 8);
  out.writeUInt16BE(16 * n - searchRange, 10);
  let offset = dirLength;
  let headAt = 0;
  // The file's checksum is the directory's plus the tables' (each is padded with zeros to a word).
  let fileSum = 0;
  parts.forEach((p, i) => {
    const rec = 12 + 16 * i;
    const length = lengthOf(p);
    const sum = 'bytes' in p ? checksum(p.bytes) : p.sum;
    fileSum += sum;
    out.write(p.tag, rec, 'latin1');
    out.writeUInt32BE(sum, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(length, rec + 12);
    // The zeroed buffer pads each table and record to a word.
    if ('bytes' in p) p.bytes.copy(out, offset);
    else {
      let o = offset;
      for (const r of p.records) {
        r.copy(out, o);
        o += pad4(r.length);
      }
    }
    if (p.tag === 'head') headAt = offset;
    offset += pad4(length);
  });
  fileSum += checksum(out.subarray(0, dirLength));
  out.writeUInt32BE((0xb1b0afba - (fileSum % 0x100000000) + 0x100000000) % 0x100000000, headAt + 8);
  return out;
}
