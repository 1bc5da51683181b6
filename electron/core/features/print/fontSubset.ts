import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { boldText } from './fontBoldText';
import { cutTrueTypeFace, readTrueTypeFace, type TrueTypeFace } from './fontCut';

// The printed file carries its own font: Noto Serif SC (TrueType outlines, OFL, from the pinned
// @expo-google-fonts/noto-serif-sc package), cut down to the characters the file uses (fontCut.ts),
// one regular and one bold face inlined as data: URLs (the bold face cut to the page's bold text:
// fontBoldText.ts).
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

const fontFiles = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

type Loaded = Record<keyof typeof fontFiles, TrueTypeFace>;

let loaded: Loaded | null | undefined;

// Loaded, the two faces and their tables hold about 35 MB of the process's memory. They are let go
// a while after the last print, so that the program's floor under an import or a submission (the
// budgets of issue 11) does not carry them; a print after that reads them again (~0.15 s).
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

/** Lets the faces and what was made from them go now. */
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
 * Both faces, read once per process. Null when the package is missing or a face cannot be read:
 * the print then falls back to the fonts of the machine, as before.
 */
function load(): Loaded | null {
  if (loaded !== undefined) return loaded;
  try {
    const req = createRequire(__filename);
    const face = (file: string) => readTrueTypeFace(readFileSync(req.resolve(file)));
    loaded = { regular: face(fontFiles.regular), bold: face(fontFiles.bold) };
  } catch (err) {
    console.error(err);
    loaded = null;
  }
  return loaded;
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

/** The characters each face is cut to: the regular face every one, the bold face those set in bold (fontBoldText.ts). */
export interface PrintCodePoints {
  regular: readonly number[];
  bold: readonly number[];
}

/** The code points of printed pages (their HTML) for each face of the print font. */
export function pageCodePoints(pages: readonly string[]): PrintCodePoints {
  return { regular: printCodePoints(pages), bold: printCodePoints(pages.map(boldText)) };
}

/** The print font cut to the given code points (regular and bold), or null if it cannot be had. */
export function subsetPrintCodePoints(codePoints: PrintCodePoints): SubsetFonts | null {
  const l = load();
  if (!l) return null;
  keepLoaded();
  return { regular: cutTrueTypeFace(l.regular, codePoints.regular), bold: cutTrueTypeFace(l.bold, codePoints.bold) };
}

/** The print font cut to the characters of a printed page (regular, and bold for its bold text), or null if it cannot be had. */
export function subsetPrintFonts(page: string): SubsetFonts | null {
  return subsetPrintCodePoints(pageCodePoints([page]));
}

/** Whether the faces are in memory now (for the tests of keepLoaded). */
export function printFontsLoaded(): boolean {
  return loaded !== undefined && loaded !== null;
}
