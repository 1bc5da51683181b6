import type { MonthlyFigures } from '../../../../shared/contract/monthlyReport';
import type { MonthRow } from '../../../../shared/domain/monthlyReport';
import { monthLabel, monthlyTables, type MonthTable } from '../../../../shared/domain/monthlyTables';
import type { ReportKind } from '../../../../shared/domain/paper';
import { localDateTimeText } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { chineseDate } from '../notices/documents';
import { contentHash } from '../print/hash';
import { html, type SafeHtml } from '../print/html';
import type { BuiltDocument, DocumentBuilder, JsonValue } from '../print/types';
import { monthlyFigures } from '../../db/jsonColumns';

// The printed 月报: built from the stored copy only (recordRef is the report's id), so a reprint —
// and 核验 of a paper copy — gives the same tables whatever changed in the ledgers since. The hash
// is checked on every read: a stored copy altered outside the program is refused, not printed.

export interface StoredReport {
  id: string;
  month: string;
  figures: MonthlyFigures;
  sha256: string;
  filledBy: string;
  madeAt: string;
}

/** The stored report, its figures checked against the hash they were stored with. */
export async function storedReport(ctx: HandlerContext, id: string): Promise<StoredReport> {
  const r = await ctx.db.selectFrom('monthly_reports').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', '找不到这份月报，可能已被删除；请刷新列表后重试');
  const figures = monthlyFigures.safeDecode(r.figures_json);
  if (figures === undefined || contentHash(figures as JsonValue) !== r.sha256) {
    throw new AppError('RULE', `${monthLabel(r.month)}月报的存档与其校验值不符，可能被改动过，不能按存档重印。请重新生成该月月报，并告知管理员核查`);
  }
  return { id: r.id, month: r.month, figures, sha256: r.sha256, filledBy: r.filled_by_name, madeAt: r.made_at };
}

function tableHtml(t: MonthTable, f: MonthlyFigures): SafeHtml {
  const cells = (row: MonthRow) => t.columns.map((c) => html`<td class="num">${c.value(row)}</td>`);
  return html`<div class="doc-subtitle" style="margin-top:3mm"><strong>${t.title}</strong></div>
<table class="grid" style="font-size:9pt">
<thead><tr><th style="width:5.5em">村</th>${t.columns.map((c) => html`<th>${c.header}</th>`)}</tr></thead>
<tbody>
${f.villages.map((v) => html`<tr><td>${v.name}</td>${cells(v.row)}</tr>`)}
<tr><td class="center"><strong>合计</strong></td>${cells(f.total)}</tr>
</tbody>
</table>`;
}

export function monthlyTitle(f: Pick<MonthlyFigures, 'township' | 'month'>): string {
  return `${f.township}${monthLabel(f.month)}防止返贫监测月报`;
}

export async function buildMonthlyReport(ctx: HandlerContext, reportId: string): Promise<BuiltDocument> {
  const r = await storedReport(ctx, reportId);
  const f = r.figures;
  const data = { kind: 'report.monthly', id: r.id, sha256: r.sha256, filledBy: r.filledBy, madeAt: r.madeAt, figures: f as JsonValue };
  const body = html`<div class="doc-meta"><span>填报单位：${f.county}${f.township}人民政府</span><span>统计月份：${monthLabel(f.month)}（截至 ${chineseDate(f.asOf)}）</span></div>
${monthlyTables.map((t) => tableHtml(t, f))}
<p class="notes">说明：各项为月末（${chineseDate(f.asOf)}）数，按各记录的日期（线索、纳入、消除、否决日期，录入、迁出、销户日期）统计；户类别、监测类别与所属村按报送时的记录。</p>
<div class="sign-area">
<div class="sign-block"><div>填报人：${r.filledBy}</div><div style="margin-top:2mm">填报日期：${chineseDate(localDateTimeText(r.madeAt).slice(0, 10))}</div></div>
<div class="sign-block"><div>审核人（签字）：<span class="sign-line"></span></div><div style="margin-top:2mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>
<div class="sign-block" style="text-align:center"><div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div><div>${f.township}人民政府（盖章）</div></div>
</div>`;
  return { kind: 'report.monthly', title: monthlyTitle(f), recordRef: r.id, recordCode: f.month, data, body };
}

export const reportBuilders: Record<ReportKind, DocumentBuilder> = {
  'report.monthly': { build: (ctx, ref) => buildMonthlyReport(ctx, ref) },
};
