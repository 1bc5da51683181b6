import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The printed file carries its own font: Noto Serif SC (TrueType outlines, OFL, from the pinned
// @expo-google-fonts/noto-serif-sc package), cut down by HarfBuzz's subsetter (harfbuzzjs, wasm) to
// the characters the file uses, one regular and one bold face inlined as data: URLs.
//
// Why (measured for the bench of issues 12 and 15): Chromium's page.pdf() — Electron's printToPDF
// too — spent most of its time on the fonts, not on the pages. The CJK fonts a Linux machine has
// (Noto CJK) are CFF outlines, which Skia writes as Type 3 fonts, every glyph drawn as a path:
// a single page of 472 distinct characters took as long as the 20-page notice. A big system
// TrueType font (WenQuanYi Zen Hei, 17 MB; SimSun on office PCs is of the same kind) was hardly
// faster: that one-page file still took ~2 s, the cost is per font file, not per page. Web fonts
// split by unicode-range (@fontsource) made the PDF step fast but cost ~40 ms to load per subset
// file (42 files for the notice). One small subset font per weight made both fast: the 500-row
// notice's PDF step 4.3–5.6 s → 1.3 s on the same loaded machine, the fonts embedded as CID
// TrueType. The same font in every print also means the same line breaks and page counts on every
// machine, and the preview on screen is the paper.

export interface SubsetFonts {
  regular: Buffer;
  bold: Buffer;
}

// Minimal shape of harfbuzz-subset.wasm's exports that this file calls.
interface HarfBuzz {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const memoryModeWritable = 2;
const flagNoHinting = 0x1; // printing at 600 dpi does not use TrueType hinting
const fontFiles = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

interface Loaded {
  hb: HarfBuzz;
  faces: Record<keyof typeof fontFiles, number>;
}

let loaded: Loaded | null | undefined;

// Loaded, the subsetter and its two faces hold about 60 MB of the process's memory. They are let go
// a while after the last print, so that the program's floor under an import or a submission (the
// budgets of issue 11) does not carry them; a print after that loads them again (~0.5 s).
export const keepLoadedMs = 120_000;
let release: ReturnType<typeof setTimeout> | null = null;

// What is made from the loaded fonts (fontCss.ts keeps the @font-face rules of recent prints) goes
// with them.
const releaseHooks: (() => void)[] = [];

/** Runs `fn` when the fonts are let go, so what was made from them is let go too. */
export function onPrintFontsReleased(fn: () => void): void {
  releaseHooks.push(fn);
}

function keepLoaded(): void {
  if (release) clearTimeout(release);
  release = setTimeout(releasePrintFonts, keepLoadedMs);
  release.unref();
}

/** Lets the subsetter and what was made from it go now (a cut under way keeps what it holds). */
export function releasePrintFonts(): void {
  if (release) clearTimeout(release);
  release = null;
  loaded = undefined;
  for (const fn of releaseHooks) fn();
}

/** A print served from what was made earlier still counts as a print for keepLoaded. */
export function touchPrintFonts(): void {
  if (loaded) keepLoaded();
}

/**
 * The wasm module and both source faces, read once per process (the faces stay in wasm memory,
 * ~30 MB, so a print does not copy 15 MB twice). Null when the packages are missing: the print then
 * falls back to the fonts of the machine, as before.
 */
function load(): Loaded | null {
  if (loaded !== undefined) return loaded;
  try {
    const req = createRequire(__filename);
    const module = new WebAssembly.Module(readFileSync(req.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')));
    const hb = new WebAssembly.Instance(module, {}).exports as unknown as HarfBuzz;
    hb._initialize();
    const face = (file: string): number => {
      const bytes = readFileSync(req.resolve(file));
      const ptr = hb.malloc(bytes.byteLength);
      new Uint8Array(hb.memory.buffer).set(bytes, ptr);
      const blob = hb.hb_blob_create(ptr, bytes.byteLength, memoryModeWritable, 0, 0);
      const f = hb.hb_face_create(blob, 0);
      hb.hb_blob_destroy(blob);
      return f;
    };
    loaded = { hb, faces: { regular: face(fontFiles.regular), bold: face(fontFiles.bold) } };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The cut of one face: the subset face and its blob, to be given back with `free`. */
function subsetFace(hb: HarfBuzz, face: number, input: number): { ptr: number; length: number; free: () => void } | null {
  const subset = hb.hb_subset_or_fail(face, input);
  if (subset === 0) return null;
  const blob = hb.hb_face_reference_blob(subset);
  const free = () => {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
  };
  const length = hb.hb_blob_get_length(blob);
  if (length === 0) {
    free();
    return null;
  }
  return { ptr: hb.hb_blob_get_data(blob, 0), length, free };
}

/**
 * The distinct code points of the texts, ascending — what `for (const ch of text)` yields, a lone
 * surrogate as itself. A file is ~80,000 characters of a few hundred distinct ones: a table of
 * seen BMP characters is several times cheaper than adding every character to a Set.
 */
export function printCodePoints(texts: readonly string[]): number[] {
  const seen = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          astral.add(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
          i++;
          continue;
        }
      }
      seen[c] = 1;
    }
  }
  const out: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (seen[c] === 1) out.push(c);
  return out.concat([...astral].sort((a, b) => a - b));
}

/** Both faces cut, as views of the subsetter's memory: valid only until `use` returns. */
export interface SubsetFontViews {
  regular: Uint8Array;
  bold: Uint8Array;
}

/**
 * Cuts both faces to the code points and hands them to `use` without copying them out (fontCss.ts
 * writes their base64 straight into the file's bytes); null if the font cannot be had.
 */
export function withPrintFontSubset<T>(codePoints: readonly number[], use: (fonts: SubsetFontViews) => T): T | null {
  const l = load();
  if (!l) return null;
  keepLoaded();
  const { hb } = l;
  // One input serves both faces: the set of characters is the same.
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) return null;
  let regular: ReturnType<typeof subsetFace> = null;
  let bold: ReturnType<typeof subsetFace> = null;
  try {
    fillInput(hb, input, codePoints);
    regular = subsetFace(hb, l.faces.regular, input);
    if (!regular) return null;
    bold = subsetFace(hb, l.faces.bold, input);
    // The views are made after both cuts: a cut can move the subsetter's memory.
    return bold ? use(viewsOf(hb, regular, bold)) : null;
  } finally {
    regular?.free();
    bold?.free();
    hb.hb_subset_input_destroy(input);
  }
}

function fillInput(hb: HarfBuzz, input: number, codePoints: readonly number[]): void {
  hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | flagNoHinting);
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
}

/** Views of both cut faces, made after both cuts, over the memory as it is now. */
function viewsOf(hb: HarfBuzz, regular: { ptr: number; length: number }, bold: { ptr: number; length: number }): SubsetFontViews {
  return { regular: new Uint8Array(hb.memory.buffer, regular.ptr, regular.length), bold: new Uint8Array(hb.memory.buffer, bold.ptr, bold.length) };
}

/** The print font cut to the given code points (regular and bold), or null if it cannot be had. */
export function subsetPrintCodePoints(codePoints: readonly number[]): SubsetFonts | null {
  // Copies: the wasm memory is reused by the next call.
  return withPrintFontSubset(codePoints, (f) => ({ regular: Buffer.from(f.regular), bold: Buffer.from(f.bold) }));
}

/** The print font cut to the characters of `text` (regular and bold), or null if it cannot be had. */
export function subsetPrintFonts(text: string): SubsetFonts | null {
  return subsetPrintCodePoints(printCodePoints([text]));
}

/** Whether the subsetter and its faces are in memory now (for the tests of keepLoaded). */
export function printFontsLoaded(): boolean {
  return loaded !== undefined && loaded !== null;
}
