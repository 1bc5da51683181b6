// Amounts in Chinese capitals (大写金额), as written on forms that carry money: "壹万贰仟元整".
// The writing rules of 《支付结算办法》 附件: 壹拾 keeps its 壹; zeros inside the number are one 零;
// 角 without 分 needs no 整 ("整" only when there are neither 角 nor 分); a 零 stands after 元 only
// when 角 is zero and 分 is not ("壹亿零壹万元零柒分"); below one 元 the 元 is left out ("伍分").

const digits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const placeUnits = ['', '拾', '佰', '仟'] as const;
const sectionUnits = ['', '万', '亿', '万亿'] as const;

/** 0–9999 without leading zeros: 1010 → 壹仟零壹拾. */
function section(n: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += digits[d]! + placeUnits[place]!;
  }
  return out;
}

/** Whole 元 in capitals, without 元: 100010000 → 壹亿零壹万. */
function wholeYuan(yuan: number): string {
  const sections: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  if (sections.length > sectionUnits.length) throw new RangeError('金额过大，无法写成大写');
  let out = '';
  let zero = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!;
    if (s === 0) {
      if (out !== '') zero = true;
      continue;
    }
    // A gap before this section (an empty section, or fewer than four digits here) reads as one 零.
    if (out !== '' && (zero || s < 1000)) out += '零';
    zero = false;
    out += section(s) + sectionUnits[i]!;
  }
  return out;
}

/**
 * An amount in fen written in capitals: 0 → 零元整, 5 → 伍分, 1010 → 壹拾元壹角,
 * 100_000_000 → 壹佰万元整, 10_001_000_007 → 壹亿零壹万元零柒分. Refuses negatives and fractions.
 */
export function amountInCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('金额须为整数分');
  if (fen < 0) throw new RangeError('负数金额不能写成大写');
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${wholeYuan(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${digits[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${digits[cents]}分`;
  return out;
}

/** With the currency in front, as forms print it: "人民币壹万贰仟元整". */
export function rmbInCapitals(fen: number): string {
  return `人民币${amountInCapitals(fen)}`;
}
