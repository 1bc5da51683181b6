import { isKnownHeader, type SheetKind } from '../../../../../shared/domain/importFields';

// Offices' files put one or more merged title rows ("2023年坪埠村脱贫人口名单", "填报单位：…") above
// the header. The header is the row within the first few that names the most columns the import
// knows; a title or a note row names none.
//
// The office's own ledgers often have a two-row header: a group heading merged across several
// columns (家庭成员情况 over 姓名 / 证件号码 / 与户主关系) and, beside it, single columns merged down
// both rows (户编号, 行政村). A merged cell keeps its text in its top-left cell only — in .xlsx and
// in a CSV saved from it alike — so the two rows are joined column by column: the lower row's
// name where it has one, else the upper row's (a column merged down). The pair is taken when it
// names more known columns than either row alone, so a title line above a one-row header never
// joins. Under a group heading the joined name is tried first ("帮扶责任人" over "联系电话" reads as
// 帮扶责任人联系电话, not as the household's 联系电话).

/** How many rows from the top are searched for the header. */
export const headerSearchRows = 15;
/** A header row names at least this many known columns. */
const minKnown = 2;

export interface HeaderMatch {
  /** 0-based index into the rows given: the header's last row (data starts below it). */
  index: number;
  /** How many cells are known header names. */
  known: number;
  /** Two-row header: 0-based index of the group-heading row above `index`; null for a one-row header. */
  upper: number | null;
  /** The header's names by column (index 0 = column A), the two rows joined when `upper` is set. */
  cells: string[];
}

function knownCount(cells: readonly string[], kind: SheetKind): number {
  const seen = new Set<string>();
  let known = 0;
  for (const cell of cells) {
    const text = cell.trim();
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    if (isKnownHeader(kind, text)) known += 1;
  }
  return known;
}

/** The two header rows joined column by column (see the note above). */
export function joinHeaderLevels(upper: readonly string[], lower: readonly string[], kind: SheetKind): string[] {
  const out: string[] = [];
  let group = '';
  for (let i = 0; i < Math.max(upper.length, lower.length); i++) {
    const top = (upper[i] ?? '').trim();
    const leaf = (lower[i] ?? '').trim();
    if (leaf === '') {
      // Merged down both rows: the name is in the upper row; no group runs over it.
      out.push(top);
      group = '';
      continue;
    }
    // A group heading starts where the upper row has text; it runs on over the empty cells to its right.
    if (top !== '') group = top;
    const joined = group !== '' && group !== leaf ? `${group}${leaf}` : '';
    out.push(joined !== '' && isKnownHeader(kind, joined) ? joined : leaf);
  }
  return out;
}

/** The header among `rows` (each the row's cells as text), or null when none qualifies. */
export function findHeaderRow(rows: readonly (readonly string[])[], kind: SheetKind): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const top = rows.slice(0, headerSearchRows);
  top.forEach((cells, index) => {
    const known = knownCount(cells, kind);
    if (known >= minKnown && (best === null || known > best.known)) best = { index, known, upper: null, cells: [...cells] };
  });
  top.forEach((cells, index) => {
    if (index === 0) return;
    const joined = joinHeaderLevels(top[index - 1]!, cells, kind);
    const known = knownCount(joined, kind);
    // Strictly more than any single row: a title line or a blank row never makes a pair.
    if (known >= minKnown && (best === null || known > best.known)) best = { index, known, upper: index - 1, cells: joined };
  });
  return best;
}
