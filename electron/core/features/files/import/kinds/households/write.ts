import { memberInsertColumns, plannedHouseholdOf, type HouseholdOperations, type PlannedHousehold } from '../../plan';
import { collectGarbage } from '../../../../../memory';
import { newHouseholdSchedule, type ComputedSchedule } from '../../../../../derived/visitSchedule';
import { savedThresholds } from '../../../../../derived/thresholds';
import { bulkInsert, metaColumns, progress, refreshSchedules, withInserts, type Cell, type Tx, type Writer } from '../../write';

// The households part of the write: new households and members in bulk, changes one by one.

const householdInsertColumns = [
  'household_code', 'village_id', 'group_id', 'address', 'phone', 'kind', 'dibao', 'tekun', 'relocated', 'no_labor',
  'helper_name', 'helper_phone', 'head_name', 'head_id_number', 'member_count', 'status', 'closed_date', 'close_reason',
] as const;

const memberInsertColumnNames = [
  'name', 'id_number', 'sex', 'birth_date', 'relation', 'ethnicity', 'education', 'schooling', 'health', 'disability_category',
  'disability_grade', 'labor', 'work_status', 'medical_insurance', 'pension_insurance', 'phone', 'status', 'left_date', 'left_reason',
] as const;

/** Columns a new household's row leaves at the same value for the whole import. */
const newHouseholdConstants = { status: 'active', closed_date: null, close_reason: null } as const;
const newHouseholdColumns = householdInsertColumns.filter((c) => !(c in newHouseholdConstants));
/** The schedule columns, written with a new household's row (see schedulesOf). */
const scheduleColumns = ['visit_cycle', 'last_visit_date', 'next_visit_due'] as const;
/** Columns a new (current) member's row leaves at the same value for the whole import. */
const newMemberConstants = { status: 'current', left_date: null, left_reason: null } as const;
const newMemberColumns = memberInsertColumnNames.filter((c) => !(c in newMemberConstants));

/**
 * Writes the planned households. `schedules`: the list to collect the changed households whose
 * visit schedule must follow (a caller writing chunk by chunk refreshes them once at the end);
 * without it they are refreshed here; new households are written with theirs. `created`: where
 * to note each new household as written, by 户编号.
 * `whileWriting`: the caller's own work (a garbage collection) done while SQLite writes the last
 * members, which would otherwise wait for it or keep it waiting.
 */
