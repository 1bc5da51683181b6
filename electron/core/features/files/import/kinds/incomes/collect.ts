import { householdCodeField } from '../../../../../../../shared/contract/households';
import { incomeSaveSchema } from '../../../../../../../shared/contract/income';
import { cellText, parseDate, parseInteger } from '../../../../../../../shared/domain/importClean';
import { importFields, mapDeclineCause } from '../../../../../../../shared/domain/importFields';
import { incomeCategories } from '../../../../../../../shared/domain/income';
import { formatYuan } from '../../../../../../../shared/lib/money';
import type { ImportedIncome } from '../../types';
import { Problems, addIssues, readChoice, readCode, setIf, keyedCollector, readAmount, type Collector, type CollectorContext } from '../../collect';

// The incomes part of the parse: one record per household and year.

const incomeInputSchema = incomeSaveSchema.omit({ householdId: true });
const incomeFieldKeys = importFields.incomes.map((f) => f.key);

export function incomesCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  const mapped = new Set(ctx.columns.map((c) => c.field));
  const byCategory = incomeCategories.some((c) => mapped.has(c));
  return keyedCollector<ImportedIncome>(
    ctx,
    problems,
    (row) => {
      const code = readCode(row, 'householdCode', problems, '户编号');
      const codeCheck = householdCodeField.safeParse(code);
      if (!codeCheck.success) problems.add(row.line, 'householdCode', code === '' ? '户编号为空，请填写' : (codeCheck.error.issues[0]?.message ?? '户编号有误'));
      // A national export: a household without 人均纯收入 carries no income for the year (不适用).
      if (ctx.national && !row.has('netIncome') && !incomeCategories.some((c) => row.has(c)) && row.text('perCapita') === '') {
        return problems.has(row.line) ? null : { skip: codeCheck.success ? codeCheck.data : code };
      }
      const yearCell = row.value('year');
      let year = !row.has('year') && ctx.fixedYear !== null ? ctx.fixedYear : parseInteger(yearCell, '年');
      if (year === null && cellText(yearCell) !== '') {
        const d = parseDate(yearCell);
        if (d.ok) year = Number(d.date.slice(0, 4));
      }
      const input: Record<string, unknown> = {};
      let perCapitaFen: number | undefined;
      if (year === null) problems.add(row.line, 'year', cellText(yearCell) === '' ? '年度为空，请填写（如 2025）' : `“${cellText(yearCell)}”不是年度，请写成 2025 这样的四位年份`);
      else input.year = year;
      if (row.has('memberCount') && row.text('memberCount') !== '') {
        const n = parseInteger(row.value('memberCount'), '人');
        if (n === null) problems.add(row.line, 'memberCount', `“${row.text('memberCount')}”不是人数，请填整数`);
        else input.memberCount = n;
      }
      if (byCategory) {
        for (const c of incomeCategories) if (row.has(c)) setIf(input, c, readAmount(row, c, problems));
      } else {
        // Only a total: kept whole in 工资性收入 with a note, so 人均纯收入 comes out as the file says
        // (the categories cannot be recovered from a total).
        const memberCount = input.memberCount as number | undefined;
        let net: number | undefined;
        let note = '';
        if (row.has('netIncome') && row.text('netIncome') !== '') {
          net = readAmount(row, 'netIncome', problems);
          if (net !== undefined) note = `导入：家庭纯收入 ${formatYuan(net)} 元未分项，记入工资性收入`;
        } else if (ctx.national && row.has('perCapita') && row.text('perCapita') !== '') {
          // The national figure is kept as it is, per capita and undivided (incomes.source, 0013).
          perCapitaFen = readAmount(row, 'perCapita', problems);
        } else if (row.has('perCapita') && row.text('perCapita') !== '') {
          const per = readAmount(row, 'perCapita', problems);
          if (per !== undefined && memberCount !== undefined) {
            net = per * memberCount;
            note = `导入：人均纯收入 ${formatYuan(per)} 元 × ${memberCount} 人，未分项，记入工资性收入`;
          } else if (per !== undefined) problems.add(row.line, 'memberCount', '只有人均纯收入时需要填写人数');
        } else {
          problems.add(row.line, row.has('netIncome') ? 'netIncome' : 'perCapita', '为空，请填写收入金额');
        }
        if (net !== undefined) {
          if (net >= 0) input.wageFen = net;
          else input.businessCostFen = -net;
          input.note = note;
        }
      }
      setIf(input, 'declineCause', readChoice(row, 'declineCause', mapDeclineCause, problems));
      if (row.has('note') && row.text('note') !== '') input.note = input.note ? `${row.text('note')}；${String(input.note)}` : row.text('note');
      if (problems.has(row.line)) return { key: `${code}|${year}`, value: null };
      const parsed = incomeInputSchema.safeParse(input);
      if (!parsed.success) {
        addIssues(parsed.error.issues, problems, (path) => {
          const key = String(path[0] ?? '');
          const field = !byCategory && (incomeCategories as readonly string[]).includes(key) ? (mapped.has('netIncome') ? 'netIncome' : 'perCapita') : key;
          return { line: row.line, field };
        });
        return { key: `${code}|${year}`, value: null };
      }
      const income: ImportedIncome = { lines: [row.line], householdCode: codeCheck.data ?? code, income: parsed.data };
      if (perCapitaFen !== undefined) income.perCapitaFen = perCapitaFen;
      return { key: `${codeCheck.data ?? code}|${year}`, value: income };
    },
    incomeFieldKeys,
    (first) => `户编号和年度与第 ${first} 行相同，但金额不同：同一户同一年度只能有一行，请合并`,
    (records) => ({ kind: 'incomes', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
    true,
  );
}
