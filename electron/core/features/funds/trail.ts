import { disbursementStageLabels, payeeKindLabels, yuan, type DisbursementStage, type PayeeKind } from '../../../../shared/domain/funds';
import { isPaid, lineResultLabels, paymentListStatusLabels, type LineResult, type PaymentListStatus } from '../../../../shared/domain/payments';
import {
  trailAllocationLabel,
  trailBatchHeading,
  trailBatchSubtotal,
  trailDisbursementLabel,
  trailLineLabel,
  trailLineNote,
  trailListLabel,
  trailListNote,
  trailTotal,
  trailUnlinkedHeading,
} from '../../../../shared/domain/fundsTrail';
import type { MoneyTrail, MoneyTrailList as TrailList, MoneyTrailLine as TrailLine } from '../../../../shared/contract/fundsTrail';
import type { HandlerContext } from '../../context';
import { html, type SafeHtml } from '../print/html';
import type { BuiltDocument } from '../print/types';
import { trailRecords, type LineRow, type TrailListRow } from './trailData';

// 资金流向 (issue 13 item 8): the county's year-end view of one project's money on one printable
// page — each batch, what it allocated, what was disbursed from it, and for money paid to
// households through payment lists, every line to a household with its bank result. Entries are
// append-only: a reversal is printed as its own line naming what it reverses, and the original
// is marked 已冲销, so the sums on the paper are the sums of the lines above them. recordRef is
// the project id; the page is for the office and the county, not a public board (no IDs or
// accounts are printed all the same).

/** The project's payment lists with their lines, by the disbursement each spends (null: none). */
function listsOf(lists: readonly TrailListRow[], lines: readonly LineRow[]) {
  const resent = new Set(lines.flatMap((x) => (x.resend_of_line_id === null ? [] : [x.resend_of_line_id])));
  const byDisbursement = new Map<string | null, TrailList[]>();
  for (const l of lists) {
    const status = l.status as PaymentListStatus;
    const sent = isPaid(status);
    // Only money the bank paid reached a household: a 失败 line was returned, a line without a
    // result has not been paid yet; a reversing line (negative, never sent for a result) takes
    // back what its original paid once its list is with the bank.
    const reached = (x: (typeof lines)[number]) => sent && (x.result === 'success' || (x.reverses_line_id !== null && x.amount_fen < 0));
    const trailLines: TrailLine[] = lines
      .filter((x) => x.list_id === l.id)
      .map((x) => ({
        household: x.household_code,
        name: x.name,
        basis: x.basis,
        amountFen: x.amount_fen,
        result: x.result === null ? '' : lineResultLabels[x.result as LineResult],
        note: [
          x.reverses_line_id !== null ? '冲回' : '',
          x.resend_of_line_id !== null ? '失败重发' : '',
          x.result === 'failed' ? (x.result_reason ?? '') : '',
          x.result === 'failed' ? (resent.has(x.id) ? '已转入重发清册' : '未计入到户') : '',
        ]
          .filter((s) => s !== '')
          .join('；'),
        reachedFen: reached(x) ? x.amount_fen : 0,
        failed: x.result === 'failed',
      }));
    const list: TrailList = {
      title: l.title,
      period: l.period,
      status: paymentListStatusLabels[status],
      bankOn: l.bank_on,
      sent,
      lines: trailLines,
      paidFen: trailLines.reduce((s, x) => s + x.reachedFen, 0),
      failedFen: trailLines.filter((x) => x.failed).reduce((s, x) => s + x.amountFen, 0),
    };
    byDisbursement.set(l.disbursement_id, [...(byDisbursement.get(l.disbursement_id) ?? []), list]);
  }
  return byDisbursement;
}

/** Households whose lines net to more than nothing: a line reversed in full leaves no one paid. */
function reachedHouseholds(lists: readonly TrailList[]): number {
  const net = new Map<string, number>();
  for (const x of lists.flatMap((l) => l.lines)) net.set(x.household, (net.get(x.household) ?? 0) + x.reachedFen);
  return [...net.values()].filter((fen) => fen > 0).length;
}

