// Cells a spreadsheet program would read as a formula (CSV/formula injection): text that starts
// with = + - @, or with a tab or carriage return that some programs strip before looking. Such
// text is written with a leading apostrophe, the form Excel and WPS themselves use for "this is
// text", so nothing runs when the clerk or the county opens the file. Numbers are never touched:
// a negative amount stays a number the county can add up.

const risky = /^[=+\-@\t\r]/;

/** True when text would be read as a formula by Excel, WPS or LibreOffice. */
export function isRiskyText(text: string): boolean {
  return risky.test(text);
}

/** The text as written to a cell: unchanged when harmless, else with a leading apostrophe. */
export function neutraliseText(text: string): string {
  return risky.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | Date | null;

/** Neutralises text cells; numbers, booleans, dates and empty cells pass through. */
export function safeCell<V extends CellValue>(value: V): V {
  return (typeof value === 'string' ? neutraliseText(value) : value) as V;
}

const neutralised = /^'[=+\-@\t\r]/;

/**
 * The text as the export meant it: the apostrophe `neutraliseText` added is taken off again on
 * import — exactly when it is followed by a formula start — so an exported ledger re-imports
 * unchanged, and any other leading apostrophe stays as the clerk typed it.
 */
export function restoreText(text: string): string {
  return neutralised.test(text) ? text.slice(1) : text;
}
