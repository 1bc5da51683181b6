import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import {
  householdKindLabels,
  isNoLaborHousehold,
  memberStatusLabels,
  relationLabels,
  type Labor,
  type Relation,
  type MemberStatus,
} from '../../../../../shared/domain/household';
import { duplicateIdMessage, parseIdNumber } from '../../../../../shared/domain/idNumber';
import {
  declineCauseProblem,
  formatYuan,
  incomeCategories,
  incomeFigures,
  isDecline,
  type IncomeCategory,
} from '../../../../../shared/domain/income';
import {
  caseStatusLabels,
  monitoringCategoryLabels,
  type CaseStatus,
  type MonitoringCategory,
  type RiskType,
} from '../../../../../shared/domain/monitoring';
import type { HandlerContext } from '../../../context';
import type { DB, HouseholdTable, IncomeTable, MemberTable, MonitoringCaseTable } from '../../../db/schema';
import type { JobControl } from '../../../jobs';
import { incomeColumn } from '../../income/service';
import type {
  ImportCounts,
  ImportPlan,
  ImportedCase,
  ImportedHousehold,
  ImportedIncome,
  InvalidRow,
  LineNumber,
  ParsedImport,
} from './types';

// The apply half, step one: what would importing this file do to the database as it is now?
// Read-only. Households match on 户编号, people on the ID number, incomes on (户编号, year),
// cases on (户编号, date identified). Rows valid in the file but impossible against the database
// become conflicts with their lines and a Chinese reason; the rest become operations that
// apply.ts writes in one transaction. apply.ts plans again inside its transaction, so what it
// writes is decided against the database as it is at that moment, not at preview time.

type Db = Kysely<DB> | Transaction<DB>;
type Cell = string | number | null;

export type HouseholdRecord = Selectable<HouseholdTable>;
export type MemberRecord = Selectable<MemberTable>;

type ImportedMember = ImportedHousehold['household']['members'][number];

/** A member as it will be inserted: the file's fields plus what the ID number gives. */
export interface MemberInsert {
  member: ImportedMember;
  idNumber: string;
  sex: string;
  birthDate: string;
  sortOrder: number;
}

export interface NewHouseholdOp {
  lines: LineNumber[];
  household: ImportedHousehold['household'];
  members: MemberInsert[];
  headName: string;
  headIdNumber: string;
  noLabor: boolean;
}

export interface ChangedHouseholdOp {
  lines: LineNumber[];
  id: string;
  code: string;
  /** Household columns to set (fields the file gives that differ, plus derived head/count/no-labour). */
  set: Record<string, Cell>;
  newMembers: MemberInsert[];
  memberUpdates: { id: string; name: string; set: Record<string, Cell> }[];
  /** kind or status moved: the visit schedule must follow. */
  scheduleMoves: boolean;
}

export interface HouseholdOperations {
  kind: 'households';
  inserts: NewHouseholdOp[];
  updates: ChangedHouseholdOp[];
}

export interface IncomeValues {
  source: 'nationalPerCapita' | null;
  member_count: number;
  net_income_fen: number;
  per_capita_fen: number;
  decline_cause: string | null;
  note: string | null;
  fen: Record<IncomeCategory, number>;
}

export interface IncomeOperations {
  kind: 'incomes';
  inserts: { lines: LineNumber[]; householdId: string; year: number; values: IncomeValues }[];
  updates: { lines: LineNumber[]; id: string; values: IncomeValues }[];
}

export interface NewCaseOp {
  lines: LineNumber[];
  householdId: string;
  householdCode: string;
  householdKind: string;
  householdHelperName: string | null;
  householdHelperPhone: string | null;
  record: ImportedCase;
}

export interface ChangedCaseOp {
  lines: LineNumber[];
  id: string;
  caseCode: string;
  householdId: string;
  record: ImportedCase;
  set: Record<string, Cell>;
  addRisks: RiskType[];
  removeRisks: { id: string; riskType: RiskType }[];
  /** The national system eliminated a case the office still monitors. */
  eliminates: boolean;
}

export interface CaseOperations {
  kind: 'cases';
  inserts: NewCaseOp[];
  updates: ChangedCaseOp[];
}

