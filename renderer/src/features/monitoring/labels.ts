import type { CaseStatus } from '../../../../shared/domain/monitoring';
import { daysBetween } from '../../../../shared/lib/dates';

export const caseStatusColors: Readonly<Record<CaseStatus, string>> = {
  identifying: 'orange',
  monitoring: 'red',
  eliminated: 'green',
  rejected: 'gray',
};

/** Short forms for the narrow ledger column and badges. */
export const caseStatusShort: Readonly<Record<CaseStatus, string>> = {
  identifying: '识别中',
  monitoring: '监测中',
  eliminated: '风险已消除',
  rejected: '未纳入',
};

/** "还剩 3 天" / "今天到期" / "已超期 2 天" for a deadline, seen from `today`. */
export function daysLeftText(today: string, deadline: string): { text: string; overdue: boolean; days: number } {
  const days = daysBetween(today, deadline);
  if (days > 0) return { text: `还剩 ${days} 天`, overdue: false, days };
  if (days === 0) return { text: '今天到期', overdue: false, days };
  return { text: `已超期 ${-days} 天`, overdue: true, days };
}