/** One project's money from batch to household, as the 资金流向 page shows it and the paper prints it. */
export async function moneyTrail(ctx: HandlerContext, projectId: string): Promise<MoneyTrail> {
  const { project: p, office: o, allocations: allocs, disbursements: disbs, lists: listRecords, lines } = await trailRecords(ctx, projectId);
  const lists = listsOf(listRecords, lines);
  // Each entry's row carries its batch (the entries' queries join it): no query of its own.
  const batchRows = [
    ...new Map(
      [...allocs, ...disbs].map((e) => [e.batch_id, { id: e.batch_id, doc_no: e.batch_doc_no, issued_date: e.batch_issued_date, year: e.batch_year, amount_fen: e.batch_amount_fen }]),
    ).values(),
  ];
  const date = new Map([...allocs, ...disbs].map((e) => [e.id, e.entry_date]));
  const voucher = new Map(disbs.map((d) => [d.id, d.voucher_no]));
  const reversedA = new Set(allocs.flatMap((a) => (a.reverses_id === null ? [] : [a.reverses_id])));
  const reversedD = new Set(disbs.flatMap((d) => (d.reverses_id === null ? [] : [d.reverses_id])));
  const batches = batchRows
    .sort((a, b) => a.issued_date.localeCompare(b.issued_date) || a.id.localeCompare(b.id))
    .map((b) => {
      const source = allocs.find((a) => a.batch_id === b.id)?.source_name ?? disbs.find((d) => d.batch_id === b.id)?.source_name ?? '';
      const allocations = allocs
        .filter((a) => a.batch_id === b.id)
        .map((a) => ({
          date: a.entry_date,
          amountFen: a.amount_fen,
          note: [a.reverses_id !== null ? `冲销 ${date.get(a.reverses_id) ?? ''} 的分配` : '', reversedA.has(a.id) ? '已冲销' : '', a.note ?? ''].filter((s) => s !== '').join('；'),
        }));
      const disbursements = disbs
        .filter((d) => d.batch_id === b.id)
        .map((d) => ({
          date: d.entry_date,
          voucherNo: d.voucher_no,
          stage: disbursementStageLabels[d.stage as DisbursementStage],
          payee: payeeKindLabels[d.payee_kind as PayeeKind],
          amountFen: d.amount_fen,
          note: [d.reverses_id !== null ? `冲销凭证 ${voucher.get(d.reverses_id) ?? ''}` : '', reversedD.has(d.id) ? '已冲销' : '', d.note ?? ''].filter((s) => s !== '').join('；'),
          lists: lists.get(d.id) ?? [],
        }));
      return {
        docNo: b.doc_no,
        source,
        year: b.year,
        issuedDate: b.issued_date,
        issuedFen: b.amount_fen,
        allocations,
        disbursements,
        allocatedFen: allocations.reduce((s, a) => s + a.amountFen, 0),
        disbursedFen: disbursements.reduce((s, d) => s + d.amountFen, 0),
      };
    });
  const unlinked = lists.get(null) ?? [];
  const allLists = [...lists.values()].flat();
  const totals = {
    allocatedFen: batches.reduce((s, b) => s + b.allocatedFen, 0),
    disbursedFen: batches.reduce((s, b) => s + b.disbursedFen, 0),
    toHouseholdsFen: allLists.reduce((s, l) => s + l.paidFen, 0),
    failedFen: allLists.reduce((s, l) => s + l.failedFen, 0),
    households: reachedHouseholds(allLists),
    failedHouseholds: new Set(allLists.flatMap((l) => l.lines.filter((x) => x.failed).map((x) => x.household))).size,
  };
  return {
    project: { id: p.id, code: p.project_code, name: p.name, year: p.year, unit: p.implementing_unit, budgetFen: p.budget_fen },
    office: { countyName: o.county_name, townshipName: o.township_name },
    batches,
    unlinked,
    totals,
  };
}

export async function buildMoneyTrail(ctx: HandlerContext, projectId: string): Promise<BuiltDocument> {
  const { project: p, office: o, batches, unlinked, totals } = await moneyTrail(ctx, projectId);
  const title = `${p.code} ${p.name} 资金流向`;
  // What the content code is made of: as it was before the page showed the trail on screen, so a
  // copy printed then still verifies.
  const data = { kind: 'funds.moneyTrail', title, project: { code: p.code, name: p.name, year: p.year, unit: p.unit, budgetFen: p.budgetFen }, batches, unlinked, totals };
  const row = (depth: number, when: string | null, what: string | SafeHtml, fen: number | null, note: string) =>
    html`<tr><td class="nowrap">${when ?? ''}</td><td style="padding-left:${1 + depth * 1.5}em">${what}</td><td class="num nowrap">${fen === null ? '' : yuan(fen)}</td><td>${note}</td></tr>`;
  const listRows = (l: TrailList, depth: number) => [
    row(
      depth,
      l.bankOn,
      trailListLabel(l),
      l.paidFen,
      trailListNote(l),
    ),
    ...l.lines.map((x) => row(depth + 1, null, trailLineLabel(x), x.amountFen, trailLineNote(x))),
  ];
  const body = html`<div class="doc-meta"><span>${o.countyName}${o.townshipName}</span><span>${p.year} 年度</span><span>实施单位：${p.unit}</span></div>
<p class="para">批复预算 ${yuan(p.budgetFen)} 元；已分配 ${yuan(totals.allocatedFen)} 元，已拨付 ${yuan(totals.disbursedFen)} 元，结余 ${yuan(totals.allocatedFen - totals.disbursedFen)} 元；经发放清册到户 ${yuan(totals.toHouseholdsFen)} 元（${totals.households} 户，只计银行发放成功的行）${totals.failedFen === 0 ? '' : `；银行退回失败 ${yuan(totals.failedFen)} 元（${totals.failedHouseholds} 户，未计入到户）`}。冲销以负数单列，并注明所冲销的记录。</p>
<table class="grid">
<thead><tr><th style="width:6.5em">日期</th><th>资金批次 → 分配 → 拨付 → 到户</th><th style="width:8em">金额（元）</th><th style="width:12em">说明</th></tr></thead>
<tbody>${batches.map(
    (b) => html`<tr><th colspan="4" style="text-align:left">${trailBatchHeading(b)}</th></tr>
${b.allocations.map((a) => row(1, a.date, trailAllocationLabel, a.amountFen, a.note))}
${b.disbursements.map((d) => [row(1, d.date, trailDisbursementLabel(d), d.amountFen, d.note), ...d.lists.flatMap((l) => listRows(l, 2))])}
<tr><td></td><td><strong>${trailBatchSubtotal(b)}</strong></td><td></td><td></td></tr>`,
  )}
${unlinked.length === 0 ? '' : [html`<tr><th colspan="4" style="text-align:left">${trailUnlinkedHeading}</th></tr>`, ...unlinked.flatMap((l) => listRows(l, 1))]}
<tr><td></td><td><strong>${trailTotal(totals)}</strong></td><td></td><td></td></tr></tbody>
</table>
<div class="sign-area">
<div class="sign-block"><div>制表人（签字）：</div><div style="margin-top:8mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
<div class="sign-block"><div>财务负责人（签字）：</div><div style="margin-top:8mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
<div class="sign-block"><div>乡镇审核（签字、盖章）：</div><div style="margin-top:8mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
</div>`;
  return { kind: 'funds.moneyTrail', title, recordRef: p.id, recordCode: p.code, data, body };
}