export type ImportOperations = HouseholdOperations | IncomeOperations | CaseOperations;

/** What planning hands apply.ts: the plan with its operations typed. */
export interface TypedPlan extends ImportPlan {
  operations: ImportOperations;
}

export async function planImport(ctx: HandlerContext, parsed: ParsedImport, control: JobControl): Promise<ImportPlan> {
  return planWith(ctx.db, ctx.today(), parsed, control);
}

/** The plan against `db` (the database, or apply's open transaction). */
/**
 * What the incomes and cases planners read of a household: a row of the ledger, or (national
 * export) a household the same file creates, planned before it is written.
 */
export type PlannedHousehold = Pick<HouseholdRecord, 'id' | 'household_code' | 'status' | 'deleted_at' | 'member_count' | 'kind' | 'helper_name' | 'helper_phone'>;
export type PendingHouseholds = ReadonlyMap<string, PlannedHousehold>;

async function householdsWithPending(db: Db, codes: readonly string[], pending: PendingHouseholds | undefined): Promise<Map<string, PlannedHousehold>> {
  const found = new Map<string, PlannedHousehold>((await householdsByCode(db, codes)).map((h) => [h.household_code, h]));
  if (pending) for (const [code, h] of pending) if (!found.has(code)) found.set(code, h);
  return found;
}

