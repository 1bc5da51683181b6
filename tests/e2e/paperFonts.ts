import { execFileSync } from 'node:child_process';

// Every printed file carries its own font (print/fontSubset.ts), the bold face cut to the page's
// bold text only (print/fontBoldText.ts). A character missing from a face would be drawn from
// another font of the machine and embedded as a font of its own: the PDF's font list says so.

const printFaces = ['NotoSerifSC-Regular', 'NotoSerifSC-Bold'];

/** The fonts a PDF embeds, by name without the subset's tag ("AAAAAA+"). */
export function embeddedFonts(pdfPath: string): string[] {
  return execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

/** The fonts other than the print font's two faces that a PDF embeds: none, when every character came from the file's own font. */
export function fontsBesidesPrintFont(pdfPath: string): string[] {
  const fonts = embeddedFonts(pdfPath);
  if (!fonts.includes(printFaces[0]!)) return [...fonts, '(no NotoSerifSC-Regular)'];
  return fonts.filter((f) => !printFaces.includes(f));
}
