import { formatYuan as formatSharedYuan } from '../../../../shared/lib/money';
// Money in the UI: stored and sent as integer fen, typed and shown in 元 with two decimals.

/** 123456 → '1,234.56'; null → the `empty` text. */
export function formatYuan(fen: number | null | undefined, empty = ''): string {
  return fen === null || fen === undefined ? empty : formatSharedYuan(fen);
}

/** Fen as the text of a 元 input: 123450 → '1234.5', 0 → '0', null → ''. */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(yuan);
  return `${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

export type YuanParse = { ok: true; fen: number | null } | { ok: false; error: string };

/**
 * What a clerk typed in a 元 field, as fen. Accepts '1234', '1,234.5', '１２３４．５６' (full-width),
 * ' 12 ' ; refuses negatives, more than two decimals and anything that is not a number.
 * An empty field is `fen: null` (the caller decides whether that is allowed).
 */
export function parseYuan(text: string, label = '金额'): YuanParse {
  const s = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  if (s === '') return { ok: true, fen: null };
  if (s.startsWith('-')) return { ok: false, error: `${label}不能是负数` };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, error: `${label}请填写数字（单位：元），例如 1200 或 1200.50` };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, error: `${label}最多填到分（小数点后两位）` };
  const fen = Number(m[1]) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > 100_000_000_00) return { ok: false, error: `${label}过大，请核对（单位：元）` };
  return { ok: true, fen };
}
