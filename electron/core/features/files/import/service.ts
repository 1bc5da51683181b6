import { basename, dirname } from 'node:path';
import type { z } from 'zod';
import type { ImportPreview, importApplyResultSchema, importPreviewInputSchema } from '../../../../../shared/contract/fileImport';
import type { JobStarted } from '../../../../../shared/contract/jobs';
import { importSourceLabels } from '../../../../../shared/domain/importFields';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import { findStored, storedFile } from '../../../files/store';
import { listVillages } from '../../settings/repository';
import { applyActivity, isActivityKind, planActivity, type ActivityPlan } from './activity';
import { applyImport } from './apply';
import { applyLoanSheet, planLoanSheet, type LoanPlan } from './loans';
import { applyNational, nationalMissing, nationalPreviewResult, planNational } from './national';
import { planImport } from './plan';
import { getPreset } from './presets';
import { dropPreview, findPreview, keepPreview } from './previewStore';
import { parseInWorker } from './runInWorker';
import { collectGarbage } from '../../../memory';
import type { ParsedSheetFile } from './parse';
import type { ImportMode, ImportPlan } from './types';
import type { RefreshDecision } from '../../../../../shared/contract/importRefresh';
import { checkDecisions } from './refresh/decide';
import { importCacheKib, withPageCache } from '../../../db/pageCache';
import { catchUpSearchKeysSoon, searchCatchUpKind } from '../../search/catchUp';

// files.importPreview / files.importApply: each starts a job. The preview parses and validates in a
// worker thread and plans against the database without writing; only apply opens a transaction.

/** How many problems the preview sends to the window (the error workbook has all of them). */
const shownInvalid = 1000;

export async function startPreview(ctx: HandlerContext, input: z.output<typeof importPreviewInputSchema>): Promise<JobStarted> {
  ctx.requireUser();
  const file = storedFile(ctx.dataDir, 'staging', input.fileId);
  let mapping: Record<string, string | null> = {};
  // The preset's village/group mapping first; what the clerk maps in this preview wins over it.
  let places: Record<string, string> = {};
  if (input.presetId) {
    const preset = await getPreset(ctx.db, input.presetId);
    if (!preset || preset.kind !== input.kind) throw new AppError('NOT_FOUND', `找不到这个导入预设（${importSourceLabels[input.kind]}），请重新选择`);
    mapping = { ...preset.mapping };
    places = { ...preset.places };
  }
  places = { ...places, ...(input.places ?? {}) };
  mapping = { ...mapping, ...(input.mapping ?? {}) };
  const villages = await listVillages(ctx.db);
  const today = ctx.today();
  const kind = input.kind;
  const jobId = ctx.jobs.start('files.importPreview', async (control): Promise<ImportPreview> => {
    control.report(0, 0, '正在读取文件…');
    const parsed = await parseInWorker(
      { path: file.path, fileName: file.fileName, kind, mapping, villages, today, ...(input.incomeYear !== undefined ? { incomeYear: input.incomeYear } : {}), ...(Object.keys(places).length > 0 ? { places } : {}) },
      (done, total, message) => control.report(done, total, message),
      control.signal,
    );
    control.throwIfCancelled();
    control.report(0, 0, '正在与台账比对…');
    if (parsed.kind === 'national') {
      const national = await planNational(ctx, parsed, control);
      control.throwIfCancelled();
      // The planned operations go now; the preview keeps the records (see memory.ts).
      collectGarbage();
      return { ...nationalPreviewResult(keepPreview(ctx.session.key, kind, national), national, shownInvalid), sheetProblem: parsed.sheetProblem };
    }
    if (parsed.kind === 'loans') {
      const loans = await planLoanSheet(ctx, parsed, control);
      control.throwIfCancelled();
      return previewResult(keepPreview(ctx.session.key, kind, loans), parsed, loans);
    }
    if (parsed.kind === 'measures' || parsed.kind === 'visits') {
      const activity = await planActivity(ctx, parsed, control);
      control.throwIfCancelled();
      return previewResult(keepPreview(ctx.session.key, kind, activity), parsed, activity);
    }
    const plan = await planImport(ctx, parsed, control);
    control.throwIfCancelled();
    const previewId = keepPreview(ctx.session.key, kind, plan);
    return previewResult(previewId, parsed, plan);
  });
  return { jobId };
}

