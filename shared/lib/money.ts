// Money as people read and type it: 元 with two decimals, stored as integer fen.

/** 726000 → "7,260.00"; −1234 → "-12.34". Exact (integer arithmetic), thousands grouped. */
export function formatYuan(fen: number, grouping = true): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const whole = grouping ? String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(yuan);
  return `${sign}${whole}.${cents}`;
}

/** A change with its sign: "+1,200.00" / "-35.50" / "0.00". */
export function formatYuanChange(fen: number): string {
  return fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen);
}

/**
 * What a clerk typed in 元 ("7260", "7,260.5", "７２６０．００", " 12.3 ") → fen, or null when it is
 * not an amount with at most two decimals. Empty text is null too (the form decides what that means).
 */
export function parseYuan(text: string): number | null {
  const s = text
    .trim()
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  const m = /^(-)?(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] ? -fen : fen;
}
