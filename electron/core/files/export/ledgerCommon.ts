import type { Kysely } from 'kysely';
import { riskTypeLabels, riskTypes } from '../../../../shared/domain/monitoring';
import type { DB } from '../../db/schema';
import type { LedgerRecord } from './writers';

// The ledgers without paging: the list channels' own repository queries with no LIMIT, so an
// export holds exactly the rows the page lists, then the columns the layout adds, read in chunks.

export type Db = Kysely<DB>;

/** Rows of one ledger in batches, and how many to expect (for the progress bar). */
export interface LedgerSource {
  total: number;
  batches: AsyncGenerator<LedgerRecord[]>;
}

/**
 * A paged ledger for the export: the page's own query (`page(offset, limit)`), read `batch` rows
 * at a time and numbered from 1, so the file holds exactly the rows the page lists.
 */
export async function pagedSource<R>(
  page: (offset: number, limit: number) => Promise<{ total: number; rows: R[] }>,
  toRecords: (rows: R[]) => LedgerRecord[] | Promise<LedgerRecord[]>,
  batch = 2000,
): Promise<LedgerSource> {
  const { total } = await page(0, 1);
  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (let offset = 0; offset < total; offset += batch) {
      const records = await toRecords((await page(offset, batch)).rows);
      yield records.map((r) => ({ seq: ++seq, ...r }));
    }
  }
  return { total, batches: batches() };
}

const chunkSize = 500;

export function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function label<K extends string>(labels: Readonly<Record<K, string>>, key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  return (labels as Readonly<Record<string, string>>)[key] ?? key;
}

export function riskList(csv: string | null): string {
  if (!csv) return '';
  const set = new Set(csv.split(','));
  return riskTypes
    .filter((r) => set.has(r))
    .map((r) => riskTypeLabels[r])
    .join('、');
}

export async function officeNames(db: Db): Promise<{ countyCode: string; countyName: string; townshipCode: string; townshipName: string }> {
  const o = await db
    .selectFrom('office')
    .select(['county_code', 'county_name', 'township_code', 'township_name'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return {
    countyCode: o?.county_code ?? '',
    countyName: o?.county_name ?? '',
    townshipCode: o?.township_code ?? '',
    townshipName: o?.township_name ?? '',
  };
}

/** The latest per-capita income of each household in the list. */
export async function latestIncomes(db: Db, householdIds: readonly string[]): Promise<Map<string, { year: number; perCapita: number }>> {
  const map = new Map<string, { year: number; perCapita: number }>();
  if (householdIds.length === 0) return map;
  const rows = await db
    .selectFrom('incomes')
    .select(['household_id', 'year', 'per_capita_fen'])
    .where('household_id', 'in', householdIds)
    .where('deleted_at', 'is', null)
    .execute();
  for (const r of rows) {
    const seen = map.get(r.household_id);
    if (!seen || r.year > seen.year) map.set(r.household_id, { year: r.year, perCapita: r.per_capita_fen });
  }
  return map;
}
