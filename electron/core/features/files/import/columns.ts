import { cellText, cleanHeader, parseDate, type CellValue } from '../../../../../shared/domain/importClean';
import { fieldDef, importFields, autoField, type SheetKind } from '../../../../../shared/domain/importFields';
import { incomeCategories } from '../../../../../shared/domain/income';
import type { SheetRow } from './read';

// Columns and lines of the file: which header reads which field, which line is a sum, the year in the title.

export interface Column {
  index: number;
  header: string;
  field: string | null;
}

/** Resolves each header to a field: the clerk's mapping first, then the known header names. */
export function resolveColumns(kind: SheetKind, headers: { index: number; header: string }[], mapping?: Record<string, string | null> | null): Column[] {
  const overrides = new Map<string, string | null>();
  for (const [header, field] of Object.entries(mapping ?? {})) {
    overrides.set(cleanHeader(header), field !== null && fieldDef(kind, field) ? field : null);
  }
  const taken = new Set<string>();
  return headers.map(({ index, header }) => {
    const key = cleanHeader(header);
    let field = overrides.has(key) ? (overrides.get(key) ?? null) : autoField(kind, header);
    if (field !== null) {
      const def = fieldDef(kind, field);
      if (!def || (taken.has(field) && !def.multi)) field = null;
      else taken.add(field);
    }
    return { index, header, field };
  });
}

/** Chinese names of required fields no column maps to. */
export function missingRequiredFields(kind: SheetKind, columns: readonly Column[]): string[] {
  const mapped = new Set(columns.map((c) => c.field).filter((f): f is string => f !== null));
  const missing = importFields[kind].filter((f) => f.required && !mapped.has(f.key)).map((f) => f.label);
  if (kind === 'incomes') {
    const hasCategory = incomeCategories.some((c) => mapped.has(c));
    if (!hasCategory && !mapped.has('netIncome') && !mapped.has('perCapita')) {
      missing.push('收入金额（各项收入，或“家庭纯收入”“人均纯收入”之一）');
    } else if (!hasCategory && !mapped.has('netIncome') && mapped.has('perCapita') && !mapped.has('memberCount')) {
      missing.push('人数（只有人均纯收入时需要）');
    }
  }
  // An activity ledger names the household by either column.
  if ((kind === 'measures' || kind === 'visits') && !mapped.has('householdCode') && !mapped.has('idNumber')) missing.push('户编号或证件号码（至少一列）');
  return missing;
}

/** A 合计 / 小计 / 总计 line under (or inside) the table: a sum, never a person. */
export function isTotalLine(cells: readonly CellValue[]): boolean {
  return isTotalText(cells.slice(0, 12).map((c) => cellText(c ?? null)));
}

/** isTotalLine for a row whose cells are already text (cellText): the parse reads each cell once. */
export function isTotalText(texts: readonly (string | undefined)[]): boolean {
  for (let i = 0; i < texts.length && i < 12; i++) {
    const raw = texts[i];
    // Every word of a sum has 计: a cell without it is passed over without a regular expression.
    if (raw === undefined || !raw.includes('计')) continue;
    const t = raw.replace(/\s/g, '');
    if (t === '') continue;
    if (/^(合计|小计|总计|共计)[:：]?/.test(t)) return true;
  }
  return false;
}

/** Columns that number the rows, not the people: an exact duplicate may differ only there. */
export const rowNumberHeaders = new Set(['序号', '人编号', '人员编号', '编号'].map(cleanHeader));

/** The national export's income year: 数据日期 of the first data rows (202609 → 2026), else a year in the title rows. */
export function detectIncomeYear(head: readonly SheetRow[], headerIndex: number, headers: readonly { index: number; header: string }[]): { year: number; from: string } | null {
  const dateColumn = headers.find((h) => cleanHeader(h.header) === cleanHeader('数据日期'));
  if (dateColumn) {
    for (const r of head.slice(headerIndex + 1)) {
      const v = r.cells[dateColumn.index - 1] ?? null;
      const text = cellText(v);
      if (text === '') continue;
      const d = parseDate(v);
      if (d.ok) return { year: Number(d.date.slice(0, 4)), from: `数据日期 ${text}` };
      const m = /^((?:19|20)\d{2})/.exec(text.replace(/\s/g, ''));
      if (m) return { year: Number(m[1]), from: `数据日期 ${text}` };
    }
  }
  for (const r of head.slice(0, headerIndex)) {
    const text = r.cells.map(cellText).join(' ');
    const m = /((?:19|20)\d{2})\s*年/.exec(text);
    if (m) return { year: Number(m[1]), from: `标题“${text.trim().slice(0, 40)}”` };
  }
  return null;
}
