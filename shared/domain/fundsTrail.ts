import { yuan } from './funds';

// The words of a project's 资金流向, shared by the page on screen (renderer funds/ProjectTrailPage)
// and the printed 资金流向表 (core funds/trail.ts): what the clerk reads is what the county signs.

export function trailBatchHeading(b: { docNo: string; source: string; year: number; issuedDate: string; issuedFen: number }): string {
  return `资金批次 ${b.docNo}（${b.source}，${b.year} 年度，${b.issuedDate} 下达 ${yuan(b.issuedFen)} 元）`;
}

export const trailAllocationLabel = '分配到本项目';

export function trailDisbursementLabel(d: { voucherNo: string; stage: string; payee: string }): string {
  return `拨付 凭证 ${d.voucherNo}（${d.stage}，${d.payee}）`;
}

export function trailListLabel(l: { title: string; period: string; status: string }): string {
  return `发放清册：${l.title}（${l.period}，${l.status}）`;
}

/** What a list's amount (its paid lines) stands for. */
export function trailListNote(l: { sent: boolean; failedFen: number }): string {
  if (!l.sent) return '未交银行，不计入到户';
  return l.failedFen === 0 ? '到户合计（成功）' : `到户合计（成功）；失败 ${yuan(l.failedFen)} 元`;
}

export function trailLineLabel(x: { household: string; name: string; basis: string }): string {
  return `${x.household} ${x.name}：${x.basis}`;
}

export function trailLineNote(x: { result: string; note: string }): string {
  return [x.result, x.note].filter((s) => s !== '').join('；');
}

export function trailBatchSubtotal(b: { allocatedFen: number; disbursedFen: number }): string {
  return `本批次小计：分配 ${yuan(b.allocatedFen)}，拨付 ${yuan(b.disbursedFen)}，结余 ${yuan(b.allocatedFen - b.disbursedFen)}`;
}

export const trailUnlinkedHeading = '未关联拨付记录的发放清册';

export function trailTotal(t: { allocatedFen: number; disbursedFen: number; toHouseholdsFen: number }): string {
  return `合计：分配 ${yuan(t.allocatedFen)}，拨付 ${yuan(t.disbursedFen)}，到户 ${yuan(t.toHouseholdsFen)}`;
}