export async function writeHouseholds(
  tx: Tx,
  w: Writer,
  ops: HouseholdOperations,
  schedules?: string[],
  created?: Map<string, PlannedHousehold>,
  whileWriting?: () => void,
): Promise<void> {
  const touchedSchedules: string[] = schedules ?? [];
  // The meta columns but the id are the same in every new row of this import.
  const [, ...metaValues] = w.meta();
  const metaConstants = Object.fromEntries(metaColumns.slice(1).map((c, i) => [c, metaValues[i] ?? null]));
  // A new household's visit schedule goes in with its row: reading every household back to
  // compute it and updating each row (the UPDATE's triggers firing per row) took 0.3-0.5 s of
  // SQLite's time in a county's import. It depends on the kind alone until the household has a
  // case or a visit (the cases part refreshes the households it writes cases for).
  const scheduleOf = ops.inserts.length > 0 ? await schedulesOf(tx, w) : () => noSchedule;
  // New households and their members, 1,000 households a round so progress moves and memory stays flat.
  // Each round is taken out of the plan, so a written household (and its members' records) can be
  // collected while the next round is written: at a county's size they are most of the import's memory.
  const round = 1000;
  let rounds = 0;
  await withInserts(tx, w, async (insert) => {
    while (ops.inserts.length > 0) {
      const slice = ops.inserts.splice(0, round);
      const households: Cell[][] = [];
      const ids: string[] = [];
      for (const op of slice) {
        const id = w.meta()[0] as string;
        ids.push(id);
        const h = op.household;
        const row: Record<(typeof householdInsertColumns)[number], Cell> = {
          household_code: h.householdCode,
          village_id: h.villageId,
          group_id: h.groupId,
          address: h.address,
          phone: h.phone,
          kind: h.kind,
          dibao: h.dibao ? 1 : 0,
          tekun: h.tekun ? 1 : 0,
          relocated: h.relocated ? 1 : 0,
          no_labor: op.noLabor ? 1 : 0,
          helper_name: h.helperName,
          helper_phone: h.helperPhone,
          head_name: op.headName,
          head_id_number: op.headIdNumber,
          member_count: op.members.length,
          ...newHouseholdConstants,
        };
        const schedule = scheduleOf(h.kind);
        households.push([id, ...newHouseholdColumns.map((c) => row[c]), ...scheduleColumns.map((c) => schedule[c])]);
        created?.set(h.householdCode, plannedHouseholdOf(id, op));
      }
      // The households are written while their members' rows are built (the main thread was idle
      // for SQLite, and SQLite for it, when the rows of both were built first).
      await insert('households', ['id', ...newHouseholdColumns, ...scheduleColumns], households, 1000, { ...metaConstants, ...newHouseholdConstants });
      const members: Cell[][] = [];
      slice.forEach((op, k) => {
        for (const mem of op.members) {
          const cols = memberInsertColumns(mem);
          members.push([w.meta()[0] as string, ids[k]!, ...newMemberColumns.map((c) => cols[c] ?? null), mem.sortOrder]);
        }
      });
      await insert('members', ['id', 'household_id', ...newMemberColumns, 'sort_order'], members, 1000, { ...metaConstants, ...newMemberConstants });
      progress(w, slice.length);
      // Every 10,000 households written: what they held is garbage now (see memory.ts).
      if (ops.inserts.length > 0 && ++rounds % 10 === 0) collectGarbage();
    }
    // With the last members' INSERT still running (or nothing written at all).
    whileWriting?.();
  });

  // Changed households: few in a normal import; each its own UPDATE.
  const added: Cell[][] = [];
  for (const op of ops.updates) {
    w.control.throwIfCancelled();
    for (const mu of op.memberUpdates) {
      await tx.updateTable('members').set({ ...mu.set, updated_at: w.now, updated_by: w.userId }).where('id', '=', mu.id).execute();
    }
    for (const mem of op.newMembers) {
      const cols = memberInsertColumns(mem);
      added.push([...w.meta(), op.id, ...memberInsertColumnNames.map((c) => cols[c] ?? null), mem.sortOrder]);
    }
    if (Object.keys(op.set).length > 0 || op.newMembers.length > 0 || op.memberUpdates.length > 0) {
      await tx.updateTable('households').set({ ...op.set, updated_at: w.now, updated_by: w.userId }).where('id', '=', op.id).execute();
    }
    if (op.scheduleMoves) touchedSchedules.push(op.id);
    progress(w, 1);
  }
  await bulkInsert(tx, w, 'members', [...metaColumns, 'household_id', ...memberInsertColumnNames, 'sort_order'], added, 1000);
  if (!schedules) await refreshSchedules(tx, w, touchedSchedules);
}

const noSchedule: ComputedSchedule = { visit_cycle: null, last_visit_date: null, next_visit_due: null };
/** Per import (its writer): the thresholds cannot change inside its transaction. */
const scheduleCache = new WeakMap<Writer, (kind: string) => ComputedSchedule>();

/** The new households' schedules by kind: every household of an import is registered at the same moment. */
async function schedulesOf(tx: Tx, w: Writer): Promise<(kind: string) => ComputedSchedule> {
  const cached = scheduleCache.get(w);
  if (cached) return cached;
  const saved = await savedThresholds(tx);
  const byKind = new Map<string, ComputedSchedule>();
  const of = (kind: string) => {
    let s = byKind.get(kind);
    if (!s) byKind.set(kind, (s = newHouseholdSchedule({ kind, status: newHouseholdConstants.status, created_at: w.now }, saved)));
    return s;
  };
  scheduleCache.set(w, of);
  return of;
}
