import { cleanHeader } from '../../../../../../../shared/domain/importClean';
import { importFields } from '../../../../../../../shared/domain/importFields';
import type { VisitKind } from '../../../../../../../shared/domain/monitoring';
import type { ImportedVisit } from '../../types';
import { Problems, keyedCollector, readDate, type Collector, type CollectorContext } from '../../collect';
import { readHouseholdRef, readText, refKey } from '../activityRef';

// 走访记录: one record per row (household, date, visitors). 走访类型 is read by its label; a
// 走访方式 the program has no type for (电话走访, 入户) is a routine visit, and the way it was made
// stays in the findings so nothing the clerk wrote is lost.

const visitFieldKeys = importFields.visits.map((f) => f.key);

const kindByLabel: ReadonlyMap<string, VisitKind> = new Map(
  (
    [
      ['日常走访', 'routine'],
      ['日常', 'routine'],
      ['走访', 'routine'],
      ['回访', 'return'],
      ['集中排查', 'screening'],
      ['排查', 'screening'],
      ['帮扶成效评估', 'evaluation'],
      ['成效评估', 'evaluation'],
      ['评估', 'evaluation'],
    ] as const
  ).map(([label, kind]) => [cleanHeader(label), kind]),
);

/** The visitors of a cell ("张三、李四"). */
export function splitVisitors(text: string): string[] {
  return text
    .split(/[、，,；;／/\s]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function visitsCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  return keyedCollector<ImportedVisit>(
    ctx,
    problems,
    (row) => {
      const ref = readHouseholdRef(row, problems);
      const visitDate = readDate(row, 'visitDate', problems);
      if (visitDate === null && !problems.has(row.line, 'visitDate')) problems.add(row.line, 'visitDate', '请填写走访日期');
      if (visitDate !== null && visitDate > ctx.today) problems.add(row.line, 'visitDate', `走访日期不能晚于今天（${ctx.today}）`);
      const visitors = splitVisitors(row.text('visitors'));
      if (visitors.length === 0) problems.add(row.line, 'visitors', '请至少填写一名走访人');
      else if (visitors.length > 10) problems.add(row.line, 'visitors', '走访人最多 10 名');
      else if (visitors.some((v) => v.length > 20)) problems.add(row.line, 'visitors', '每名走访人不能超过 20 个字，多名走访人请用“、”隔开');
      const kindText = row.has('visitKind') ? row.text('visitKind').trim() : '';
      const kind = kindByLabel.get(cleanHeader(kindText)) ?? 'routine';
      const way = kindText !== '' && !kindByLabel.has(cleanHeader(kindText)) ? `（走访方式：${kindText}）` : '';
      const findingsText = readText(row, 'findings', '走访情况', 1000, problems);
      const note = readText(row, 'note', '备注', 200, problems);
      if (findingsText === null && !problems.has(row.line, 'findings')) problems.add(row.line, 'findings', '请填写走访情况');
      const findings = `${findingsText ?? ''}${way}${note === null ? '' : `（备注：${note}）`}`;
      if (findings.length > 1000) problems.add(row.line, 'findings', '走访情况（连同走访方式和备注）不能超过 1000 个字');
      const key = `${ref ? refKey(ref) : `行${row.line}`}|${visitDate ?? ''}|${[...visitors].sort().join('、')}`;
      if (!ref || problems.has(row.line) || visitDate === null) return { key, value: null };
      return { key, value: { lines: [row.line], ...ref, visitDate, visitors, kind, findings } };
    },
    visitFieldKeys,
    (first) => `与第 ${first} 行是同一户、同一天、同样的走访人，但内容不同，请核对后只保留一行`,
    (records) => ({ kind: 'visits', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
  );
}
