import { measureUpdateSchema } from '../../../../../shared/contract/measures';
import { importKindLabels, type ActivityKind } from '../../../../../shared/domain/importFields';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import type { JobControl } from '../../../jobs';
import { ensureMeasureCatalog } from '../../measures/catalog';
import { createInTx as createMeasureInTx, updateInTx as updateMeasureInTx } from '../../measures/plan';
import { ensureVisitSchedules } from '../../../derived/visitSchedule';
import { createInTx as createVisitInTx } from '../../visits/service';
import { refusedAll } from './apply';
import { writeErrorWorkbook } from './errorWorkbook';
import { cellRenderer, type Db } from './planCommon';
import { planMeasures, type MeasureOperations } from './kinds/measures/plan';
import { planVisits, type VisitOperations } from './kinds/visits/plan';
import type { ImportApplyResult, ImportCounts, ImportMode, InvalidRow, ParsedActivity } from './types';

// The office's activity ledgers (帮扶措施台账, 走访记录): planned against the ledger like the other
// kinds, and written in one transaction through the measures and visits services' own write
// functions (createInTx / updateInTx), so an imported measure or visit meets the rules, the audit
// and the visit schedule exactly as one entered in the form.

export interface ActivityPlan {
  parsed: ParsedActivity;
  counts: ImportCounts;
  conflicts: InvalidRow[];
  operations: MeasureOperations | VisitOperations | null;
}

export function isActivityKind(kind: string): kind is ActivityKind {
  return kind === 'measures' || kind === 'visits';
}

/** 责任单位 for a measure row that names none: the township's government. */
async function defaultUnit(db: Db): Promise<string> {
  const office = await db.selectFrom('office').select('township_name').executeTakeFirst();
  const name = office?.township_name ?? '';
  if (name === '') return '乡镇人民政府';
  return name.endsWith('政府') ? name : `${name}人民政府`;
}

async function planWith(db: Db, parsed: ParsedActivity): Promise<ActivityPlan> {
  const cells = cellRenderer(parsed);
  const result = parsed.kind === 'measures' ? await planMeasures(db, parsed.records, cells, await defaultUnit(db)) : await planVisits(db, parsed.records, cells);
  const conflicts = result.conflicts.sort((a, b) => a.line - b.line);
  return { parsed, counts: { ...result.counts, invalid: parsed.invalid.length + conflicts.length }, conflicts, operations: result.operations };
}

/** What importing the ledger would do, read-only (the preview). */
export async function planActivity(ctx: HandlerContext, parsed: ParsedActivity, control: JobControl): Promise<ActivityPlan> {
  if (parsed.kind === 'measures') await ensureMeasureCatalog(ctx);
  control.report(0, 1, '正在与台账比对…');
  const plan = await planWith(ctx.db, parsed);
  control.report(1, 1, '比对完成');
  return plan;
}

export async function applyActivity(ctx: HandlerContext, plan: ActivityPlan, mode: ImportMode, control: JobControl): Promise<ImportApplyResult> {
  const parsed = plan.parsed;
  if (mode === 'allOrNothing' && plan.counts.invalid > 0) throw refusedAll(plan.counts.invalid);
  if (parsed.kind === 'measures') await ensureMeasureCatalog(ctx);
  else await ensureVisitSchedules(ctx);
  control.throwIfCancelled();
  const fresh = await ctx.mutate(async (tx, audit) => {
    // Planned again against the ledger as it is now (it may have changed since the preview).
    const p = await planWith(tx, parsed);
    if (mode === 'allOrNothing' && p.counts.invalid > 0) throw refusedAll(p.counts.invalid);
    const ops = p.operations;
    if (!ops) throw new AppError('INTERNAL', '导入计划为空，请重新预览');
    const total = ops.inserts.length + ops.updates.length;
    let done = 0;
    const step = () => {
      done += 1;
      if (done % 50 === 0) control.throwIfCancelled();
      control.report(done, total, `正在写入…（${done}/${total}）`);
    };
    if (ops.kind === 'measures') {
      for (const op of ops.inserts) {
        const id = await createMeasureInTx(ctx, tx, audit, op.create);
        if (op.doneDate !== null) {
          const { version } = await tx.selectFrom('measures').select('version').where('id', '=', id).executeTakeFirstOrThrow();
          await updateMeasureInTx(ctx, tx, audit, measureUpdateSchema.parse({ id, version, status: 'done', doneDate: op.doneDate }));
        }
        step();
      }
      for (const op of ops.updates) {
        const input = { id: op.measureId, version: op.version, status: 'done', doneDate: op.doneDate, ...(op.amountFen !== null ? { amountFen: op.amountFen } : {}) };
        await updateMeasureInTx(ctx, tx, audit, measureUpdateSchema.parse(input));
        step();
      }
    } else {
      for (const op of ops.inserts) {
        await createVisitInTx(ctx, tx, audit, op.create);
        step();
      }
    }
    const { what, unit } = { measures: { what: '帮扶措施', unit: '条' }, visits: { what: '走访记录', unit: '次' } }[parsed.kind];
    await audit.record({
      entity: 'import',
      entityId: parsed.sha256,
      summary:
        `导入${importKindLabels[parsed.kind]}（文件 ${parsed.fileName}，SHA-256 ${parsed.sha256.slice(0, 12)}…）：新增${what} ${p.counts.new} ${unit}` +
        (parsed.kind === 'measures' ? ` / 标记已落实 ${p.counts.changed} 条` : '') +
        ` / 无变化 ${p.counts.unchanged} ${unit} / 有误 ${p.counts.invalid} 行${p.counts.invalid > 0 ? '（有误的行未导入，已生成错误清单）' : ''}`,
      before: null,
      after: { kind: parsed.kind, fileName: parsed.fileName, sha256: parsed.sha256, mode, rows: parsed.rowCount, ...p.counts, applied: total },
    });
    return { ...p, applied: total };
  });
  const notApplied = [...parsed.invalid, ...fresh.conflicts];
  const errorWorkbookPath = notApplied.length > 0 ? await writeErrorWorkbook(ctx.dataDir, parsed, notApplied) : null;
  return { counts: { ...fresh.counts, applied: fresh.applied }, errorWorkbookPath };
}
