import type { Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { thresholdFieldLabels, thresholdsProblems, type ThresholdYear } from '../../../../shared/contract/thresholds';
import { formatYuan } from '../../../../shared/domain/income';
import { deadlineUnitLabels, suggestedThresholds, thresholdsInForce, type Thresholds } from '../../../../shared/domain/thresholds';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { refreshOpenCaseDates } from '../monitoring/dates';
import { toThresholds } from '../../derived/thresholds';
import { refreshAllVisitSchedules } from '../../derived/visitSchedule';
import * as repo from './repository';

type Tx = Transaction<DB>;
type Row = Awaited<ReturnType<typeof repo.listThresholdYears>>[number];

function toThresholdYear(r: Row): ThresholdYear {
  return { ...toThresholds(r), id: r.id, version: r.version, updatedAt: r.updated_at, updatedByName: r.updated_by_name };
}

export async function list(ctx: HandlerContext): Promise<OutputOf<'thresholds.list'>> {
  const rows = await repo.listThresholdYears(ctx.db);
  const saved = rows.map(toThresholdYear);
  const today = ctx.today();
  const plain = rows.map((r) => toThresholds(r));
  return { today, saved, inForce: thresholdsInForce(plain, today), suggested: suggestedThresholds(Number(today.slice(0, 4))) };
}

/** How one value reads in the audit summary. */
function show(key: keyof Thresholds, t: Thresholds): string {
  switch (key) {
    case 'monitoringLineFen':
    case 'eliminationFloorFen':
      return `${formatYuan(t[key])} 元`;
    case 'identificationDeadlineUnit':
      return deadlineUnitLabels[t[key]];
    case 'holidays':
    case 'makeupWorkdays':
      return t[key].length === 0 ? '无' : `${t[key].length} 天`;
    default:
      return String(t[key]);
  }
}

/**
 * Everything computed from the thresholds is brought in line in the same transaction: open cases'
 * deadlines and plan due dates (monitoring) and households' next visit dates (visits).
 */
async function refreshDependents(tx: Tx, ctx: HandlerContext): Promise<void> {
  await refreshOpenCaseDates(tx, ctx);
  await refreshAllVisitSchedules(tx, ctx);
}

export async function save(ctx: HandlerContext, input: ParsedInputOf<'thresholds.save'>): Promise<OutputOf<'thresholds.save'>> {
  const thisYear = Number(ctx.today().slice(0, 4));
  if (input.year > thisYear + 1) {
    const msg = `只能录入今年（${thisYear} 年）或明年的参数；${input.year} 年的参数请到时再录入`;
    throw new AppError('INVALID_INPUT', msg, { year: msg });
  }
  const problems = thresholdsProblems(input);
  const first = Object.values(problems)[0];
  if (first !== undefined) throw new AppError('INVALID_INPUT', first, problems);

  const { version, ...values } = input;
  const next: Thresholds = values;
  const columns = repo.thresholdColumns(next);
  return ctx.mutate(async (tx, audit) => {
    const existing = await repo.findThresholdYear(tx, input.year);
    const keys = Object.keys(thresholdFieldLabels) as (keyof Thresholds)[];
    let id: string;
    if (existing) {
      const before = toThresholds(existing);
      const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
      // Two admins editing one year: the second is refused unless saving changes nothing.
      if (changed.length > 0) {
        await refuseStaleSave(tx, existing, version, ctx.clock.now(), changed.map((k) => ({ path: k, label: thresholdFieldLabels[k] })));
      }
      id = existing.id;
      if (changed.length > 0) {
        await repo.updateThresholdYear(tx, existing.id, { ...columns, ...touched(ctx) });
        const notes = changed.map((k) => `${thresholdFieldLabels[k]} ${show(k, before)} → ${show(k, next)}`);
        await audit.record({
          entity: 'thresholdYear',
          entityId: existing.id,
          summary: `修改 ${input.year} 年监测参数：${notes.join('，')}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
        await refreshDependents(tx, ctx);
      }
    } else {
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await repo.insertThresholdYear(tx, { ...meta, ...columns });
      await audit.record({
        entity: 'thresholdYear',
        entityId: meta.id,
        summary: `录入 ${input.year} 年监测参数：监测范围 ${show('monitoringLineFen', next)}，消除底线 ${show('eliminationFloorFen', next)}，公示 ${next.noticeDays} 天，识别时限 ${next.identificationDeadlineDays} 个${deadlineUnitLabels[next.identificationDeadlineUnit]}`,
        before: null,
        after: next as unknown as Record<string, unknown>,
      });
      await refreshDependents(tx, ctx);
    }
    const row = (await repo.listThresholdYears(tx)).find((r) => r.id === id);
    return toThresholdYear(row!);
  });
}
