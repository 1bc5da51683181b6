import type { ImportedMeasure } from '../../types';
import { Problems, keyedCollector, readAmount, readDate, type Collector, type CollectorContext } from '../../collect';
import { importFields } from '../../../../../../../shared/domain/importFields';
import { readHouseholdRef, readText, refKey } from '../activityRef';

// 帮扶措施台账: one record per row (household, measure type, planned date). The type is matched
// against the office's catalog when planned (the catalog is in the database, not in the worker).

const measureFieldKeys = importFields.measures.map((f) => f.key);

export function measuresCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  return keyedCollector<ImportedMeasure>(
    ctx,
    problems,
    (row) => {
      const ref = readHouseholdRef(row, problems);
      const typeText = row.text('measureType').trim();
      if (typeText === '') problems.add(row.line, 'measureType', '请填写措施类型（措施目录中的名称或代码）');
      const plannedDate = readDate(row, 'plannedDate', problems);
      if (plannedDate === null && !problems.has(row.line, 'plannedDate')) problems.add(row.line, 'plannedDate', '请填写计划日期');
      const doneDate = readDate(row, 'doneDate', problems);
      if (doneDate !== null && doneDate > ctx.today) problems.add(row.line, 'doneDate', `落实日期不能晚于今天（${ctx.today}）`);
      const amountFen = row.has('amount') ? readAmount(row, 'amount', problems) : undefined;
      const responsibleUnit = readText(row, 'responsibleUnit', '责任单位', 50, problems);
      const helperName = readText(row, 'helperName', '帮扶责任人', 20, problems);
      const note = readText(row, 'note', '备注', 200, problems);
      const key = `${ref ? refKey(ref) : `行${row.line}`}|${typeText}|${plannedDate ?? ''}`;
      if (!ref || problems.has(row.line) || plannedDate === null) return { key, value: null };
      return {
        key,
        value: { lines: [row.line], ...ref, typeText, plannedDate, doneDate, amountFen: amountFen ?? null, responsibleUnit, helperName, note },
      };
    },
    measureFieldKeys,
    (first) => `与第 ${first} 行是同一户、同一措施、同一计划日期，但其他内容不同，请核对后只保留一行`,
    (records) => ({ kind: 'measures', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
  );
}
