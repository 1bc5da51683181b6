// 统一社会信用代码 (GB 32100-2015): 18 characters from 31 symbols (digits and capitals without
// I, O, Z, S, V); the last is a check character over the first 17 with fixed weights. A code
// that fails the check is a typing slip, and the county's 认定 list matches workshops by it.

const symbols = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters call for, or null if one is not a code symbol. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = symbols.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * weights[i]!;
  }
  const c = 31 - (sum % 31);
  return symbols[c === 31 ? 0 : c]!;
}

/** Null when the code is well formed, else the Chinese sentence saying what is wrong. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `统一社会信用代码应为 18 位，现在是 ${code.length} 位，请对照营业执照核对`;
  const bad = [...code].find((ch) => !symbols.includes(ch));
  if (bad !== undefined) return `统一社会信用代码中不能有"${bad}"（只用数字和大写字母，不含 I、O、Z、S、V），请对照营业执照核对`;
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码的校验位不对，可能有字符录错，请对照营业执照逐位核对';
  return null;
}
