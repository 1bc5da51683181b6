// HTML for printed documents is built with one tagged template: every interpolated value is
// escaped unless it is already SafeHtml, so a name like "<b>" prints as text, never as markup.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const special = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text (names, amounts, dates) has nothing to escape: a test is cheaper than a replace.
  return special.test(text) ? text.replace(/[&<>"']/g, (c) => escapes[c]!) : text;
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<td>${name}</td>\`` — values escaped, SafeHtml and arrays of it kept; null/false print nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Markup the program itself wrote (CSS, a data-URL image checked by the caller). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
