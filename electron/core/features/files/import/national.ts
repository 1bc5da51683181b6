import type { ImportPart, ImportPreview } from '../../../../../shared/contract/fileImport';
import { fieldLabel, type ImportKind } from '../../../../../shared/domain/importFields';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import type { JobControl } from '../../../jobs';
import { newWriter, recordSummary, refusedAll, writePlan } from './apply';
import { planAndWriteHouseholds } from './kinds/households/chunked';
import { progress } from './write';
import { writeErrorWorkbook } from './errorWorkbook';
import { collectGarbage } from '../../../memory';
import type { NationalParsed, ParsedFile } from './parse';
import { planWith, plannedHouseholdOf, type HouseholdOperations, type PendingHouseholds, type PlannedHousehold, type TypedPlan } from './plan';
import type { ImportApplyResult, ImportMode, InvalidRow } from './types';
import type { RefreshDecision } from '../../../../../shared/contract/importRefresh';
import { applyDecisions } from './refresh/decide';
import { importJobs, jobsWanted } from './national/jobsWrite';
import { boundTo } from '../../../transaction';

// The national system's person-level export in one pick (issue 11): the file is read once (parse.ts
// reads each part it carries), and each part is planned and written by the single kind's own
// planner and writer — households first, then the year's incomes and the monitoring cases, which
// find the households the same file creates. One preview, one transaction.

export interface NationalPlan {
  parsed: NationalParsed;
  parts: TypedPlan[];
  /** Set once apply has begun letting go of the records: the preview cannot be applied again. */
  spent?: boolean;
}

const partLabels: Record<ImportKind, string> = { households: '户籍', incomes: '收入', cases: '监测' };

/** The households part's new households, as the incomes and cases planners will find them once written. */
function pendingOf(plan: TypedPlan): PendingHouseholds {
  const pending = new Map<string, PlannedHousehold>();
  const ops = plan.operations as HouseholdOperations;
  for (const op of ops.inserts) pending.set(op.household.householdCode, plannedHouseholdOf(`new:${op.household.householdCode}`, op));
  return pending;
}

export async function planNational(ctx: HandlerContext, parsed: NationalParsed, control: JobControl | null): Promise<NationalPlan> {
  const today = ctx.today();
  const [households, ...others] = parsed.parts;
  if (!households || households.kind !== 'households') throw new AppError('INTERNAL', '名单中没有户籍部分，请重新选择文件');
  const waiting = new Map(parsed.waitingCodes.map((code) => [code, { id: `new:${code}`, household_code: code, status: 'active', deleted_at: null, member_count: 1, kind: 'povertyExited', helper_name: null, helper_phone: null } satisfies PlannedHousehold]));
  const first = await planWith(ctx.db, today, households, control, waiting, true);
  const pending = new Map(pendingOf(first));
  // Households waiting for the clerk's village/group mapping: their incomes and cases are counted
  // as they will be once mapped, rather than refused as unknown households.
  for (const [code, h] of waiting) if (!pending.has(code)) pending.set(code, h);
  const parts = [first];
  for (const part of others) parts.push(await planWith(ctx.db, today, part, control, pending));
  return { parsed, parts };
}

