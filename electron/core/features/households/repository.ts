import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { HouseholdSortColumn } from '../../../../shared/contract/households';
import type { DisabilityCategory, Education, Health, HouseholdFlag, Labor, Relation, Schooling, WorkStatus } from '../../../../shared/domain/household';
import type { Sex } from '../../../../shared/domain/idNumber';
import { pendingHouseholdIds } from '../pending/repository';
import { reindexHousehold, reindexMember } from '../search/indexer';
import type { DB, HouseholdTable, MemberTable } from '../../db/schema';

// SQL only: every function takes the database or an open transaction as its first argument.

type Db = Kysely<DB> | Transaction<DB>;

export type HouseholdRecord = Selectable<HouseholdTable>;
export type MemberRecord = Selectable<MemberTable>;
export type HouseholdWithNames = HouseholdRecord & { village_name: string; group_name: string };

export function findVillage(db: Db, id: string) {
  return db.selectFrom('villages').select(['id', 'name', 'deleted_at']).where('id', '=', id).executeTakeFirst();
}

export function findGroup(db: Db, id: string) {
  return db.selectFrom('village_groups').select(['id', 'village_id', 'name', 'deleted_at']).where('id', '=', id).executeTakeFirst();
}

/** Any household holding the code, deleted or not: the UNIQUE constraint covers every row. */
export function findHouseholdByCode(db: Db, code: string) {
  return db.selectFrom('households').select(['id', 'household_code', 'head_name']).where('household_code', '=', code).executeTakeFirst();
}

