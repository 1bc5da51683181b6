import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, HouseholdTable, MemberTable } from '../../../db/schema';
import type { InvalidRow, LineNumber, ParsedImport } from './types';

// What the per-kind planners share: reading the ledger in chunks of keys, the cells of a refused
// row for the error workbook, and which fields the file gives.

export type Db = Kysely<DB> | Transaction<DB>;
export type Cell = string | number | null;

export type HouseholdRecord = Selectable<HouseholdTable>;
export type MemberRecord = Selectable<MemberTable>;

/**
 * What the incomes and cases planners read of a household: a row of the ledger, or (national
 * export) a household the same file creates, planned before it is written.
 */
export type PlannedHousehold = Pick<HouseholdRecord, 'id' | 'household_code' | 'status' | 'deleted_at' | 'member_count' | 'kind' | 'helper_name' | 'helper_phone'>;
export type PendingHouseholds = ReadonlyMap<string, PlannedHousehold>;

/**
 * Households this import's transaction has written itself (national export: the households part,
 * before its incomes and cases are planned), as written: nothing else in the ledger refers to them yet.
 */
export type CreatedHouseholds = ReadonlyMap<string, PlannedHousehold>;

export interface KnownHouseholds {
  households: Map<string, PlannedHousehold>;
  /** Ids of the households not yet written or written by this transaction: they have no incomes or cases to look for. */
  fresh: Set<string>;
}

export async function householdsWithPending(
  db: Db,
  codes: readonly string[],
  pending: PendingHouseholds | undefined,
  created?: CreatedHouseholds,
): Promise<KnownHouseholds> {
  // The transaction's own new households are not read back: a county's 30,000 rows took the
  // incomes' plan 0.6 s of the apply, to find what the writer had just put there.
  const toRead = created ? codes.filter((c) => !created.has(c)) : codes;
  const found = new Map<string, PlannedHousehold>((await householdsByCode(db, toRead)).map((h) => [h.household_code, h]));
  const fresh = new Set<string>();
  for (const known of [created, pending]) {
    if (!known) continue;
    for (const [code, h] of known) {
      if (found.has(code)) continue;
      found.set(code, h);
      fresh.add(h.id);
    }
  }
  return { households: found, fresh };
}

// ---------------------------------------------------------------------------------------------
// Reading the database in chunks of keys (each chunk travels as one JSON parameter)

const keyChunk = 5000;

export async function inChunks<T>(keys: readonly string[], read: (json: string) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += keyChunk) out.push(...(await read(JSON.stringify(unique.slice(i, i + keyChunk)))));
  return out;
}

export function householdsByCode(db: Db, codes: readonly string[]): Promise<HouseholdRecord[]> {
  return inChunks(codes, async (json) =>
    (await sql<HouseholdRecord>`SELECT * FROM households WHERE household_code IN (SELECT value FROM json_each(${json}))`.execute(db)).rows,
  );
}

export function membersOfHouseholds(db: Db, ids: readonly string[]): Promise<MemberRecord[]> {
  return inChunks(ids, async (json) =>
    (
      await sql<MemberRecord>`SELECT * FROM members WHERE household_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL
        ORDER BY household_id, sort_order, id`.execute(db)
    ).rows,
  );
}

export interface Holder {
  id: string;
  id_number: string;
  name: string;
  household_id: string;
  household_code: string;
}

export function livingHolders(db: Db, idNumbers: readonly string[]): Promise<Holder[]> {
  return inChunks(idNumbers, async (json) =>
    (
      await sql<Holder>`SELECT m.id, m.id_number, m.name, m.household_id, h.household_code
        FROM members AS m JOIN households AS h ON h.id = m.household_id
        WHERE m.id_number IN (SELECT value FROM json_each(${json})) AND m.status = 'current' AND m.deleted_at IS NULL`.execute(db)
    ).rows,
  );
}

// ---------------------------------------------------------------------------------------------
// Cells of a refused row for the error workbook: the file's own headers where the parse half
// mapped them, the Chinese field names otherwise.

export type CellRenderer = (values: Record<string, string | number | boolean | null | undefined>) => Record<string, string>;

/** Field names a column of the file may be mapped to, per value this module renders. */
const fieldAliases: Record<string, string[]> = {
  householdCode: ['householdCode'],
  name: ['name', 'members.name', 'memberName'],
  idNumber: ['idNumber', 'members.idNumber'],
  relation: ['relation', 'members.relation'],
  kind: ['kind', 'householdKind'],
  year: ['year'],
  category: ['category'],
  identifiedDate: ['identifiedDate'],
  eliminated: ['eliminated'],
  eliminatedDate: ['eliminatedDate'],
};
const fieldLabels: Record<string, string> = {
  householdCode: '户编号',
  name: '姓名',
  idNumber: '证件号码',
  relation: '与户主关系',
  kind: '户类型',
  year: '年度',
  category: '易返贫致贫户(监测对象)类型',
  identifiedDate: '风险识别时间',
  eliminated: '风险是否消除',
  eliminatedDate: '风险消除时间',
};

export function cellRenderer(parsed: Pick<ParsedImport, 'columns'>): CellRenderer {
  const headerOf = new Map<string, string>();
  for (const c of parsed.columns) if (c.field) headerOf.set(c.field, c.header);
  return (values) => {
    const out: Record<string, string> = {};
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined || value === null) continue;
      const mapped = (fieldAliases[field] ?? [field]).map((a) => headerOf.get(a)).find((h) => h !== undefined);
      // The workbook keeps the file's own columns, so the clerk can correct it and import it again.
      if (mapped === undefined && headerOf.size > 0) continue;
      out[mapped ?? fieldLabels[field] ?? field] = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
    }
    return out;
  };
}

export function conflictRows(lines: readonly LineNumber[], reason: string, cellsOf: (index: number) => Record<string, string>): InvalidRow[] {
  return lines.map((line, i) => ({ line, reason: `第 ${line} 行：${reason}`, cells: cellsOf(i) }));
}

// ---------------------------------------------------------------------------------------------
// Which fields the file gives. A field no column maps to is left as it is in the ledger, so a
// national export without 住址 does not wipe the addresses the office typed.

export type Provided = (field: string) => boolean;

const providedAliases: Record<string, string[]> = {
  villageId: ['villageId', 'villageName', 'village'],
  groupId: ['groupId', 'groupName', 'group'],
  phone: ['phone', 'householdPhone'],
  memberPhone: ['memberPhone', 'members.phone'],
};

export function providedFields(parsed: ParsedImport): Provided {
  const mapped = new Set(parsed.columns.map((c) => c.field).filter((f): f is string => f !== null));
  if (mapped.size === 0) return () => true;
  return (field) => (providedAliases[field] ?? [field, `members.${field}`, `member.${field}`]).some((a) => mapped.has(a));
}
