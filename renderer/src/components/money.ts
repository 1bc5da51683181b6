import { formatYuan as formatSharedYuan } from '../../../shared/lib/money';
// Money in the UI: stored and sent as integer fen, typed and shown in 元 with two decimals.
// What a clerk typed is read by shared/lib/money's readYuan (one parser for the UI and the core).

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