export async function planWith(db: Db, today: string, parsed: ParsedImport, control: JobControl | null, pending?: PendingHouseholds): Promise<TypedPlan> {
  control?.throwIfCancelled();
  control?.report(0, 1, '正在与台账比对…');
  let result: { counts: Omit<ImportCounts, 'invalid'>; conflicts: InvalidRow[]; operations: ImportOperations };
  const cells = cellRenderer(parsed);
  switch (parsed.kind) {
    case 'households':
      result = await planHouseholds(db, today, parsed.records, cells, providedFields(parsed), control);
      break;
    case 'incomes':
      result = await planIncomes(db, today, parsed.records, cells, pending);
      break;
    case 'cases':
      result = await planCases(db, today, parsed.records, cells, pending);
      break;
  }
  control?.report(1, 1, '比对完成');
  const conflicts = result.conflicts.sort((a, b) => a.line - b.line);
  return {
    parsed,
    counts: { ...result.counts, invalid: parsed.invalid.length + conflicts.length },
    conflicts,
    operations: result.operations,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the database in chunks of keys (each chunk travels as one JSON parameter)

const keyChunk = 5000;

async function inChunks<T>(keys: readonly string[], read: (json: string) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += keyChunk) out.push(...(await read(JSON.stringify(unique.slice(i, i + keyChunk)))));
  return out;
}

function householdsByCode(db: Db, codes: readonly string[]): Promise<HouseholdRecord[]> {
  return inChunks(codes, async (json) =>
    (await sql<HouseholdRecord>`SELECT * FROM households WHERE household_code IN (SELECT value FROM json_each(${json}))`.execute(db)).rows,
  );
}

function membersOfHouseholds(db: Db, ids: readonly string[]): Promise<MemberRecord[]> {
  return inChunks(ids, async (json) =>
    (
      await sql<MemberRecord>`SELECT * FROM members WHERE household_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL
        ORDER BY household_id, sort_order, id`.execute(db)
    ).rows,
  );
}

interface Holder {
  id: string;
  id_number: string;
  name: string;
  household_id: string;
  household_code: string;
}

function livingHolders(db: Db, idNumbers: readonly string[]): Promise<Holder[]> {
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

type CellRenderer = (values: Record<string, string | number | boolean | null | undefined>) => Record<string, string>;

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

function cellRenderer(parsed: ParsedImport): CellRenderer {
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

function conflictRows(lines: readonly LineNumber[], reason: string, cellsOf: (index: number) => Record<string, string>): InvalidRow[] {
  return lines.map((line, i) => ({ line, reason: `第 ${line} 行：${reason}`, cells: cellsOf(i) }));
}

// ---------------------------------------------------------------------------------------------
// Which fields the file gives. A field no column maps to is left as it is in the ledger, so a
// national export without 住址 does not wipe the addresses the office typed.

type Provided = (field: string) => boolean;

const providedAliases: Record<string, string[]> = {
  villageId: ['villageId', 'villageName', 'village'],
  groupId: ['groupId', 'groupName', 'group'],
  phone: ['phone', 'householdPhone'],
  memberPhone: ['memberPhone', 'members.phone'],
};

function providedFields(parsed: ParsedImport): Provided {
  const mapped = new Set(parsed.columns.map((c) => c.field).filter((f): f is string => f !== null));
  if (mapped.size === 0) return () => true;
  return (field) => (providedAliases[field] ?? [field, `members.${field}`, `member.${field}`]).some((a) => mapped.has(a));
}

// ---------------------------------------------------------------------------------------------
// Households and members

/** Household columns the file can set, with the input field each comes from. */
const householdColumns = [
  ['villageId', 'village_id'],
  ['groupId', 'group_id'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['kind', 'kind'],
  ['dibao', 'dibao'],
  ['tekun', 'tekun'],
  ['relocated', 'relocated'],
  ['helperName', 'helper_name'],
  ['helperPhone', 'helper_phone'],
] as const;

/** Member columns the file can set (sex and birth date follow the ID number). */
const memberColumns = [
  ['name', 'name'],
  ['relation', 'relation'],
  ['ethnicity', 'ethnicity'],
  ['education', 'education'],
  ['schooling', 'schooling'],
  ['health', 'health'],
  ['disabilityCategory', 'disability_category'],
  ['disabilityGrade', 'disability_grade'],
  ['labor', 'labor'],
  ['workStatus', 'work_status'],
  ['medicalInsurance', 'medical_insurance'],
  ['pensionInsurance', 'pension_insurance'],
  ['phone', 'phone'],
] as const;

function toCell(v: unknown): Cell {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) return null;
  return v as Cell;
}

/** The columns of a new, current member (as households/repository.newMemberColumns builds them). */
export function memberInsertColumns(m: MemberInsert): Record<string, Cell> {
  return {
    name: m.member.name,
    id_number: m.idNumber,
    sex: m.sex,
    birth_date: m.birthDate,
    relation: m.member.relation,
    ethnicity: m.member.ethnicity,
    education: m.member.education,
    schooling: m.member.schooling,
    health: m.member.health,
    disability_category: m.member.disabilityCategory,
    disability_grade: m.member.disabilityGrade,
    labor: m.member.labor,
    work_status: m.member.workStatus,
    medical_insurance: m.member.medicalInsurance ? 1 : 0,
    pension_insurance: m.member.pensionInsurance ? 1 : 0,
    phone: m.member.phone,
    status: 'current',
    left_date: null,
    left_reason: null,
  };
}

async function planHouseholds(
  db: Db,
  today: string,
  records: ImportedHousehold[],
  render: CellRenderer,
  provided: Provided,
  control: JobControl | null,
) {
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const conflicts: InvalidRow[] = [];
  const ops: HouseholdOperations = { kind: 'households', inserts: [], updates: [] };

  const existing = new Map((await householdsByCode(db, records.map((r) => r.household.householdCode))).map((h) => [h.household_code, h]));
  control?.throwIfCancelled();
  const membersOf = new Map<string, MemberRecord[]>();
  for (const m of await membersOfHouseholds(db, [...existing.values()].map((h) => h.id))) {
    let list = membersOf.get(m.household_id);
    if (!list) membersOf.set(m.household_id, (list = []));
    list.push(m);
  }
  control?.throwIfCancelled();
  const holders = new Map<string, Holder>();
  for (const h of await livingHolders(db, records.flatMap((r) => r.household.members.map((m) => m.idNumber)))) holders.set(h.id_number, h);
  control?.throwIfCancelled();
  const groups = new Map(
    (await db.selectFrom('village_groups').select(['id', 'village_id', 'deleted_at']).execute()).map((g) => [g.id, g]),
  );
  const villages = new Map((await db.selectFrom('villages').select(['id', 'deleted_at']).execute()).map((v) => [v.id, v]));

  /** ID numbers already taken by an earlier household of this file: id → that household's first line and code. */
  const seenInFile = new Map<string, { line: LineNumber; code: string }>();

  for (const r of records) {
    const h = r.household;
    const cellsOf = (i: number): Record<string, string> => {
      const m = h.members[i] ?? h.members[0]!;
      return render({
        householdCode: h.householdCode,
        name: m.name,
        idNumber: m.idNumber,
        relation: relationLabels[m.relation],
        kind: householdKindLabels[h.kind],
      });
    };
    const refuse = (reason: string) => conflicts.push(...conflictRows(r.lines, reason, cellsOf));
    const lineOf = (i: number) => r.lines[i] ?? r.lines[0] ?? 0;

    // The ID numbers again with today's date (the contract checked them against no date).
    const ids: { value: string; sex: string; birthDate: string }[] = [];
    let bad: string | null = null;
    for (const m of h.members) {
      const p = parseIdNumber(m.idNumber, today);
      if (!p.ok) {
        bad ??= `${m.name}：${p.message}`;
        continue;
      }
      ids.push({ value: p.value, sex: p.sex, birthDate: p.birthDate });
    }
    if (bad) {
      refuse(bad);
      continue;
    }
    const village = villages.get(h.villageId);
    const group = groups.get(h.groupId);
    if (!village || village.deleted_at !== null || !group || group.deleted_at !== null || group.village_id !== h.villageId) {
      refuse('所在村或村民小组在本乡镇的村组设置中不存在，请核对村组名称或先在设置中添加');
      continue;
    }
    const dupInFile = h.members.map((m, i) => ({ i, seen: seenInFile.get(ids[i]!.value), name: m.name })).find((x) => x.seen !== undefined);
    if (dupInFile?.seen) {
      refuse(`${dupInFile.name} 的证件号码在本文件第 ${dupInFile.seen.line} 行的户 ${dupInFile.seen.code} 中已出现。同一人只能在一户在册，请核对`);
      continue;
    }
    h.members.forEach((_, i) => seenInFile.set(ids[i]!.value, { line: lineOf(i), code: h.householdCode }));

    const current = existing.get(h.householdCode);
    // Someone living in another household of the ledger cannot be registered here as well.
    const elsewhere = h.members
      .map((m, i) => ({ m, holder: holders.get(ids[i]!.value) }))
      .find((x) => x.holder !== undefined && x.holder.household_id !== current?.id);
    if (elsewhere?.holder) {
      refuse(
        `${elsewhere.m.name}：${duplicateIdMessage(elsewhere.holder.id_number, { householdCode: elsewhere.holder.household_code, memberName: elsewhere.holder.name })}`,
      );
      continue;
    }

    if (!current) {
      const headIndex = h.members.findIndex((m) => m.relation === 'head');
      ops.inserts.push({
        lines: r.lines,
        household: h,
        members: h.members.map((m, i) => ({ member: m, idNumber: ids[i]!.value, sex: ids[i]!.sex, birthDate: ids[i]!.birthDate, sortOrder: i + 1 })),
        headName: h.members[headIndex]!.name,
        headIdNumber: ids[headIndex]!.value,
        noLabor: isNoLaborHousehold(h.members.map((m) => ({ labor: m.labor, status: 'current' as const }))),
      });
      counts.new++;
      continue;
    }

    if (current.deleted_at !== null || current.status === 'closed') {
      refuse(`户 ${h.householdCode} 在本系统中已注销（${current.closed_date ?? ''}），如需更新请先在户页面恢复该户`);
      continue;
    }
    const planned = planExistingHousehold(r, current, membersOf.get(current.id) ?? [], ids, provided);
    if (typeof planned === 'string') {
      refuse(planned);
      continue;
    }
    if (planned === null) counts.unchanged++;
    else {
      counts.changed++;
      ops.updates.push(planned);
    }
  }
  return { counts, conflicts, operations: ops };
}

function planExistingHousehold(
  r: ImportedHousehold,
  current: HouseholdRecord,
  dbMembers: MemberRecord[],
  ids: { value: string; sex: string; birthDate: string }[],
  provided: Provided,
): ChangedHouseholdOp | string | null {
  const h = r.household;
  const set: Record<string, Cell> = {};
  for (const [field, column] of householdColumns) {
    if (!provided(field)) continue;
    const next = toCell(h[field]);
    if (next !== current[column]) set[column] = next;
  }
  // A group always goes with its village.
  if ('village_id' in set && !('group_id' in set)) set.group_id = h.groupId;
  if ('group_id' in set && !('village_id' in set) && h.villageId !== current.village_id) set.village_id = h.villageId;

  const byId = new Map(dbMembers.map((m) => [m.id_number, m]));
  const dbHead = dbMembers.find((m) => m.status === 'current' && m.relation === 'head');
  const fileHeadIndex = h.members.findIndex((m) => m.relation === 'head');
  const fileHeadId = ids[fileHeadIndex]!.value;
  if (dbHead && dbHead.id_number !== fileHeadId) {
    return `户主与本系统不一致（系统中为 ${dbHead.name}，文件中为 ${h.members[fileHeadIndex]!.name}）。户主变更请先在户页面办理，再导入`;
  }
  const newMembers: MemberInsert[] = [];
  const memberUpdates: ChangedHouseholdOp['memberUpdates'] = [];
  let nextSort = dbMembers.reduce((max, m) => Math.max(max, m.sort_order), 0) + 1;
  const after = new Map(dbMembers.map((m) => [m.id, { labor: m.labor as Labor, status: m.status as MemberStatus, name: m.name, relation: m.relation, id_number: m.id_number }]));
  for (const [i, m] of h.members.entries()) {
    const id = ids[i]!;
    const known = byId.get(id.value);
    if (!known) {
      newMembers.push({ member: m, idNumber: id.value, sex: id.sex, birthDate: id.birthDate, sortOrder: nextSort++ });
      continue;
    }
    if (known.status !== 'current') {
      const status = memberStatusLabels[known.status as MemberStatus] ?? known.status;
      return `${known.name} 在本系统中已于 ${known.left_date ?? ''} 减员（${status}），文件仍列为在册。如确需恢复，请在户页面办理后再导入`;
    }
    const mset: Record<string, Cell> = {};
    for (const [field, column] of memberColumns) {
      if (!provided(field === 'phone' ? 'memberPhone' : field)) continue;
      const next = toCell(m[field]);
      if (next !== known[column]) mset[column] = next;
    }
    if (Object.keys(mset).length > 0) {
      memberUpdates.push({ id: known.id, name: known.name, set: mset });
      const a = after.get(known.id)!;
      if (typeof mset.labor === 'string') a.labor = mset.labor as Labor;
      if (typeof mset.name === 'string') a.name = mset.name;
      if (typeof mset.relation === 'string') a.relation = mset.relation as Relation;
    }
  }
  // head, member count and no-labour follow the members, as households/service.syncHousehold keeps them.
  const all = [
    ...[...after.values()],
    ...newMembers.map((n) => ({ labor: n.member.labor, status: 'current' as MemberStatus, name: n.member.name, relation: n.member.relation, id_number: n.idNumber })),
  ];
  const living = all.filter((m) => m.status === 'current');
  const head = living.find((m) => m.relation === 'head');
  const derived = {
    head_name: head ? head.name : current.head_name,
    head_id_number: head ? head.id_number : current.head_id_number,
    member_count: living.length,
    no_labor: isNoLaborHousehold(all) ? 1 : 0,
  };
  for (const [k, v] of Object.entries(derived)) if (current[k as keyof typeof derived] !== v) set[k] = v;
  if (Object.keys(set).length === 0 && newMembers.length === 0 && memberUpdates.length === 0) return null;
  return { lines: r.lines, id: current.id, code: current.household_code, set, newMembers, memberUpdates, scheduleMoves: 'kind' in set };
}

// ---------------------------------------------------------------------------------------------
// Incomes

async function planIncomes(db: Db, today: string, records: ImportedIncome[], render: CellRenderer, pending?: PendingHouseholds) {
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const conflicts: InvalidRow[] = [];
  const ops: IncomeOperations = { kind: 'incomes', inserts: [], updates: [] };
  const households = await householdsWithPending(db, records.map((r) => r.householdCode), pending);
  const ids = [...households.values()].map((h) => h.id);
  const stored = new Map<string, Selectable<IncomeTable>>();
  for (const inc of await inChunks(ids, async (json) =>
    (await sql<Selectable<IncomeTable>>`SELECT * FROM incomes WHERE household_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL`.execute(db)).rows,
  )) {
    stored.set(`${inc.household_id}:${inc.year}`, inc);
  }
  const thisYear = Number(today.slice(0, 4));
  /** Per-capita income per household and year after this import (file over database), for the decline check. */
  const perCapitaAfter = new Map<string, number>();
  for (const inc of stored.values()) perCapitaAfter.set(`${inc.household_id}:${inc.year}`, inc.per_capita_fen);
  const seen = new Map<string, LineNumber>();

  // Earlier years first: a file with two years compares the later one with the earlier one.
  const ordered = [...records].sort((a, b) => a.income.year - b.income.year || (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
  for (const r of ordered) {
    const cellsOf = () => render({ householdCode: r.householdCode, year: r.income.year });
    const refuse = (reason: string) => conflicts.push(...conflictRows(r.lines, reason, cellsOf));
    const h = households.get(r.householdCode);
    if (!h || h.deleted_at !== null) {
      refuse(`户编号 ${r.householdCode} 在本系统中不存在。请先导入或录入该户，再导入收入`);
      continue;
    }
    if (h.status === 'closed') {
      refuse(`户 ${h.household_code} 已注销，不能录入或修改收入。如需办理，请先恢复该户`);
      continue;
    }
    const year = r.income.year;
    if (year > thisYear) {
      refuse(`不能导入 ${year} 年的收入：该年度尚未开始（今年是 ${thisYear} 年）`);
      continue;
    }
    const key = `${h.id}:${year}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      refuse(`户 ${h.household_code} 的 ${year} 年收入在本文件第 ${dup} 行已出现，请删除重复行`);
      continue;
    }
    seen.set(key, r.lines[0] ?? 0);
    const existing = stored.get(key);
    const memberCount = r.income.memberCount ?? existing?.member_count ?? h.member_count;
    if (memberCount < 1) {
      refuse('该户当前没有在册成员，请在文件中填写该年度的家庭人口数');
      continue;
    }
    const fen = Object.fromEntries(incomeCategories.map((c) => [c, r.income[c]])) as Record<IncomeCategory, number>;
    // The national export's undivided per-capita figure is the authority for the year (0013).
    const figures =
      r.perCapitaFen !== undefined ? { perCapitaFen: r.perCapitaFen, netIncomeFen: r.perCapitaFen * memberCount } : incomeFigures(fen, memberCount);
    const previous = perCapitaAfter.get(`${h.id}:${year - 1}`);
    const decline = isDecline(previous, figures.perCapitaFen);
    const cause = decline ? r.income.declineCause : null;
    const problem = declineCauseProblem(decline, cause, r.income.note);
    if (problem && previous !== undefined) {
      refuse(
        problem === 'missingCause'
          ? `${year} 年人均纯收入 ${formatYuan(figures.perCapitaFen)} 元，低于 ${year - 1} 年的 ${formatYuan(previous)} 元，属于减收户，请在文件中填写减收原因`
          : '减收原因为“其他原因”，请在备注中写明具体原因',
      );
      continue;
    }
    perCapitaAfter.set(key, figures.perCapitaFen);
    const values: IncomeValues = {
      source: r.perCapitaFen !== undefined ? 'nationalPerCapita' : null,
      member_count: memberCount,
      net_income_fen: figures.netIncomeFen,
      per_capita_fen: figures.perCapitaFen,
      decline_cause: cause,
      note: r.income.note,
      fen,
    };
    if (!existing) {
      ops.inserts.push({ lines: r.lines, householdId: h.id, year, values });
      counts.new++;
      continue;
    }
    const same =
      existing.source === values.source &&
      existing.member_count === values.member_count &&
      existing.net_income_fen === values.net_income_fen &&
      existing.per_capita_fen === values.per_capita_fen &&
      existing.decline_cause === values.decline_cause &&
      existing.note === values.note &&
      incomeCategories.every((c) => existing[incomeColumn[c]] === fen[c]);
    if (same) counts.unchanged++;
    else {
      ops.updates.push({ lines: r.lines, id: existing.id, values });
      counts.changed++;
    }
  }
  return { counts, conflicts, operations: ops };
}


// ---------------------------------------------------------------------------------------------
// Monitoring cases

type CaseRecord = Selectable<MonitoringCaseTable>;

async function planCases(db: Db, today: string, records: ImportedCase[], render: CellRenderer, pending?: PendingHouseholds) {
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const conflicts: InvalidRow[] = [];
  const ops: CaseOperations = { kind: 'cases', inserts: [], updates: [] };
  const households = await householdsWithPending(db, records.map((r) => r.householdCode), pending);
  const ids = [...households.values()].map((h) => h.id);
  const casesOf = new Map<string, CaseRecord[]>();
  for (const c of await inChunks(ids, async (json) =>
    (
      await sql<CaseRecord>`SELECT * FROM monitoring_cases WHERE household_id IN (SELECT value FROM json_each(${json}))
        AND deleted_at IS NULL AND status <> 'rejected' ORDER BY clue_date`.execute(db)
    ).rows,
  )) {
    let list = casesOf.get(c.household_id);
    if (!list) casesOf.set(c.household_id, (list = []));
    list.push(c);
  }
  const risksOf = new Map<string, { id: string; risk_type: string }[]>();
  const caseIds = [...casesOf.values()].flat().map((c) => c.id);
  for (const r of await inChunks(caseIds, async (json) =>
    (
      await sql<{ id: string; case_id: string; risk_type: string }>`SELECT id, case_id, risk_type FROM case_risks
        WHERE case_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL`.execute(db)
    ).rows,
  )) {
    let list = risksOf.get(r.case_id);
    if (!list) risksOf.set(r.case_id, (list = []));
    list.push(r);
  }
  /** Households that get an open case from this file (one open case per household). */
  const openFromFile = new Map<string, LineNumber>();
  const seen = new Map<string, LineNumber>();

  for (const r of records) {
    const cellsOf = () =>
      render({
        householdCode: r.householdCode,
        category: monitoringCategoryLabels[r.category],
        identifiedDate: r.identifiedDate,
        eliminated: r.eliminated,
        eliminatedDate: r.eliminatedDate,
      });
    const refuse = (reason: string) => conflicts.push(...conflictRows(r.lines, reason, cellsOf));
    const h = households.get(r.householdCode);
    if (!h || h.deleted_at !== null) {
      refuse(`户编号 ${r.householdCode} 在本系统中不存在。请先导入或录入该户，再导入监测对象`);
      continue;
    }
    if (r.identifiedDate > today || (r.eliminatedDate !== null && r.eliminatedDate > today)) {
      refuse(`识别或消除时间晚于今天（${today}），请核对`);
      continue;
    }
    if (r.eliminated && r.eliminatedDate === null) {
      refuse('风险已消除的监测对象须有风险消除时间，请补上');
      continue;
    }
    if (r.eliminatedDate !== null && r.eliminatedDate < r.identifiedDate) {
      refuse(`风险消除时间 ${r.eliminatedDate} 早于风险识别时间 ${r.identifiedDate}，请核对`);
      continue;
    }
    const key = `${h.id}:${r.identifiedDate}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      refuse(`户 ${h.household_code} 在 ${r.identifiedDate} 识别的监测对象在本文件第 ${dup} 行已出现，请删除重复行`);
      continue;
    }
    seen.set(key, r.lines[0] ?? 0);

    const cases = casesOf.get(h.id) ?? [];
    const open = cases.find((c) => c.status === 'identifying' || c.status === 'monitoring');
    // The same case: identified (included) on the same day; else the household's case under
    // monitoring of the same category, when the file says it is still monitored.
    let match = cases.find((c) => c.included_date === r.identifiedDate);
    if (!match && !r.eliminated && open && open.status === 'monitoring' && open.category === r.category) match = open;

    if (match) {
      const planned = planExistingCase(r, match, risksOf.get(match.id) ?? []);
      if (typeof planned === 'string') refuse(planned);
      else if (planned === null) counts.unchanged++;
      else {
        counts.changed++;
        ops.updates.push(planned);
      }
      continue;
    }

    if (h.status === 'closed' && !r.eliminated) {
      refuse(`户 ${h.household_code} 已注销，不能新增监测中的监测对象。如需办理，请先恢复该户`);
      continue;
    }
    if (!r.eliminated) {
      if (open) {
        const status = caseStatusLabels[open.status as CaseStatus];
        refuse(
          open.status === 'monitoring' && open.category !== r.category
            ? `该户已有${status}的案件 ${open.case_code}（${monitoringCategoryLabels[open.category as MonitoringCategory]}），与文件中的类别（${monitoringCategoryLabels[r.category]}）不同，请核对后在案件中修改`
            : `该户已有${status}的案件 ${open.case_code}，一户只能有一个未结束的案件，请在该案件中继续办理`,
        );
        continue;
      }
      const other = openFromFile.get(h.id);
      if (other !== undefined) {
        refuse(`本文件第 ${other} 行已为该户导入一个监测中的案件，一户只能有一个未结束的案件`);
        continue;
      }
      openFromFile.set(h.id, r.lines[0] ?? 0);
    } else {
      // A past case closed in the national system: its period may not overlap a case in the ledger.
      const overlaps = cases.find((c) => {
        const start = c.included_date ?? c.clue_date;
        const end = c.eliminated_date ?? '9999-12-31';
        return start <= r.eliminatedDate! && r.identifiedDate <= end;
      });
      if (overlaps) {
        refuse(`该户的案件 ${overlaps.case_code}（${overlaps.included_date ?? overlaps.clue_date} 起）与文件中的监测期（${r.identifiedDate} 至 ${r.eliminatedDate}）重叠，请核对风险识别时间`);
        continue;
      }
    }
    ops.inserts.push({
      lines: r.lines,
      householdId: h.id,
      householdCode: h.household_code,
      householdKind: h.kind,
      householdHelperName: h.helper_name,
      householdHelperPhone: h.helper_phone,
      record: r,
    });
    counts.new++;
  }
  return { counts, conflicts, operations: ops };
}

function planExistingCase(r: ImportedCase, c: CaseRecord, risks: { id: string; risk_type: string }[]): ChangedCaseOp | string | null {
  const set: Record<string, Cell> = {};
  if (c.category !== r.category) set.category = r.category;
  if (r.helperName !== null && r.helperName !== c.helper_name) set.helper_name = r.helperName;
  let eliminates = false;
  if (r.eliminated) {
    if (c.status === 'identifying') return `本系统中案件 ${c.case_code} 仍在识别中，文件中已标注风险消除，请先在案件中办理完识别`;
    if (c.status === 'monitoring') {
      if (c.active_workflow !== null) return `案件 ${c.case_code} 正在办理${c.active_workflow === 'elimination' ? '风险消除' : '识别'}流程，请办完流程后再导入`;
      eliminates = true;
      set.status = 'eliminated';
      set.eliminated_date = r.eliminatedDate;
      set.elimination_method = r.eliminationMethod;
    } else {
      if (c.eliminated_date !== r.eliminatedDate) set.eliminated_date = r.eliminatedDate;
      if (c.elimination_method !== r.eliminationMethod) set.elimination_method = r.eliminationMethod;
    }
  } else if (c.status === 'eliminated') {
    return `本系统中案件 ${c.case_code} 已于 ${c.eliminated_date ?? ''} 标注风险消除，文件中仍为监测中。如风险返回，请在案件页办理回退`;
  }
  const have = new Set(risks.map((x) => x.risk_type));
  const want = new Set<string>(r.risks);
  const addRisks = r.risks.filter((x) => !have.has(x));
  const removeRisks = risks.filter((x) => !want.has(x.risk_type)).map((x) => ({ id: x.id, riskType: x.risk_type as RiskType }));
  if (Object.keys(set).length === 0 && addRisks.length === 0 && removeRisks.length === 0) return null;
  return { lines: r.lines, id: c.id, caseCode: c.case_code, householdId: c.household_id, record: r, set, addRisks, removeRisks, eliminates };
}
