import { sql } from 'kysely';
import type { RefreshMissing } from '../../../../../../shared/contract/importRefresh';
import { householdKindLabels } from '../../../../../../shared/domain/household';
import type { Db } from '../planCommon';
import type { PlaceNames } from './diff';

// 文件中已无, households: active households of the ledger that the file does not list — only in
// the villages the file covers (a file of one village does not list every other village's
// households) and only of the household kinds the file carries (an 已脱贫人口名单 lists no
// 监测户 and no 一般农户: they are not "gone" because that list leaves them out). The file's codes
// travel as one JSON parameter and SQLite does the set difference, so the ledger is not read
// into memory.

interface Row {
  id: string;
  household_code: string;
  head_name: string;
  village_id: string;
  member_count: number;
  kind: string;
}

export async function missingHouseholds(
  db: Db,
  villageIds: readonly string[],
  kinds: readonly string[],
  codes: readonly string[],
  names: PlaceNames,
): Promise<RefreshMissing[]> {
  if (villageIds.length === 0 || kinds.length === 0) return [];
  const rows = (
    await sql<Row>`SELECT h.id, h.household_code, h.head_name, h.village_id, h.member_count, h.kind FROM households h
      WHERE h.village_id IN (SELECT value FROM json_each(${JSON.stringify(villageIds)}))
        AND h.kind IN (SELECT value FROM json_each(${JSON.stringify(kinds)}))
        AND h.status = 'active' AND h.deleted_at IS NULL
        AND h.household_code NOT IN (SELECT value FROM json_each(${JSON.stringify(codes)}))
      ORDER BY h.village_id, h.household_code`.execute(db)
  ).rows;
  return rows.map((h) => ({
    kind: 'household',
    id: h.id,
    householdCode: h.household_code,
    name: h.head_name,
    villageName: names.villages.get(h.village_id) ?? '',
    detail: `${h.member_count} 人，${householdKindLabels[h.kind as keyof typeof householdKindLabels] ?? h.kind}`,
  }));
}
