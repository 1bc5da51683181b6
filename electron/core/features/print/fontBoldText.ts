// Which text of a printed page is set in bold, so the print font's bold face is cut to those
// characters only (fontCss.ts): a 500-household page shows ~470 distinct characters, its headings
// and totals a few dozen. A character missing from the bold face would be drawn from another font
// of the machine, so this errs on the side of more: an element it cannot see closed stays bold to
// the end of the page.
//
// What is bold on a page is what the UA and the print CSS make bold: <b>, <strong>, <th> and the
// headings, and the two classes whose rules set font-weight (layout.ts, forms/documents/pieces.ts).
// A unit test holds the sources to this list (tests/unit/printFontBold.test.ts), and the paper
// tests check that the PDF embeds no font but the print font's two faces.

export const boldClasses: readonly string[] = ['official-title', 'form-section'];

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decoded(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return entities[name] ?? whole;
    const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

// Where a bold element may open: a bold tag, or the name of a bold class (its tag is looked up).
const boldTagOpen = /<(b|strong|th|h[1-6])(?=[\s>/])/gi;
// What the page does not show as text: comments and the raw text of style, script and title.
const hidden = /<!--[\s\S]*?(?:-->|$)|<(style|script|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const hiddenText = new RegExp(hidden.source, 'gi');
const tagMarkup = /<[^>]*>?/g;
// A tag's start up to a place inside its class attribute's value where a class begins.
const classValueOpen = /^<([a-zA-Z][a-zA-Z0-9-]*)\s[^>]*\bclass\s*=\s*["']?(?:[^"'>]*\s)?$/;

/** The ranges of the page that are never shown as text, in order. */
function hiddenRanges(page: string): [number, number][] {
  hidden.lastIndex = 0;
  const out: [number, number][] = [];
  for (let m = hidden.exec(page); m; m = hidden.exec(page)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const sameTags = new Map<string, RegExp>();

/**
 * Where an element `tag` opened at `from` (the "<") ends: after its own close tag (its tags in
 * hidden text not counted), or the end of the page.
 */
function elementEnd(page: string, tag: string, from: number, isHidden: (at: number) => boolean): number {
  let same = sameTags.get(tag);
  if (!same) sameTags.set(tag, (same = new RegExp(`<(/?)${tag}(?=[\\s>/])`, 'gi')));
  same.lastIndex = from + 1;
  let depth = 1;
  for (let m = same.exec(page); m; m = same.exec(page)) {
    if (isHidden(m.index)) continue;
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) {
      const gt = page.indexOf('>', m.index);
      return gt < 0 ? page.length : gt + 1;
    }
  }
  return page.length;
}

/** The elements that open bold: where each starts ("<") and its tag, in page order. */
function boldOpenings(page: string): { at: number; tag: string }[] {
  const out: { at: number; tag: string }[] = [];
  boldTagOpen.lastIndex = 0;
  for (let m = boldTagOpen.exec(page); m; m = boldTagOpen.exec(page)) out.push({ at: m.index, tag: m[1]!.toLowerCase() });
  for (const name of boldClasses) {
    for (let at = page.indexOf(name); at >= 0; at = page.indexOf(name, at + name.length)) {
      // Inside a tag's class attribute, as a whole class: the tag opened before it and not closed
      // since, the attribute's value open, and a quote, a space or the tag's end after the name.
      const lt = page.lastIndexOf('<', at);
      if (lt < 0 || page.lastIndexOf('>', at) > lt) continue;
      const tag = classValueOpen.exec(page.slice(lt, at));
      if (tag && /["'\s>]/.test(page[at + name.length] ?? '')) out.push({ at: lt, tag: tag[1]!.toLowerCase() });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The text of the page's bold elements, entities decoded, one element after another. Only the bold
 * elements are looked into (a 500-household page has a few dozen): tags are found by regular
 * expressions, which V8 runs natively, not by walking every tag of the page.
 */
export function boldText(page: string): string {
  const skip = hiddenRanges(page);
  const isHidden = (at: number) => skip.some(([from, to]) => at >= from && at < to);
  let out = '';
  let reached = 0;
  for (const { at, tag } of boldOpenings(page)) {
    // Inside a bold element already taken whole, or never shown.
    if (at < reached || isHidden(at)) continue;
    const end = elementEnd(page, tag, at, isHidden);
    out += decoded(page.slice(at, end).replace(hiddenText, '').replace(tagMarkup, ''));
    reached = end;
  }
  return out;
}