export function findHousehold(db: Db, id: string): Promise<HouseholdRecord | undefined> {
  return db.selectFrom('households').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Households (not deleted) with their village and group names: one here, one case's or a batch's in monitoring. */
export function householdsWithPlace(db: Db) {
  return db
    .selectFrom('households as h')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .innerJoin('village_groups as g', 'g.id', 'h.group_id')
    .selectAll('h')
    .select(['v.name as village_name', 'g.name as group_name'])
    .where('h.deleted_at', 'is', null);
}

export function findHouseholdDetail(db: Db, id: string): Promise<HouseholdWithNames | undefined> {
  return householdsWithPlace(db).where('h.id', '=', id).executeTakeFirst();
}

// Each write refreshes the household's search keys in the same transaction (features/search).
export async function insertHousehold(db: Db, row: Insertable<HouseholdTable>) {
  await db.insertInto('households').values(row).execute();
  await reindexHousehold(db, row.id);
}

export async function updateHousehold(db: Db, id: string, values: Updateable<HouseholdTable>) {
  await db.updateTable('households').set(values).where('id', '=', id).execute();
  await reindexHousehold(db, id);
}

export function findMember(db: Db, id: string): Promise<MemberRecord | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Current members first, then in the order they were entered. */
export function listMembers(db: Db, householdId: string): Promise<MemberRecord[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`status = 'current'`, 'desc')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** What a member's row takes from its input: the typed fields plus those derived from the ID number. */
export interface MemberSource {
  name: string;
  relation: Relation;
  ethnicity: string;
  education: Education;
  schooling: Schooling;
  health: Health;
  disabilityCategory: DisabilityCategory | null;
  disabilityGrade: number | null;
  labor: Labor;
  workStatus: WorkStatus;
  medicalInsurance: boolean;
  pensionInsurance: boolean;
  phone: string | null;
}

/** The columns of a new, current member; the caller adds the row meta, household and order. */
export function newMemberColumns(m: MemberSource, id: { value: string; sex: Sex; birthDate: string }) {
  return {
    name: m.name,
    id_number: id.value,
    sex: id.sex,
    birth_date: id.birthDate,
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    health: m.health,
    disability_category: m.disabilityCategory,
    disability_grade: m.disabilityGrade,
    labor: m.labor,
    work_status: m.workStatus,
    medical_insurance: m.medicalInsurance ? 1 : 0,
    pension_insurance: m.pensionInsurance ? 1 : 0,
    phone: m.phone,
    status: 'current' as const,
    left_date: null,
    left_reason: null,
  } satisfies Omit<Insertable<MemberTable>, 'id' | 'office_code' | 'created_at' | 'updated_at' | 'updated_by' | 'household_id' | 'sort_order'>;
}

export async function insertMember(db: Db, row: Insertable<MemberTable>) {
  await db.insertInto('members').values(row).execute();
  await reindexHousehold(db, row.household_id);
}

export async function updateMember(db: Db, id: string, values: Updateable<MemberTable>) {
  const before = await db.selectFrom('members').select('household_id').where('id', '=', id).executeTakeFirst();
  await db.updateTable('members').set(values).where('id', '=', id).execute();
  await reindexMember(db, id);
  // A member moved to another household leaves the old one's keys to drop: rebuild that one too.
  // Only these two: after an import, thousands of other households may wait for the background
  // catch-up (search/catchUp.ts), which a clerk's save must not do in its own transaction.
  if (before && values.household_id !== undefined && values.household_id !== before.household_id) await reindexHousehold(db, before.household_id);
}

export async function nextSortOrder(db: Db, householdId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  const max = row?.m;
  return max === null || max === undefined ? 1 : Number(max) + 1;
}

export interface IdHolder {
  householdId: string;
  householdCode: string;
  memberId: string;
  memberName: string;
}

/** The living person on the register with this ID number, in any household (open or closed). */
export async function findLivingHolder(db: Db, idNumber: string, excludeMemberId?: string): Promise<IdHolder | null> {
  let q = db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id as memberId', 'm.name as memberName', 'h.id as householdId', 'h.household_code as householdCode'])
    .where('m.id_number', '=', idNumber)
    .where('m.status', '=', 'current')
    .where('m.deleted_at', 'is', null);
  if (excludeMemberId) q = q.where('m.id', '<>', excludeMemberId);
  const row = await q.executeTakeFirst();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// The ledger list

export interface ListFilter {
  villageId?: string | undefined;
  groupId?: string | undefined;
  kind?: string | undefined;
  flags: readonly (HouseholdFlag | 'noLabor')[];
  status: 'active' | 'closed' | 'all';
  /** Already trimmed; empty means no search. */
  search: string;
  /** Only households with an open 待补充 item; `today` dates the rules that depend on it. */
  pending?: { today: string } | undefined;
}

export interface ListQuery extends ListFilter {
  sort: { column: HouseholdSortColumn; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

/** `%`, `_` and the escape character itself are matched literally. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const flagColumn = { dibao: 'h.dibao', tekun: 'h.tekun', relocated: 'h.relocated', noLabor: 'h.no_labor' } as const;

/**
 * The WHERE clause shared by the page and its count. The search is a prefix of a member's name,
 * of a member's ID number, or of the household code (PRAGMA case_sensitive_like = ON lets each
 * prefix use its index); branches that cannot match the typed text are left out.
 *
 * The shape steers SQLite's planner, which has no statistics on an office's file: with a village
 * or group filter, the households of that village are walked and each is probed for a matching
 * member (EXISTS on members(household_id)), a few thousand reads at most; without one, the matching
 * members are collected once from the name/ID index (IN) and their households looked up.
 */
function whereClause(f: ListFilter) {
  const parts = [sql`h.deleted_at IS NULL`];
  if (f.status !== 'all') parts.push(sql`h.status = ${f.status}`);
  if (f.villageId) parts.push(sql`h.village_id = ${f.villageId}`);
  if (f.groupId) parts.push(sql`h.group_id = ${f.groupId}`);
  if (f.kind) parts.push(sql`h.kind = ${f.kind}`);
  for (const flag of new Set(f.flags)) parts.push(sql`${sql.ref(flagColumn[flag])} = 1`);
  if (f.pending) parts.push(sql`h.id IN (${pendingHouseholdIds(f.pending.today)})`);
  if (f.search !== '') {
    const byHousehold = Boolean(f.villageId || f.groupId);
    const memberBranch = (column: 'name' | 'id_number', text: string) =>
      byHousehold
        ? sql`EXISTS (SELECT 1 FROM members AS m WHERE m.household_id = h.id AND m.${sql.raw(column)} LIKE ${likePrefix(text)} ESCAPE '\\' AND m.deleted_at IS NULL)`
        : sql`h.id IN (SELECT household_id FROM members WHERE ${sql.raw(column)} LIKE ${likePrefix(text)} ESCAPE '\\' AND deleted_at IS NULL)`;
    const branches = [memberBranch('name', f.search)];
    const idText = idSearchText(f.search);
    if (idText !== null) branches.push(memberBranch('id_number', idText));
    if (/^[0-9A-Za-z-]+$/.test(f.search)) {
      for (const code of new Set([f.search, f.search.toUpperCase()])) {
        branches.push(sql`h.household_code LIKE ${likePrefix(code)} ESCAPE '\\'`);
      }
    }
    parts.push(sql`(${sql.join(branches, sql` OR `)})`);
  }
  return sql.join(parts, sql` AND `);
}

/** The search as the start of an ID number (full-width digits, spaces, a lowercase x), or null. */
export function idSearchText(search: string): string | null {
  const text = search
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[xｘＸ]$/, 'X');
  return /^\d{1,17}$/.test(text) || /^\d{17}[\dX]$/.test(text) ? text : null;
}

function orderClause(sort: ListQuery['sort']) {
  const dir = sort.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const key = (expr: ReturnType<typeof sql.ref>) => sql`${expr} ${dir}`;
  // Empty optional fields go to the bottom whichever way the clerk sorts.
  const nullable = (expr: ReturnType<typeof sql.ref>) => sql`${expr} ${dir} NULLS LAST`;
  let primary;
  switch (sort.column) {
    case 'householdCode':
      primary = [key(sql.ref('h.household_code'))];
      break;
    case 'villageName':
      primary = [key(sql.ref('v.sort_order')), key(sql.ref('v.name'))];
      break;
    case 'groupName':
      primary = [key(sql.ref('v.sort_order')), key(sql.ref('v.name')), key(sql.ref('g.sort_order')), key(sql.ref('g.name'))];
      break;
    case 'headName':
      primary = [key(sql.ref('h.head_name'))];
      break;
    case 'headIdNumber':
      primary = [key(sql.ref('h.head_id_number'))];
      break;
    case 'memberCount':
      primary = [key(sql.ref('h.member_count'))];
      break;
    case 'kind':
      primary = [key(sql.ref('h.kind'))];
      break;
    case 'helperName':
      primary = [nullable(sql.ref('h.helper_name'))];
      break;
    case 'phone':
      primary = [nullable(sql.ref('h.phone'))];
      break;
    case 'status':
      primary = [key(sql.ref('h.status'))];
      break;
    case 'updatedAt':
      primary = [key(sql.ref('h.updated_at'))];
      break;
  }
  if (sort.column === 'householdCode') return sql.join([...primary, sql`h.id ASC`]);
  return sql.join([...primary, sql`h.household_code ASC`, sql`h.id ASC`]);
}

/**
 * One page and the total. With a search, the member probes are the expensive part, so the page
 * carries the total as a window count and they run once; without one, the page comes straight off
 * an index (LIMIT stops early) and a plain count is cheaper than materialising every row.
 */
export async function listHouseholds(db: Db, q: ListQuery): Promise<{ total: number; rows: HouseholdWithNames[] }> {
  const where = whereClause(q);
  const withTotal = q.search !== '';
  const page = await sql<HouseholdWithNames & { total_count?: number }>`
    SELECT h.*, v.name AS village_name, g.name AS group_name${withTotal ? sql`, count(*) OVER () AS total_count` : sql``}
    FROM households AS h
    JOIN villages AS v ON v.id = h.village_id
    JOIN village_groups AS g ON g.id = h.group_id
    WHERE ${where}
    ORDER BY ${orderClause(q.sort)}
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const first = page.rows[0];
  if (withTotal && (first !== undefined || q.offset === 0)) {
    return { total: Number(first?.total_count ?? 0), rows: page.rows };
  }
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM households AS h WHERE ${where}`.execute(db);
  return { total: Number(count.rows[0]?.n ?? 0), rows: page.rows };
}

/**
 * The whole list's order without its rows — each household's id and member count, as the page
 * orders them — for an export that then reads the rows a chunk at a time (householdSource):
 * 30,000 rows of every column read at once were most of the quarterly submission's peak memory.
 */
export async function listHouseholdOrder(db: Db, q: ListFilter & Pick<ListQuery, 'sort'>): Promise<{ id: string; member_count: number }[]> {
  const r = await sql<{ id: string; member_count: number }>`
    SELECT h.id, h.member_count
    FROM households AS h
    JOIN villages AS v ON v.id = h.village_id
    JOIN village_groups AS g ON g.id = h.group_id
    WHERE ${whereClause(q)}
    ORDER BY ${orderClause(q.sort)}`.execute(db);
  return r.rows;
}
