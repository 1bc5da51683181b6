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

export type YuanParse = { ok: true; fen: number | null } | { ok: false; error: string };

export interface YuanRules {
  /** Names the field in the message ("工资性收入不能是负数"). */
  label?: string;
  /** Incomes and thresholds may go below zero; a plan's amount may not. */
  negative?: boolean;
  /** Refuses amounts above this many fen ("过大，请核对"); one hundred million 元 unless said. */
  maxFen?: number;
}

/**
 * What a clerk typed in 元 ("7260", "7,260.5", "７２６０．００", " 12.3 ", "12元") → fen, with a
 * Chinese sentence that says what to fix when it is not an amount with at most two decimals.
 * Empty text is `fen: null` (the form decides what that means).
 */
export function readYuan(text: string, rules: YuanRules = {}): YuanParse {
  const { label = '金额', negative = false, maxFen = 100_000_000_00 } = rules;
  const s = text
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/。/g, '.')
    .replace(/[,，\s]/g, '')
    .replace(/元$/, '');
  if (s === '') return { ok: true, fen: null };
  if (s.startsWith('-') && !negative) return { ok: false, error: `${label}不能是负数` };
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, error: `${label}请填写数字（单位：元），例如 1200 或 1200.50` };
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return { ok: false, error: `${label}最多填到分（小数点后两位）` };
  const fen = Number(m[2]) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > maxFen) return { ok: false, error: `${label}过大，请核对（单位：元）` };
  return { ok: true, fen: m[1] ? -fen : fen };
}

/** `readYuan` for callers that only need the number: fen (negatives allowed), or null when empty or not an amount. */
export function parseYuan(text: string): number | null {
  const r = readYuan(text, { negative: true, maxFen: Number.MAX_SAFE_INTEGER });
  return r.ok ? r.fen : null;
}
