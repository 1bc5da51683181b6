import type { PrintResult } from '../../../../shared/contract/print';
import type { HandlerContext } from '../../context';
import { printDocuments } from '../print/render';
import { buildLibraryNotice, buildPaymentApproval } from './documents';
import { buildCompletionNotice, buildPlanNotice } from './publicNotices';
import { buildMoneyTrail } from './trail';

export async function printNotice(ctx: HandlerContext, input: { projectId: string }): Promise<PrintResult> {
  const doc = await buildLibraryNotice(ctx, input.projectId);
  return printDocuments(ctx, [doc], { fileName: `项目公示-${doc.recordCode}.html` });
}

export async function printPayment(ctx: HandlerContext, input: { disbursementId: string }): Promise<PrintResult> {
  const doc = await buildPaymentApproval(ctx, input.disbursementId);
  return printDocuments(ctx, [doc], { fileName: `拨付审批表-${doc.recordCode}.html` });
}

export async function printPlanNotice(ctx: HandlerContext, input: { year: number }): Promise<PrintResult> {
  const doc = await buildPlanNotice(ctx, String(input.year));
  return printDocuments(ctx, [doc], { fileName: `${input.year}年度计划公告.html` });
}

export async function printCompletionNotice(ctx: HandlerContext, input: { projectId: string }): Promise<PrintResult> {
  const doc = await buildCompletionNotice(ctx, input.projectId);
  return printDocuments(ctx, [doc], { fileName: `竣工公告-${doc.recordCode}.html` });
}

export async function printTrail(ctx: HandlerContext, input: { projectId: string }): Promise<PrintResult> {
  const doc = await buildMoneyTrail(ctx, input.projectId);
  return printDocuments(ctx, [doc], { fileName: `资金流向-${doc.recordCode}.html` });
}
