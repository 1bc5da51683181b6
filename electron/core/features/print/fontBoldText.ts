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

const boldTags = new Set(['b', 'strong', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
export const boldClasses: readonly string[] = ['official-title', 'form-section'];
const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
// Their text is not shown on the page.
const rawTextTags = new Set(['style', 'script', 'title']);

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decoded(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return entities[name] ?? whole;
    const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

const classAttribute = /\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

function hasBoldClass(tag: string): boolean {
  const m = classAttribute.exec(tag);
  if (!m) return false;
  const classes = (m[1] ?? m[2] ?? m[3] ?? '').split(/\s+/);
  return classes.some((c) => boldClasses.includes(c));
}

/** The text of the page's bold elements, entities decoded, one run after another. */
export function boldText(page: string): string {
  let out = '';
  const open = new Map<string, number>();
  // The bold elements open now: their tag and how many of that tag were open with them.
  const bold: { tag: string; depth: number }[] = [];
  let at = 0;
  while (at < page.length) {
    const lt = page.indexOf('<', at);
    const end = lt < 0 ? page.length : lt;
    if (bold.length > 0 && end > at) out += decoded(page.slice(at, end));
    if (lt < 0) break;
    if (page.startsWith('<!--', lt)) {
      const close = page.indexOf('-->', lt + 4);
      at = close < 0 ? page.length : close + 3;
      continue;
    }
    const closing = page.charCodeAt(lt + 1) === 47; // "/"
    let n = lt + (closing ? 2 : 1);
    while (n < page.length && isNameChar(page.charCodeAt(n))) n++;
    const name = page.slice(lt + (closing ? 2 : 1), n).toLowerCase();
    if (name === '') {
      // "<" as text ("a < b" unescaped, or "<!DOCTYPE …>"): the doctype ends at its ">".
      if (page.charCodeAt(lt + 1) === 33) at = Math.max(n, page.indexOf('>', lt) + 1);
      else {
        if (bold.length > 0) out += '<';
        at = lt + 1;
      }
      continue;
    }
    const gt = page.indexOf('>', n);
    const tagEnd = gt < 0 ? page.length : gt + 1;
    if (closing) {
      const depth = open.get(name) ?? 0;
      if (depth > 0) open.set(name, depth - 1);
      const top = bold[bold.length - 1];
      if (top && top.tag === name && top.depth === depth) bold.pop();
      at = tagEnd;
      continue;
    }
    if (rawTextTags.has(name)) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = tagEnd;
      at = close.exec(page)?.index ?? page.length;
      continue;
    }
    const tag = page.slice(lt, tagEnd);
    if (!voidTags.has(name) && !tag.endsWith('/>')) {
      const depth = (open.get(name) ?? 0) + 1;
      open.set(name, depth);
      if (boldTags.has(name) || hasBoldClass(tag)) bold.push({ tag: name, depth });
    }
    at = tagEnd;
  }
  return out;
}
