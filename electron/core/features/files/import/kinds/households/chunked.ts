import type { InvalidRow, ParsedImport } from '../../types';
import { cellRenderer, providedFields } from '../../planCommon';
import { codesOfInvalid, type PlannedHousehold, type TypedPlan } from '../../plan';
import { progress, refreshSchedules, type Tx, type Writer } from '../../write';
import { collectGarbage, collectGarbageIfGrown } from '../../../../../memory';
import { householdPlanState, planHouseholdChunk } from './plan';
import { writeHouseholds } from './write';

// The households part of an apply, planned and written a chunk of the file at a time (issue 16).
// Planned whole, a county's file held every record, every planned row and the planning's garbage at
// once — the import's peak memory. A chunk is planned against the database as the earlier chunks
// left it, inside the import's one transaction, and its records are let go once written; what the
// chunks share (who the file has placed already, the 文件中已无 collector) is carried between them,
// so the outcome is the plan of the whole file. The preview still plans the file in one piece.

const chunkHouseholds = 1000;

export type HouseholdsParsed = Extract<ParsedImport, { kind: 'households' }>;

/**
 * Plans and writes every household of `parsed`; its records are spent afterwards. `created`: the
 * new households as written, for the national export's incomes and cases planned next.
 */
export async function planAndWriteHouseholds(
  tx: Tx,
  w: Writer,
  today: string,
  parsed: HouseholdsParsed,
  national: boolean,
  created?: Map<string, PlannedHousehold>,
): Promise<TypedPlan> {
  const state = await householdPlanState(tx, { codes: codesOfInvalid(parsed), missing: national });
  const render = cellRenderer(parsed);
  const provided = providedFields(parsed);
  const counts = { new: 0, changed: 0, unchanged: 0 };
  const conflicts: InvalidRow[] = [];
  const schedules: string[] = [];
  const records = parsed.records;
  for (let i = 0; i < records.length; i += chunkHouseholds) {
    const end = Math.min(records.length, i + chunkHouseholds);
    const planned = await planHouseholdChunk(tx, today, records.slice(i, end), render, provided, null, state);
    // Written below: from here the chunk's records live on only in its operations.
    records.fill(null as never, i, end);
    counts.new += planned.counts.new;
    counts.changed += planned.counts.changed;
    counts.unchanged += planned.counts.unchanged;
    for (const c of planned.conflicts) conflicts.push(c);
    // Written in bulk, not through the repository: the triggers note the households for their
    // search keys, built after the commit a chunk at a time (search/catchUp.ts).
    // The collections are done while SQLite writes the chunk's last members, rather than in turn.
    // After the last chunk, all that the chunks left behind goes before the parts that follow.
    const last = end === records.length;
    await writeHouseholds(tx, w, planned.operations, schedules, created, last ? collectGarbage : collectGarbageIfGrown);
    // The writer counted what it wrote; the chunk's unchanged and refused households count too.
    progress(w, end - i - planned.counts.new - planned.counts.changed);
  }
  records.length = 0;
  await refreshSchedules(tx, w, schedules);
  conflicts.sort((a, b) => a.line - b.line);
  return {
    parsed,
    counts: { ...counts, invalid: parsed.invalid.length + conflicts.length },
    conflicts,
    operations: { kind: 'households', inserts: [], updates: [] },
    refresh: await state.refresh.finish(tx),
  };
}
