import {
  disabilityCategoryLabels,
  disabilityGradeLabels,
  educationLabels,
  healthLabels,
  householdKindLabels,
  laborLabels,
  memberFieldLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
} from '../../../../../../shared/domain/household';
import { maxRefreshChanges, type RefreshChange, type RefreshEntry, type RefreshFindings, type RefreshMissing } from '../../../../../../shared/contract/importRefresh';
import type { ChangedHouseholdOp } from '../kinds/households/plan';
import type { Cell, Db, HouseholdRecord, MemberRecord } from '../planCommon';
import { missingHouseholds } from './missing';

// The monthly refresh's findings, gathered while the households are planned, one household at a
// time: only the differences are kept (never the ledger a second time), as Chinese labels and
// display values, so the preview sends them as they are. A file of 30,000 unchanged households
// keeps nothing but the set of its 户编号 (for the 文件中已无 check).

type Labels = Readonly<Record<string, string>>;
const yesNo: Labels = { 1: '是', 0: '否' };

/** Household columns the import sets, with their label and how their values read. */
const householdColumns: Readonly<Record<string, { label: string; values?: Labels | 'village' | 'group' }>> = {
  village_id: { label: '行政村', values: 'village' },
  group_id: { label: '村民小组', values: 'group' },
  address: { label: '住址' },
  phone: { label: '户联系电话' },
  kind: { label: '户类型', values: householdKindLabels },
  dibao: { label: '低保户', values: yesNo },
  tekun: { label: '特困供养', values: yesNo },
  relocated: { label: '易地扶贫搬迁', values: yesNo },
  helper_name: { label: '帮扶责任人' },
  helper_phone: { label: '帮扶责任人电话' },
  head_name: { label: '户主' },
  member_count: { label: '人口' },
  no_labor: { label: '整户无劳动能力', values: yesNo },
};

const memberColumns: Readonly<Record<string, { label: string; values?: Labels }>> = {
  name: { label: memberFieldLabels.name },
  relation: { label: memberFieldLabels.relation, values: relationLabels },
  ethnicity: { label: memberFieldLabels.ethnicity },
  education: { label: memberFieldLabels.education, values: educationLabels },
  schooling: { label: memberFieldLabels.schooling, values: schoolingLabels },
  health: { label: memberFieldLabels.health, values: healthLabels },
  disability_category: { label: memberFieldLabels.disabilityCategory, values: disabilityCategoryLabels },
  disability_grade: { label: memberFieldLabels.disabilityGrade, values: disabilityGradeLabels },
  labor: { label: memberFieldLabels.labor, values: laborLabels },
  work_status: { label: memberFieldLabels.workStatus, values: workStatusLabels },
  medical_insurance: { label: memberFieldLabels.medicalInsurance, values: yesNo },
  pension_insurance: { label: memberFieldLabels.pensionInsurance, values: yesNo },
  phone: { label: '本人联系电话' },
};

export interface PlaceNames {
  villages: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
}

export async function placeNames(db: Db): Promise<PlaceNames> {
  const villages = new Map((await db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name]));
  const groups = new Map((await db.selectFrom('village_groups').select(['id', 'name']).execute()).map((g) => [g.id, g.name]));
  return { villages, groups };
}

function shown(v: Cell | undefined, values: Labels | 'village' | 'group' | undefined, names: PlaceNames): string | null {
  if (v === null || v === undefined || v === '') return null;
  const key = String(v);
  if (values === 'village') return names.villages.get(key) ?? key;
  if (values === 'group') return names.groups.get(key) ?? key;
  return values?.[key] ?? key;
}

export class RefreshCollector {
  private readonly changes: RefreshChange[] = [];
  private changedTotal = 0;
  private readonly missingMembers: RefreshMissing[] = [];
  /** Every 户编号 the file carries (planned, refused or waiting): none of them is 文件中已无. */
  private readonly codes = new Set<string>();
  private readonly villageIds = new Set<string>();
  private readonly kinds = new Set<string>();

  constructor(
    private readonly names: PlaceNames,
    /** Whether to list 文件中已无 rows at all (a national export: yes). */
    private readonly missingCheck: boolean,
  ) {}

  /** A household of the file, wherever its planning ends. */
  inFile(code: string, villageId: string | null, kind: string | null): void {
    this.codes.add(code);
    if (villageId) this.villageIds.add(villageId);
    if (kind) this.kinds.add(kind);
  }

  /** A household of the ledger the file changes: its entries, from the planned operation and the row as it is. */
  changed(current: HouseholdRecord, dbMembers: readonly MemberRecord[], op: ChangedHouseholdOp): void {
    this.changedTotal += 1;
    if (this.changes.length >= maxRefreshChanges) return;
    const entries: RefreshEntry[] = [];
    for (const [column, next] of Object.entries(op.set)) {
      const def = householdColumns[column];
      if (!def) continue;
      const before = shown(current[column as keyof HouseholdRecord] as Cell, def.values, this.names);
      const after = shown(next, def.values, this.names);
      if (before !== after) entries.push({ field: def.label, member: null, before, after });
    }
    const byId = new Map(dbMembers.map((m) => [m.id, m]));
    for (const u of op.memberUpdates) {
      const known = byId.get(u.id);
      for (const [column, next] of Object.entries(u.set)) {
        const def = memberColumns[column];
        if (!def || !known) continue;
        const before = shown(known[column as keyof MemberRecord] as Cell, def.values, this.names);
        const after = shown(next, def.values, this.names);
        if (before !== after) entries.push({ field: def.label, member: u.name, before, after });
      }
    }
    for (const n of op.newMembers) {
      entries.push({ field: '新增成员', member: n.member.name, before: null, after: `${relationLabels[n.member.relation]}，${n.birthDate} 生` });
    }
    this.changes.push({
      householdId: current.id,
      householdCode: current.household_code,
      headName: current.head_name,
      villageName: this.names.villages.get(current.village_id) ?? '',
      entries,
    });
  }

  /** Current members of a household the file lists who are not among its rows. */
  membersLeft(current: HouseholdRecord, dbMembers: readonly MemberRecord[], fileIds: ReadonlySet<string>): void {
    if (!this.missingCheck) return;
    for (const m of dbMembers) {
      if (m.status !== 'current' || m.deleted_at !== null || fileIds.has(m.id_number)) continue;
      this.missingMembers.push({
        kind: 'member',
        id: m.id,
        householdCode: current.household_code,
        name: m.name,
        villageName: this.names.villages.get(current.village_id) ?? '',
        detail: `${relationLabels[m.relation as keyof typeof relationLabels] ?? m.relation}，${m.birth_date} 生`,
      });
    }
  }

  /** The findings, with the households of the covered villages the file no longer lists; null when there is nothing to show. */
  async finish(db: Db): Promise<RefreshFindings | null> {
    const households = !this.missingCheck ? [] : await missingHouseholds(db, [...this.villageIds], [...this.kinds], [...this.codes], this.names);
    this.codes.clear();
    if (this.changedTotal === 0 && households.length === 0 && this.missingMembers.length === 0) return null;
    return { changes: this.changes, changedTotal: this.changedTotal, missing: [...households, ...this.missingMembers] };
  }
}
