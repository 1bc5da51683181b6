import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { PendingItem, PendingKind } from '../../../../shared/contract/pending';
import type { DB } from '../../db/schema';

// The 待补充 queries: one per kind, each giving the household (and case) it concerns. Only living
// records count: active households, current members, cases not deleted. Each kind is written once
// as its FROM…WHERE, so the list and the workbench's count (a count(*) per kind, no rows built)
// cannot drift apart. Each kind has a partial index holding just its rows (migration 0022); CROSS
// JOIN keeps that small side first, not a scan of every household.

type Db = Kysely<DB> | Transaction<DB>;

interface RawItem {
  household_id: string;
  household_code: string;
  head_name: string;
  village_id: string;
  village_name: string;
  detail: string;
  case_id: string | null;
}

interface KindQuery {
  /** The item's detail text and case id, as SQL select items. */
  select: RawBuilder<unknown>;
  /** FROM … WHERE …, with `h` the household and `v` its village joined. */
  from: (today: string) => RawBuilder<unknown>;
  /** Extra ORDER BY keys after the village and household code. */
  order: RawBuilder<unknown> | null;
}

const householdColumns = sql`h.id AS household_id, h.household_code, h.head_name, h.village_id, v.name AS village_name`;

const kinds: Record<PendingKind, KindQuery> = {
  disability: {
    select: sql`m.name || '：残疾类别/等级未填' AS detail, NULL AS case_id`,
    from: () => sql`FROM members m CROSS JOIN households h ON h.id = m.household_id JOIN villages v ON v.id = h.village_id
      WHERE m.deleted_at IS NULL AND m.status = 'current' AND m.health = 'disabled'
        AND (m.disability_category IS NULL OR m.disability_grade IS NULL)
        AND h.deleted_at IS NULL AND h.status = 'active'`,
    order: sql`m.sort_order`,
  },
  // Exited and monitored households have a 帮扶责任人; an ordinary household needs none.
  helper: {
    select: sql`'帮扶责任人未填' AS detail, NULL AS case_id`,
    from: () => sql`FROM households h JOIN villages v ON v.id = h.village_id
      WHERE h.deleted_at IS NULL AND h.status = 'active' AND h.kind <> 'ordinary' AND coalesce(trim(h.helper_name), '') = ''`,
    order: null,
  },
  incomeBreakdown: {
    select: sql`i.year || ' 年收入只有国家系统的人均纯收入，未分项' AS detail, NULL AS case_id`,
    // Named: left to itself SQLite reads every income year through ix_incomes_figures (16 ms at county scale on every workbench).
    from: () => sql`FROM incomes i INDEXED BY ix_incomes_pending_national CROSS JOIN households h ON h.id = i.household_id JOIN villages v ON v.id = h.village_id
      WHERE i.deleted_at IS NULL AND i.source = 'nationalPerCapita' AND h.deleted_at IS NULL AND h.status = 'active'`,
    order: sql`i.year`,
  },
  // The national export's 务工 columns (files/import/national/jobsWrite.ts): an open spell from it
  // without an income, and a 公益性岗位 the person holds there without an appointment here.
  jobDetail: {
    select: sql`m.name || '：' || CASE WHEN s.channel = 'welfarePost' AND NOT EXISTS (SELECT 1 FROM welfare_appointments a
        WHERE a.member_id = s.member_id AND a.deleted_at IS NULL AND a.status IN ('signed', 'onDuty'))
      THEN '国家系统名单中有公益性岗位（' || coalesce(s.job, '类型未填') || '），请在公益性岗位台账办理聘用登记；' ELSE '' END
      || CASE WHEN s.monthly_income_fen = 0 THEN '务工记录待补充月收入和起止日期' ELSE '' END AS detail, NULL AS case_id`,
    from: () => sql`FROM employment_spells s CROSS JOIN members m ON m.id = s.member_id JOIN households h ON h.id = s.household_id
      JOIN villages v ON v.id = h.village_id
      WHERE s.deleted_at IS NULL AND s.source = 'national' AND s.end_date IS NULL
        AND m.deleted_at IS NULL AND m.status = 'current' AND h.deleted_at IS NULL AND h.status = 'active'
        AND (s.monthly_income_fen = 0 OR (s.channel = 'welfarePost' AND NOT EXISTS (SELECT 1 FROM welfare_appointments a
          WHERE a.member_id = s.member_id AND a.deleted_at IS NULL AND a.status IN ('signed', 'onDuty'))))`,
    order: sql`m.sort_order`,
  },
  // DOMAIN §15: a case with no measure a month after identification.
  noMeasure: {
    select: sql`c.case_code || '：' || c.included_date || ' 识别纳入，已满一个月仍无帮扶措施' AS detail, c.id AS case_id`,
    from: (today) => sql`FROM monitoring_cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
      WHERE c.deleted_at IS NULL AND c.status = 'monitoring' AND c.included_date IS NOT NULL
        AND c.included_date <= date(${today}, '-1 month')
        AND NOT EXISTS (SELECT 1 FROM measures ms WHERE ms.case_id = c.id AND ms.deleted_at IS NULL)`,
    order: null,
  },
  // DOMAIN §15: risk eliminated in the same or the next month as identification.
  quickElimination: {
    select: sql`c.case_code || '：' || c.included_date || ' 识别，' || c.eliminated_date || ' 即消除风险，请核实' AS detail, c.id AS case_id`,
    from: () => sql`FROM monitoring_cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
      WHERE c.deleted_at IS NULL AND c.status = 'eliminated' AND c.included_date IS NOT NULL AND c.eliminated_date IS NOT NULL
        AND substr(c.eliminated_date, 1, 7) <= substr(date(substr(c.included_date, 1, 7) || '-01', '+1 month'), 1, 7)`,
    order: null,
  },
};

export async function pendingItems(db: Db, kind: PendingKind, today: string): Promise<PendingItem[]> {
  const q = kinds[kind];
  const order = q.order ? sql`v.name, h.household_code, ${q.order}` : sql`v.name, h.household_code`;
  const rows = (await sql<RawItem>`SELECT ${householdColumns}, ${q.select} ${q.from(today)} ORDER BY ${order}`.execute(db)).rows;
  return rows.map((r) => ({
    kind,
    householdId: r.household_id,
    householdCode: r.household_code,
    headName: r.head_name,
    villageId: r.village_id,
    villageName: r.village_name,
    detail: r.detail,
    caseId: r.case_id,
  }));
}

/** How many items of one kind there are: the same FROM…WHERE as the list, counted in SQL. */
export async function countPendingItems(db: Db, kind: PendingKind, today: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n ${kinds[kind].from(today)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The households with at least one open 待补充 item (their own or a member's), as a subquery for
 * a ledger's `h.id IN (…)`: each kind's own FROM…WHERE selecting its household id, joined by
 * UNION, so the ledger filter and the 待补充 page cannot disagree. SQLite builds the set once per
 * query (an uncorrelated IN), from each kind's partial index, and probes it per household.
 */
export function pendingHouseholdIds(today: string): RawBuilder<unknown> {
  const parts = Object.values(kinds).map((q) => sql`SELECT h.id ${q.from(today)}`);
  return sql.join(parts, sql` UNION `);
}