/** Every refused row of every part, one entry per line and reason, by line. */
function problemsOf(plan: NationalPlan, conflictsOf: (p: TypedPlan) => InvalidRow[] = (p) => p.conflicts): InvalidRow[] {
  const seen = new Set<string>();
  const out: InvalidRow[] = [];
  for (const p of plan.parts) {
    for (const r of [...p.parsed.invalid, ...conflictsOf(p)]) {
      const key = `${r.line}|${r.reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

function invalidLines(rows: readonly InvalidRow[]): number {
  return new Set(rows.map((r) => r.line)).size;
}

function missingOf(plan: NationalPlan): string[] {
  const missing = plan.parts.flatMap((p) => p.parsed.missingRequired.map((m) => `${partLabels[p.parsed.kind]}：${m}`));
  const places = plan.parsed.unknownPlaces;
  if (places.length > 0) {
    const names = places.map((p) => (p.group === null ? p.village : `${p.village}${p.group}`));
    missing.push(`村/组对应：文件中的 ${names.join('、')} 本乡镇没有，请在预览中指定对应的村/组（或由管理员在“设置”中添加）后重新预览`);
  }
  return missing;
}

export function nationalPreviewResult(previewId: string, plan: NationalPlan, shownInvalid: number): ImportPreview {
  const parsed = plan.parsed;
  const problems = problemsOf(plan);
  const parts: ImportPart[] = plan.parts.map((p) => ({
    part: p.parsed.kind,
    new: p.counts.new,
    changed: p.counts.changed,
    unchanged: p.counts.unchanged,
    invalid: invalidLines([...p.parsed.invalid, ...p.conflicts]),
    notApplicable: p.parsed.notApplicable ?? 0,
  }));
  const sum = (k: 'new' | 'changed' | 'unchanged') => parts.reduce((n, p) => n + p[k], 0);
  return {
    previewId,
    kind: 'national',
    parts,
    incomeYear: parsed.incomeYear,
    duplicateRows: parsed.duplicateRows,
    unknownPlaces: parsed.unknownPlaces,
    fileName: parsed.fileName,
    sha256: parsed.sha256,
    headerLine: parsed.headerLine,
    columns: parsed.columns.map((c, i) => {
      const [kind, field] = (c.field ?? '').split('.') as [ImportKind, string | undefined];
      return {
        index: parsed.columnInfo[i]?.index ?? i + 1,
        header: c.header,
        field: field ? `${partLabels[kind]}·${fieldLabel(kind, field)}` : null,
        samples: parsed.columnInfo[i]?.samples ?? [],
      };
    }),
    counts: { rows: parsed.rowCount, new: sum('new'), changed: sum('changed'), unchanged: sum('unchanged'), invalid: invalidLines(problems) },
    invalidRows: problems.slice(0, shownInvalid).map((p) => ({ line: p.line, reason: p.reason })),
    invalidTotal: problems.length,
    missingRequired: missingOf(plan),
    refresh: plan.parts[0]?.refresh ?? null,
  };
}

export function nationalMissing(plan: NationalPlan): string[] {
  return missingOf(plan);
}

/** Writes every part in one transaction, each planned again inside it against what the earlier parts wrote. */
export async function applyNational(
  ctx: HandlerContext,
  plan: NationalPlan,
  mode: ImportMode,
  control: JobControl,
  decisions: readonly RefreshDecision[] = [],
): Promise<ImportApplyResult & { parts: ImportPart[] }> {
  const missing = missingOf(plan);
  if (missing.length > 0) throw new AppError('RULE', `文件缺少必填列：${missing.join('、')}。请在列对应中指定这些列后再导入`);
  const before = invalidLines(problemsOf(plan));
  if (mode === 'allOrNothing' && before > 0) throw refusedAll(before);
  control.throwIfCancelled();
  const today = ctx.today();
  const w = await newWriter(ctx, control);
  const fresh = await ctx.mutate(async (tx, audit) => {
    const [households, ...others] = plan.parsed.parts;
    if (!households || households.kind !== 'households') throw new AppError('INTERNAL', '名单中没有户籍部分，请重新选择文件');
    // Progress counts the file's records of every part, whatever becomes of each.
    w.total = plan.parsed.parts.reduce((n, p) => n + p.records.length, 0);
    control.report(0, w.total, '正在写入…');
    const jobs = jobsWanted(households.records, today);
    // From here the records are let go of as they are written: the preview cannot be applied again.
    plan.spent = true;
    // Households first, a chunk at a time (kinds/households/chunked.ts); the incomes and cases of
    // the households this file creates are planned once those exist, so they get their real ids.
    const created = new Map<string, PlannedHousehold>();
    const first = await planAndWriteHouseholds(tx, w, today, households, true, created);
    const written: (TypedPlan & { applied: number })[] = [{ ...first, applied: first.counts.new + first.counts.changed }];
    // No collection here: the households' chunks were collected as they went (chunked.ts), and a full
    // collection of the preview's records costs 0.1-0.2 s each; one follows each part but the last.
    for (const [n, part] of others.entries()) {
      const p = await planWith(tx, today, part, null, undefined, false, created);
      part.records.length = 0;
      const applied = await writePlan(tx, w, p);
      progress(w, p.counts.unchanged + p.conflicts.length);
      written.push({ ...p, applied });
      // Writing cases moves households' kind (an ordinary household becomes a 监测户): from here the
      // households as written are no longer what the ledger holds, and later parts read them anew.
      if (part.kind === 'cases') created.clear();
      // What the last part held goes with the job's end; the summary, spells and decisions are small.
      if (n < others.length - 1) collectGarbage();
    }
    // Refusing the whole file undoes what was written above: it is all one transaction.
    const invalid = invalidLines(problemsOf({ parsed: plan.parsed, parts: written }));
    if (mode === 'allOrNothing' && invalid > 0) throw refusedAll(invalid);
    for (const p of written) await recordSummary(audit, p, mode, p.applied);
    // The export's 务工 columns as job spells, once the members exist (national/jobsWrite.ts).
    await importJobs(boundTo(ctx, tx, audit), tx, jobs, plan.parsed.incomeYear?.year ?? Number(today.slice(0, 4)));
    // The clerk's 减员 / 保留 for what the file no longer lists: in this same transaction.
    await applyDecisions(ctx, tx, audit, first.refresh, decisions, plan.parsed.fileName);
    return written;
  });
  const freshPlan = { parsed: plan.parsed, parts: fresh };
  const notApplied = problemsOf(freshPlan);
  const first: ParsedFile = plan.parsed.parts[0]!;
  const errorWorkbookPath = notApplied.length > 0 ? await writeErrorWorkbook(ctx.dataDir, first, notApplied) : null;
  const parts: ImportPart[] = fresh.map((p) => ({
    part: p.parsed.kind,
    new: p.counts.new,
    changed: p.counts.changed,
    unchanged: p.counts.unchanged,
    invalid: invalidLines([...p.parsed.invalid, ...p.conflicts]),
    notApplicable: p.parsed.notApplicable ?? 0,
  }));
  const applied = fresh.reduce((n, p) => n + p.applied, 0);
  const sum = (k: 'new' | 'changed' | 'unchanged') => parts.reduce((n, p) => n + p[k], 0);
  return {
    counts: { new: sum('new'), changed: sum('changed'), unchanged: sum('unchanged'), invalid: invalidLines(notApplied), applied },
    errorWorkbookPath,
    parts,
  };
}
