import {
  householdKindLabels,
  isNoLaborHousehold,
  memberStatusLabels,
  relationLabels,
  type Labor,
  type Relation,
  type MemberStatus,
} from '../../../../../../../shared/domain/household';
import { duplicateIdMessage, parseIdNumber } from '../../../../../../../shared/domain/idNumber';
import type { JobControl } from '../../../../../jobs';
import type { ImportedHousehold, InvalidRow, LineNumber } from '../../types';
import {
  conflictRows,
  householdsByCode,
  livingHolders,
  membersOfHouseholds,
  type Cell,
  type CellRenderer,
  type Db,
  type Holder,
  type HouseholdRecord,
  type MemberRecord,
  type PlannedHousehold,
  type Provided,
} from '../../planCommon';
import { placeNames, RefreshCollector } from '../../refresh/diff';

// The households part of the plan: new households, and changes to households and members the
// ledger already has (matched on 户编号 and the ID number).

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

/** A new household as the incomes and cases planners read it, under `id` (its own once written, a stand-in before). */
export function plannedHouseholdOf(id: string, op: NewHouseholdOp): PlannedHousehold {
  const h = op.household;
  return {
    id,
    household_code: h.householdCode,
    status: 'active',
    deleted_at: null,
    member_count: op.members.length,
    kind: h.kind,
    helper_name: h.helperName,
    helper_phone: h.helperPhone,
  };
}

export interface HouseholdOperations {
  kind: 'households';
  inserts: NewHouseholdOp[];
  updates: ChangedHouseholdOp[];
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

/** What planning households carries from one chunk of the file to the next. */
export interface HouseholdPlanState {
  refresh: RefreshCollector;
  /** ID numbers already taken by an earlier household of this file: id → that household's first line and code. */
  seenInFile: Map<string, { line: LineNumber; code: string }>;
  groups: Map<string, { id: string; village_id: string; deleted_at: string | null }>;
  villages: Map<string, { id: string; deleted_at: string | null }>;
}

/**
 * codes: 户编号 the file carries that are not among its records (invalid rows, households waiting
 * for a village mapping); missing: list what the ledger has and the file no longer carries (a
 * national export lists every household of its villages; an office's own sheet need not).
 */
export async function householdPlanState(db: Db, refreshOf: { codes: readonly string[]; missing: boolean } = { codes: [], missing: false }): Promise<HouseholdPlanState> {
  const refresh = new RefreshCollector(await placeNames(db), refreshOf.missing);
  for (const code of refreshOf.codes) refresh.inFile(code, null, null);
  const groups = new Map((await db.selectFrom('village_groups').select(['id', 'village_id', 'deleted_at']).execute()).map((g) => [g.id, g]));
  const villages = new Map((await db.selectFrom('villages').select(['id', 'deleted_at']).execute()).map((v) => [v.id, v]));
  return { refresh, seenInFile: new Map(), groups, villages };
}

/** The plan of the whole file at once (the preview, and files planned in one piece). */
export async function planHouseholds(
  db: Db,
  today: string,
  records: ImportedHousehold[],
  render: CellRenderer,
  provided: Provided,
  control: JobControl | null,
  refreshOf: { codes: readonly string[]; missing: boolean } = { codes: [], missing: false },
) {
  const state = await householdPlanState(db, refreshOf);
  const planned = await planHouseholdChunk(db, today, records, render, provided, control, state);
  return { ...planned, refresh: await state.refresh.finish(db) };
}

/**
 * One chunk of the file's households planned against the database as it is now; `state` carries
 * what the chunks share (who the file has already placed, the 文件中已无 collector). The import's
 * apply plans and writes a chunk at a time (issue 16: its peak memory), the preview all at once.
 */
export async function planHouseholdChunk(
  db: Db,
  today: string,
  records: readonly ImportedHousehold[],
  render: CellRenderer,
  provided: Provided,
  control: JobControl | null,
  state: HouseholdPlanState,
) {
  const { refresh, seenInFile, groups, villages } = state;
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

  for (const r of records) {
    const h = r.household;
    refresh.inFile(h.householdCode, h.villageId, h.kind);
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
    const dbMembers = membersOf.get(current.id) ?? [];
    refresh.membersLeft(current, dbMembers, new Set(ids.map((i) => i.value)));
    if (planned === null) counts.unchanged++;
    else {
      counts.changed++;
      ops.updates.push(planned);
      refresh.changed(current, dbMembers, planned);
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
