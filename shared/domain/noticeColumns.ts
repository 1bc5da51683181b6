// The columns a public notice (公示名单, DOMAIN §13) may show. Each office picks its own set
// (print_settings.notice_columns); 序号 is always first. Columns that would disclose an ID number,
// a phone number, a bank account or health status are in the catalogue only to say why they can
// never be chosen; the one ID column an office may add shows the number masked.

export const noticeColumnKeys = [
  'headName',
  'group',
  'memberCount',
  'category',
  'risks',
  'householdCode',
  'householdKind',
  'clueSource',
  'address',
  'maskedIdNumber',
] as const;
export type NoticeColumnKey = (typeof noticeColumnKeys)[number];

export const noticeColumnLabels: Readonly<Record<NoticeColumnKey, string>> = {
  headName: '户主',
  group: '组',
  memberCount: '人口',
  category: '类别',
  risks: '主要风险',
  householdCode: '户编号',
  householdKind: '户类型',
  clueSource: '识别来源',
  address: '住址',
  maskedIdNumber: '户主身份证号（隐去中间）',
};

/** What an office gets before it chooses: no ID number, phone, bank account or health detail. */
export const defaultNoticeColumns: readonly NoticeColumnKey[] = ['headName', 'group', 'memberCount', 'category', 'risks'];

/** Columns the notice cannot be printed without (the list would say nothing). */
export const requiredNoticeColumns: readonly NoticeColumnKey[] = ['headName'];

/** Shown masked when chosen. */
export const maskedNoticeColumns: readonly NoticeColumnKey[] = ['maskedIdNumber'];

/** Never on a public notice (national rule, DOMAIN §15); listed so the settings page can say why. */
export const forbiddenNoticeColumns = [
  { key: 'idNumber', label: '身份证号（完整）' },
  { key: 'phone', label: '联系电话' },
  { key: 'bankAccount', label: '银行账号' },
  { key: 'health', label: '健康状况、病情' },
] as const;
export const forbiddenNoticeReason = '公示不得公开身份证号、电话号码、银行账号和健康状况（病情）';

export function isNoticeColumnKey(value: string): value is NoticeColumnKey {
  return (noticeColumnKeys as readonly string[]).includes(value);
}

/**
 * The columns to print from what was saved: known keys only, in catalogue order, the required
 * ones added, defaults when nothing valid was saved. Forbidden keys can never come through.
 */
export function effectiveNoticeColumns(saved: readonly string[]): NoticeColumnKey[] {
  const chosen = new Set(saved.filter(isNoticeColumnKey));
  if (chosen.size === 0) return [...defaultNoticeColumns];
  for (const k of requiredNoticeColumns) chosen.add(k);
  return noticeColumnKeys.filter((k) => chosen.has(k));
}
