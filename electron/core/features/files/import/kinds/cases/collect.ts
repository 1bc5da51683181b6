import { importCaseRowSchema } from '../../../../../../../shared/contract/fileImport';
import { cellText } from '../../../../../../../shared/domain/importClean';
import { importFields, mapCategory, mapEliminationMethod, mapRisks } from '../../../../../../../shared/domain/importFields';
import type { ImportedCase } from '../../types';
import {
  Problems,
  addIssues,
  readChoice,
  readCode,
  readDate,
  readYesNo,
  setIf,
  keyedCollector,
  type Collector,
  type CollectorContext,
} from '../../collect';

// The monitoring part of the parse: one record per household and date identified.

const caseFieldKeys = importFields.cases.map((f) => f.key);

export function casesCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  return keyedCollector<ImportedCase>(
    ctx,
    problems,
    (row) => {
      const code = readCode(row, 'householdCode', problems, '户编号');
      // A national export lists every household; one with no monitoring category and no
      // identification date is no monitoring object (不适用), not an error.
      if (ctx.national && row.text('category') === '' && row.text('identifiedDate') === '') return problems.has(row.line) ? null : { skip: code };
      const input: Record<string, unknown> = { householdCode: code };
      setIf(input, 'category', readChoice(row, 'category', mapCategory, problems));
      const riskText = row
        .values('risks')
        .map(cellText)
        .filter((t) => t !== '')
        .join('、');
      const { risks, unknown } = mapRisks(riskText);
      if (unknown.length > 0) problems.add(row.line, 'risks', `“${unknown.join('、')}”无法识别，可填代码（01 因病、03 因残、09 因学…）或名称（因病、因残、因学、因自然灾害、因意外事故…）`);
      input.risks = risks;
      const identified = readDate(row, 'identifiedDate', problems);
      if (identified !== null) input.identifiedDate = identified;
      const eliminatedDate = readDate(row, 'eliminatedDate', problems);
      input.eliminatedDate = eliminatedDate;
      const eliminated = readYesNo(row, 'eliminated', problems);
      input.eliminated = eliminated ?? eliminatedDate !== null;
      setIf(input, 'eliminationMethod', readChoice(row, 'eliminationMethod', mapEliminationMethod, problems));
      if (row.has('helperName')) input.helperName = row.text('helperName');
      const key = `${code}|${identified ?? ''}`;
      if (problems.has(row.line)) return { key, value: null };
      const parsed = importCaseRowSchema.safeParse(input);
      if (!parsed.success) {
        addIssues(parsed.error.issues, problems, (path) => ({ line: row.line, field: String(path[0] ?? '') }));
        return { key, value: null };
      }
      const c = parsed.data;
      if (c.identifiedDate > ctx.today) problems.add(row.line, 'identifiedDate', '风险识别时间晚于今天，请核对');
      if (c.eliminatedDate !== null && c.eliminatedDate > ctx.today) problems.add(row.line, 'eliminatedDate', '风险消除时间晚于今天，请核对');
      return {
        key,
        value: {
          lines: [row.line],
          householdCode: c.householdCode,
          category: c.category,
          risks: c.risks,
          identifiedDate: c.identifiedDate,
          eliminated: c.eliminated,
          eliminatedDate: c.eliminatedDate,
          eliminationMethod: c.eliminated ? c.eliminationMethod : null,
          helperName: c.helperName,
        },
      };
    },
    caseFieldKeys,
    (first) => `户编号和风险识别时间与第 ${first} 行相同，但监测信息不同：同一户的一次监测只能有一种填法，请核对`,
    (records) => ({ kind: 'cases', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
    true,
  );
}
