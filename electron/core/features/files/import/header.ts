import { isKnownHeader, type ImportKind } from '../../../../../shared/domain/importFields';

// Offices' files put one or more merged title rows ("2023年坪埠村脱贫人口名单", "填报单位：…") above
// the header. The header is the row within the first few that names the most columns the import
// knows; a title or a note row names none.

/** How many rows from the top are searched for the header. */
export const headerSearchRows = 15;
/** A header row names at least this many known columns. */
const minKnown = 2;

export interface HeaderMatch {
  /** 0-based index into the rows given. */
  index: number;
  /** How many cells are known header names. */
  known: number;
}

/** The header row among `rows` (each the row's cells as text), or null when none qualifies. */
export function findHeaderRow(rows: readonly (readonly string[])[], kind: ImportKind): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  rows.slice(0, headerSearchRows).forEach((cells, index) => {
    const seen = new Set<string>();
    let known = 0;
    for (const cell of cells) {
      const text = cell.trim();
      if (text === '' || seen.has(text)) continue;
      seen.add(text);
      if (isKnownHeader(kind, text)) known += 1;
    }
    if (known >= minKnown && (best === null || known > best.known)) best = { index, known };
  });
  return best;
}
