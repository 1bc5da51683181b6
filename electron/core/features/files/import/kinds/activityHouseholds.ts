import { sql } from 'kysely';
import { householdsByCode, inChunks, livingHolders, type Db, type HouseholdRecord } from '../planCommon';
import type { HouseholdRef } from '../types';

// The planners of the activity ledgers (measures, visits) find each row's household by 户编号, or
// by the 证件号码 of a person living in it, and the household's open monitoring case.

export interface FoundHousehold {
  id: string;
  code: string;
  headName: string;
  status: string;
}

export interface OpenCase {
  id: string;
  householdId: string;
  caseCode: string;
}

export type Lookup = { ok: true; household: FoundHousehold } | { ok: false; reason: string };

export interface HouseholdFinder {
  find(ref: HouseholdRef): Lookup;
}

function found(h: HouseholdRecord): FoundHousehold {
  return { id: h.id, code: h.household_code, headName: h.head_name, status: h.status };
}

/** Reads every household the records name, in a few queries; `find` then answers row by row. */
export async function householdFinder(db: Db, refs: readonly HouseholdRef[]): Promise<HouseholdFinder> {
  const codes = refs.map((r) => r.householdCode).filter((c): c is string => c !== null);
  const ids = refs.map((r) => r.idNumber).filter((c): c is string => c !== null);
  const byCode = new Map((await householdsByCode(db, codes)).filter((h) => h.deleted_at === null).map((h) => [h.household_code, found(h)]));
  const holders = await livingHolders(db, ids);
  const holderHouseholds = await householdsByCode(
    db,
    holders.map((h) => h.household_code),
  );
  const byHouseholdCode = new Map(holderHouseholds.filter((h) => h.deleted_at === null).map((h) => [h.household_code, found(h)]));
  const byId = new Map(holders.map((h) => [h.id_number, { name: h.name, household: byHouseholdCode.get(h.household_code) ?? null }]));
  return {
    find(ref) {
      const fromCode = ref.householdCode !== null ? (byCode.get(ref.householdCode) ?? null) : null;
      const holder = ref.idNumber !== null ? (byId.get(ref.idNumber) ?? null) : null;
      if (ref.householdCode !== null && fromCode === null) {
        return { ok: false, reason: `台账中没有户编号为 ${ref.householdCode} 的农户，请先导入或登记该户，再导入这一行` };
      }
      if (fromCode !== null) {
        if (holder?.household && holder.household.id !== fromCode.id) {
          return { ok: false, reason: `证件号码 ${ref.idNumber ?? ''}（${holder.name}）属于户编号 ${holder.household.code} 那一户，与本行的户编号 ${fromCode.code} 不符，请核对` };
        }
        return { ok: true, household: fromCode };
      }
      if (!holder?.household) {
        return { ok: false, reason: `台账中没有证件号码为 ${ref.idNumber ?? ''} 的在册人员，请核对证件号码，或填写户编号` };
      }
      return { ok: true, household: holder.household };
    },
  };
}

/** The open case (识别中 or 监测中) of each household, the latest when there are several. */
export async function openCasesOf(db: Db, householdIds: readonly string[]): Promise<Map<string, OpenCase>> {
  const rows = await inChunks(householdIds, async (json) =>
    (
      await sql<{ id: string; household_id: string; case_code: string }>`SELECT id, household_id, case_code FROM monitoring_cases
        WHERE household_id IN (SELECT value FROM json_each(${json})) AND deleted_at IS NULL AND status IN ('identifying', 'monitoring')
        ORDER BY clue_date, id`.execute(db)
    ).rows,
  );
  return new Map(rows.map((r) => [r.household_id, { id: r.id, householdId: r.household_id, caseCode: r.case_code }]));
}