export function previewResult(
  previewId: string,
  parsed: ParsedSheetFile,
  plan: Pick<ImportPlan | ActivityPlan, 'counts' | 'conflicts'> & { refresh?: ImportPlan['refresh']; warnings?: LoanPlan['warnings'] },
): ImportPreview {
  const problems = [...parsed.invalid, ...plan.conflicts].sort((a, b) => a.line - b.line);
  return {
    previewId,
    kind: parsed.kind,
    parts: [],
    incomeYear: null,
    duplicateRows: parsed.duplicateRows,
    unknownPlaces: [],
    fileName: parsed.fileName,
    sha256: parsed.sha256,
    headerLine: parsed.headerLine,
    columns: parsed.columns.map((c, i) => ({
      index: parsed.columnInfo[i]?.index ?? i + 1,
      header: c.header,
      field: c.field,
      samples: parsed.columnInfo[i]?.samples ?? [],
    })),
    counts: { rows: parsed.rowCount, ...plan.counts },
    invalidRows: problems.slice(0, shownInvalid).map((p) => ({ line: p.line, reason: p.reason })),
    invalidTotal: problems.length,
    missingRequired: parsed.missingRequired,
    refresh: plan.refresh ?? null,
    sheetProblem: parsed.sheetProblem ?? null,
    warnings: (plan.warnings ?? []).slice(0, shownInvalid).map((w) => ({ line: w.line, reason: w.reason })),
  };
}

export function startApply(ctx: HandlerContext, previewId: string, mode: ImportMode, decisions: readonly RefreshDecision[] = []): JobStarted {
  ctx.requireUser();
  const preview = findPreview(previewId, ctx.session.key);
  const stored = preview.plan;
  // Every 文件中已无 row decided before the job starts (apply checks again against the ledger as it is then).
  checkDecisions('parts' in stored ? stored.parts[0]?.refresh : 'refresh' in stored ? stored.refresh : undefined, decisions);
  const sheetProblem = stored.parsed.sheetProblem ?? null;
  if (sheetProblem !== null) throw new AppError('RULE', sheetProblem);
  const missing = 'parts' in stored ? nationalMissing(stored) : stored.parsed.missingRequired;
  if (missing.length > 0) {
    throw new AppError('RULE', `还有必填项没有对应的列：${missing.join('、')}。请在列对应表中指定后重新预览，再导入`);
  }
  if (preview.applying) throw new AppError('CONFLICT', '这次预览正在导入，请等它完成');
  preview.applying = true;
  const jobId = ctx.jobs.start('files.importApply', async (control): Promise<z.output<typeof importApplyResultSchema>> => {
    try {
      // A smaller page cache while the import writes: its peak memory has a budget (pageCache.ts).
      const result = await withPageCache(ctx.db, importCacheKib, async () =>
        'parts' in stored
          ? await applyNational(ctx, stored, mode, control, decisions)
          : isLoanPlan(stored)
            ? { ...(await applyLoanSheet(ctx, stored, mode, control)), parts: [] }
            : isActivityPlan(stored)
              ? { ...(await applyActivity(ctx, stored, mode, control)), parts: [] }
              : { ...(await applyImport(ctx, stored, mode, control, decisions)), parts: [] },
      );
      dropPreview(previewId);
      // Committed: the search keys of what it wrote follow, in the background when many (search/catchUp.ts).
      // Should that fail, the import still stands: its households stay noted, the search says so,
      // and the next start builds their keys.
      await catchUpSearchKeysSoon(ctx.db, (run) => ctx.jobs.start(searchCatchUpKind, run)).catch(() => null);
      return { counts: result.counts, parts: result.parts, errorWorkbook: result.errorWorkbookPath ? outboxRef(ctx.dataDir, result.errorWorkbookPath) : null };
    } finally {
      preview.applying = false;
      // A failed apply that had begun letting go of the records cannot run again: preview anew.
      if ('spent' in stored && stored.spent) dropPreview(previewId);
    }
  });
  return { jobId };
}

function isActivityPlan(plan: ImportPlan | ActivityPlan): plan is ActivityPlan {
  return isActivityKind(plan.parsed.kind);
}

function isLoanPlan(plan: ImportPlan | ActivityPlan | LoanPlan): plan is LoanPlan {
  return plan.parsed.kind === 'loans';
}

/** The StoredFile of a file the apply half wrote at outbox/<fileId>/<name>. */
function outboxRef(dataDir: string, path: string): { fileId: string; fileName: string; size: number } {
  const found = findStored(dataDir, 'outbox', basename(dirname(path)));
  if (!found) throw new AppError('INTERNAL', '错误清单没有生成成功，请重试');
  return { fileId: found.fileId, fileName: found.fileName, size: found.size };
}
