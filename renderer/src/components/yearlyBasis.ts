// One wording for a yearly setting that is not saved for the year on screen (YearlySettingsForm).

/** Where the values on screen come from. */
export type YearlyBasis =
  /** The year's own saved row. */
  | { kind: 'saved' }
  /** Carried over from the latest earlier year that was saved. */
  | { kind: 'inherited'; fromYear: number }
  /** Nobody has saved any year yet: the program's starting values. */
  | { kind: 'default' };

export function basisNotice(what: string, year: number, basis: YearlyBasis): string | null {
  if (basis.kind === 'saved') return null;
  const from = basis.kind === 'inherited' ? `沿用 ${basis.fromYear} 年的${what}` : '程序的初始建议值，尚未按本县政策设置过';
  return `${year} 年的${what}尚未保存：下面是${from}。请按本县政策核对后点“保存”，保存后自 ${year} 年起执行。`;
}
