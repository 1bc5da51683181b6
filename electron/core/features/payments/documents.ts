import type { PaymentPaperKind } from '../../../../shared/domain/paper';
import { paymentListStatusLabels, type PaymentListStatus } from '../../../../shared/domain/payments';
import { maskIdNumber, publicNoticeProblem } from '../../../../shared/domain/privacy';
import { amountInCapitals } from '../../../../shared/lib/capitals';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { canonicalJson } from '../print/hash';
import { escapeHtml, html, type SafeHtml } from '../print/html';
import { rowGroups } from '../print/layout';
import type { BuiltDocument, DocumentBuilder } from '../print/types';
import { SUPERVISION_LINE } from '../funds/paper';
import { noticeTexts } from '../notices/documents';
import * as repo from './repository';

// Paper of a payment list (EMPLOYMENT-FUNDS §1.4, §2.4): the 花名册 that recipients, the village
// and the township sign (amounts in figures and capitals), and the public list for the board.
// Both mask ID numbers and accounts (the full account leaves only in the bank file). recordRef =
// the list id; recordCode = the village code (or the township code for a township-wide list).

/** Signed capitals: a correction list may total below zero. */
export function signedCapitals(fen: number): string {
  return fen < 0 ? `负${amountInCapitals(-fen)}` : amountInCapitals(fen);
}

async function listFacts(ctx: HandlerContext, listId: string) {
  const [list] = await repo.selectLists(ctx.db, { id: listId });
  if (!list) throw new AppError('NOT_FOUND', '发放清册已不存在（可能已被删除）');
  const lines = await repo.selectLines(ctx.db, listId);
  const village = list.villageId ? await ctx.db.selectFrom('villages').select(['code', 'name']).where('id', '=', list.villageId).executeTakeFirst() : undefined;
  const office = await ctx.db.selectFrom('office').select(['township_code', 'township_name']).executeTakeFirst();
  return { list, lines, village, office };
}

type PayrollData = {
  title: string;
  purpose: string;
  period: string;
  status: string;
  rows: { code: string; name: string; id: string; basis: string; amountFen: number; bank: string }[];
  totalFen: number;
};


// The 花名册 of a township runs to 1,500 lines (issue 12: built and printed ≤ 3 s). Its table has
// fixed column widths (Chromium lays out a table-layout:fixed table without measuring every cell
// first), cell alignment from the `.payroll` column rules in print/layout.ts instead of a class on
// every cell, and its rows are joined as plain strings (values still escaped) rather than one
// SafeHtml object per row. At 9 pt with these widths the household code and the ID number stay on
// one text line and a bank's name with its 尾号 takes two, where at 10.5 pt all three wrapped to
// two or three: the bench's 1,500 lines print on 76 pages instead of 126, and each row still leaves
// room to sign. 发放依据 keeps the width for a post's attendance and deductions.
//
// The rows come in <tbody> groups (print/layout.ts rowGroups, table.long): printed, one table (same
// page breaks, header repeated); on screen, each group is laid out only in view. Chromium's PDF step
// lays the whole file out for the screen again after each of its two print passes, so a roster laid
// out on screen as one table cost four full screen layouts of 1,500 rows besides the two print ones.

type PayrollRow = PayrollData['rows'][number];

/** The 花名册's table: one row per line, the total last (class `total`). */
export function payrollTable(rows: readonly PayrollRow[], totalFen: number): SafeHtml {
  return html`<table class="grid payroll long">
<colgroup><col style="width:6%"><col style="width:17%"><col style="width:8%"><col style="width:19%"><col style="width:14%"><col style="width:10%"><col style="width:17%"><col style="width:9%"></colgroup>
<thead><tr><th>序号</th><th>户编号</th><th>姓名</th><th>身份证号</th><th>发放依据</th><th>金额（元）</th><th>收款账户</th><th>本人签字</th></tr></thead>
${rowGroups([
    ...rows.map((r, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(r.code)}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.id)}</td><td>${escapeHtml(r.basis)}</td><td>${formatYuan(r.amountFen)}</td><td>${escapeHtml(r.bank)}</td><td></td></tr>`),
    `<tr class="total"><td colspan="5"><strong>合计</strong></td><td><strong>${formatYuan(totalFen)}</strong></td><td colspan="2"></td></tr>`,
  ])}
</table>`;
}

type NoticeRow = Pick<PayrollRow, 'code' | 'name' | 'basis' | 'amountFen'>;

/** The public list's table. 序号 keeps its heading on one line (it broke into 序/号 beside a wide
 *  户编号); a township's list of 1,500 lines comes in row groups like the 花名册. */
export function paymentNoticeTable(rows: readonly NoticeRow[]): SafeHtml {
  return html`<table class="grid long">
