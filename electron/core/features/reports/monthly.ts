import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportResult } from '../../../../shared/contract/fileExport';
import type { MonthlyFigures, MonthlyReport } from '../../../../shared/contract/monthlyReport';
import type { PrintResult } from '../../../../shared/contract/print';
import type { LedgerColumn } from '../../../../shared/domain/ledgerLayouts';
import { monthLabel, monthlyTables } from '../../../../shared/domain/monthlyTables';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newOutboxFile } from '../../files/store';
import { newRowMeta } from '../../rows';
import { writeLedgerFile, type SheetPlan } from '../../files/export/ledgerFile';
import { fsyncDir, partialNameFor } from '../../files/export/sink';
import { canonicalJson, contentCode, contentHash } from '../print/hash';
import { printDocuments } from '../print/render';
import type { JsonValue } from '../print/types';
import { monthlyFigures } from './monthlyFacts';
import { buildMonthlyReport, monthlyTitle, storedReport } from './monthlyDocument';

// 月报: preview a month, make (store) it, list what was reported, and print or export a stored
// copy. Printing and exporting never recompute: they read the stored figures, hash-checked.

function requireMonthEnded(ctx: HandlerContext, month: string): void {
  if (`${month}-01` > ctx.today()) throw new AppError('RULE', `${monthLabel(month)}还没有开始，不能生成月报；请选择本月或以前的月份`);
}

export async function preview(ctx: HandlerContext, month: string): Promise<MonthlyFigures> {
  requireMonthEnded(ctx, month);
  return monthlyFigures(ctx.db, month);
}

function toReport(r: { id: string; month: string; filled_by_name: string; made_at: string; sha256: string }): MonthlyReport {
  return { id: r.id, month: r.month, filledBy: r.filled_by_name, madeAt: r.made_at, sha256: r.sha256, contentCode: contentCode(r.sha256) };
}

export async function make(ctx: HandlerContext, month: string): Promise<MonthlyReport> {
  const user = ctx.requireUser();
  requireMonthEnded(ctx, month);
  const figures = await monthlyFigures(ctx.db, month);
  const json = canonicalJson(figures as JsonValue);
  const sha256 = contentHash(figures as JsonValue);
  const meta = await newRowMeta(ctx);
  const row = { ...meta, month, figures_json: json, sha256, filled_by_name: user.displayName, made_at: ctx.nowIso() };
  await ctx.mutate(async (tx, audit) => {
    const before = await tx.selectFrom('monthly_reports').select(['id']).where('month', '=', month).where('deleted_at', 'is', null).execute();
    await tx.insertInto('monthly_reports').values(row).execute();
    const t = figures.total;
    await audit.record({
      entity: 'monthly_report',
      entityId: meta.id,
      summary: `生成${monthLabel(month)}月报（${before.length > 0 ? `第 ${before.length + 1} 次，` : ''}监测中 ${t.monitoring} 户、本月纳入 ${t.includedInMonth} 户、本月消除 ${t.eliminatedInMonth} 户，核验码 ${contentCode(sha256)}）`,
      after: { month, sha256, filledBy: user.displayName },
    });
  });
  return toReport(row);
}

export async function list(ctx: HandlerContext): Promise<{ reports: MonthlyReport[] }> {
  const rows = await ctx.db
    .selectFrom('monthly_reports')
    .select(['id', 'month', 'filled_by_name', 'made_at', 'sha256'])
    .where('deleted_at', 'is', null)
    .orderBy('month', 'desc')
    .orderBy('made_at', 'desc')
    .execute();
  return { reports: rows.map(toReport) };
}

export async function get(ctx: HandlerContext, id: string): Promise<{ report: MonthlyReport; figures: MonthlyFigures }> {
  const r = await storedReport(ctx, id);
  return { report: toReport({ id: r.id, month: r.month, filled_by_name: r.filledBy, made_at: r.madeAt, sha256: r.sha256 }), figures: r.figures };
}

export async function print(ctx: HandlerContext, id: string): Promise<PrintResult> {
  const doc = await buildMonthlyReport(ctx, id);
  return printDocuments(ctx, [doc], { fileName: `${doc.title}.html` });
}

function sheets(f: MonthlyFigures, filledBy: string): SheetPlan[] {
  return monthlyTables.map((t) => {
    const columns: LedgerColumn[] = [{ key: 'village', header: '村', width: 12, kind: 'text' }, ...t.columns.map((c) => ({ key: c.key, header: c.header, width: Math.max(8, c.header.length * 2 + 2), kind: 'int' as const }))];
    const rowOf = (village: string, row: MonthlyFigures['total']) => Object.fromEntries([['village', village], ...t.columns.map((c) => [c.key, c.value(row)])]) as Record<string, string | number>;
    return {
      name: t.title.replace(/^表.\s*|\u3000/g, '').slice(0, 31),
      columns,
      preamble: [`${monthlyTitle(f)}\u3000${t.title}`, `填报单位：${f.county}${f.township}人民政府\u3000统计截至 ${f.asOf}\u3000填报人：${filledBy}\u3000审核人：`],
      rows: [...f.villages.map((v) => rowOf(v.name, v.row)), rowOf('合计', f.total)],
    };
  });
}

export async function startExport(ctx: HandlerContext, id: string): Promise<{ jobId: string }> {
  await storedReport(ctx, id); // refuse a missing or altered copy before starting the job
  ctx.requireUser();
  const jobId = ctx.jobs.start('reports.monthlyExport', async (control) => {
    const r = await storedReport(ctx, id);
    const title = monthlyTitle(r.figures);
    const out = newOutboxFile(ctx.dataDir, `${title}.xlsx`);
    const partial = partialNameFor(out.path);
    let written;
    try {
      const page = { title, office: `${r.figures.county}${r.figures.township}`, date: r.figures.asOf };
      written = await writeLedgerFile(partial, out.fileName, 'xlsx', sheets(r.figures, r.filledBy), control, () => {}, page);
      renameSync(partial, out.path);
      fsyncDir(dirname(out.path));
    } catch (err) {
      rmSync(dirname(out.path), { recursive: true, force: true });
      throw err;
    }
    await ctx.mutate(async (_tx, audit) => {
      await audit.record({
        entity: 'monthly_report',
        entityId: r.id,
        summary: `导出${monthLabel(r.month)}月报（Excel，核验码 ${contentCode(r.sha256)}）`,
        after: { file: out.fileName, sha256: written.sha256 },
      });
    });
    const result: ExportResult = { file: { fileId: out.fileId, fileName: out.fileName, size: written.size }, rows: written.rows };
    return result;
  });
  return { jobId };
}
