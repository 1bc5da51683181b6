import { formatYuan, formatYuanChange, type Change } from '../../../../shared/domain/income';
import type { DeclineCause } from '../../../../shared/domain/monitoring';

/** Column headers short enough for a table; the full wording (declineCauseLabels) is the tooltip. */
export const declineCauseShortLabels: Readonly<Record<DeclineCause, string>> = {
  smallerFarming: '种养业缩减',
  lostIndustryDividend: '产业收益减少',
  lostSolarDividend: '光伏收益调整',
  lostJob: '务工减少',
  lostWelfarePost: '公益岗位减少',
  lostDibao: '低保取消',
  lostSubsidy: '补贴减少',
  disaster: '自然灾害',
  weakHelp: '帮扶不到位',
  other: '其他',
};

/** "+1,200.00 元（+10.0%）" — the change with last year, or "—" without last year. */
export function changeText(c: Change | null | undefined): string {
  if (!c) return '—';
  const pct = c.changePct === null ? '' : `（${c.changePct > 0 ? '+' : ''}${c.changePct.toFixed(1)}%）`;
  return `${formatYuanChange(c.changeFen)} 元${pct}`;
}

export function changeColor(changeFen: number): string | undefined {
  return changeFen < 0 ? 'red' : changeFen > 0 ? 'green' : undefined;
}

export function yuan(fen: number): string {
  return formatYuan(fen);
}

/** 0.3333 → "33.3%"; null → "—". */
export function shareText(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