<thead><tr><th class="nowrap" style="width:3em">序号</th><th>户编号</th><th>姓名</th><th>发放依据</th><th>金额（元）</th></tr></thead>
${rowGroups(rows.map((r, i) => `<tr><td class="center">${i + 1}</td><td>${escapeHtml(r.code)}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.basis)}</td><td class="num">${formatYuan(r.amountFen)}</td></tr>`))}
</table>`;
}

async function buildPayroll(ctx: HandlerContext, listId: string): Promise<BuiltDocument> {
  const { list, lines, village, office } = await listFacts(ctx, listId);
  const rows = lines.map((r) => ({
    code: r.household_code,
    name: r.name,
    id: maskIdNumber(r.id_number),
    basis: r.basis,
    amountFen: r.amount_fen,
    bank: r.account_no ? `${r.bank_name ?? ''} 尾号${r.account_no.slice(-4)}` : '未登记',
  }));
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const title = `${list.title}发放花名册`;
  const data: PayrollData = {
    title,
    purpose: list.purpose,
    period: list.period,
    status: paymentListStatusLabels[list.status],
    rows,
    totalFen,
  };
  const where = village ? `${village.name}（编号 ${village.code}）` : (office?.township_name ?? '');
  const body = html`<div class="doc-meta"><span>${where}</span><span>发放用途：${list.purpose}</span><span>发放期间：${list.period}</span><span>共 ${rows.length} 人</span></div>
${payrollTable(rows, totalFen)}
<p class="para"><strong>合计金额（大写）：人民币${signedCapitals(totalFen)}</strong></p>
<div class="sign-area">
<div class="sign-block"><div>制表人（签字）：</div><div style="margin-top:8mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
<div class="sign-block"><div>村委会审核（签字、盖章）：</div><div style="margin-top:8mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
<div class="sign-block"><div>乡镇审核（签字、盖章）：</div><div style="margin-top:8mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
</div>`;
  const problem = publicNoticeProblem(`${title}\n${body.value}\n${canonicalJson(data)}`);
  if (problem) throw new AppError('RULE', problem);
  return { kind: 'paper.payroll', title, recordRef: list.id, recordCode: village?.code ?? office?.township_code ?? '', data, body };
}

async function buildPaymentNotice(ctx: HandlerContext, listId: string): Promise<BuiltDocument> {
  const { list, lines, village, office } = await listFacts(ctx, listId);
  const texts = await noticeTexts(ctx, village?.name ?? office?.township_name ?? '');
  const rows = lines.map((r) => ({ code: r.household_code, name: r.name, basis: r.basis, amountFen: r.amount_fen }));
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const title = `${list.title}发放公示`;
  const data = { title, purpose: list.purpose, period: list.period, rows, totalFen, phone: texts.phone };
  const signer = village ? `${village.name}村民委员会` : `${office?.township_name ?? ''}人民政府`;
  const body = html`<div class="doc-meta"><span>发放用途：${list.purpose}</span><span>发放期间：${list.period}</span></div>
<p class="para">以下 ${rows.length} 人拟发放${list.purpose}，合计 ${formatYuan(totalFen)} 元，现予以公示。</p>
${paymentNoticeTable(rows)}
<p class="para">${texts.objectionNote}</p>
<p class="para">异议受理：${texts.objectionPlace}。监督电话：<span class="nowrap">${texts.phone || '（未设置）'}</span>。监督举报电话：<span class="nowrap">${SUPERVISION_LINE}</span>（全国防止返贫监测和乡村振兴咨询服务平台）。</p>
<div class="sign-area" style="justify-content:flex-end"><div class="sign-block" style="text-align:center"><div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div><div>${signer}（盖章）</div><div style="margin-top:3mm">\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div></div>`;
  const problem = publicNoticeProblem(`${title}\n${body.value}\n${canonicalJson(data)}`);
  if (problem) throw new AppError('RULE', problem);
  return { kind: 'paper.paymentNotice', title, recordRef: list.id, recordCode: village?.code ?? office?.township_code ?? '', data, body };
}

export const paymentBuilders: Record<Exclude<PaymentPaperKind, 'paper.postNotice'>, DocumentBuilder> = {
  'paper.payroll': { build: buildPayroll },
  'paper.paymentNotice': { build: buildPaymentNotice },
};

export function statusWord(s: PaymentListStatus): string {
  return paymentListStatusLabels[s];
}
