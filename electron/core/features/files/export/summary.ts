import { sql, type Kysely } from 'kysely';
import { measureFamilies, measureFamilyLabels } from '../../../../../shared/contract/measures';
import { householdKinds, householdKindLabels } from '../../../../../shared/domain/household';
import type { LedgerColumn } from '../../../../../shared/domain/ledgerLayouts';
import {
  caseStatuses,
  caseStatusLabels,
  declineCauseLabels,
  declineCauses,
  eliminationMethods,
  eliminationMethodLabels,
  monitoringCategories,
  monitoringCategoryLabels,
  riskTypeLabels,
  riskTypes,
} from '../../../../../shared/domain/monitoring';
import type { Quarter } from '../../../../../shared/domain/quarter';
import { quarterRange } from '../../../../../shared/domain/quarter';
import type { HandlerContext } from '../../../context';
import type { DB } from '../../../db/schema';
import { summary as incomeSummary } from '../../income/service';
import { monthlySheets } from '../../subsidies/sheets';
import type { SheetPlan } from '../../../files/export/ledgerFile';
import type { LedgerRecord } from '../../../files/export/writers';

// 汇总表 of the quarterly submission: one sheet per table, one row per village and a 合计 row.

type Db = Kysely<DB>;

interface Village {
  id: string;
  name: string;
}

const int = (key: string, header: string, width = 10): LedgerColumn => ({ key, header, width, kind: 'int' });
const villageColumn: LedgerColumn = { key: 'village', header: '行政村', width: 14, kind: 'text' };

/** Counts keyed by village id then by a column key, from rows of (village_id, key, n). */
function tally(rows: readonly { village_id: string; k: string | null; n: number | bigint }[]): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = map.get(r.village_id) ?? new Map<string, number>();
    const key = r.k ?? '';
    m.set(key, (m.get(key) ?? 0) + Number(r.n));
    map.set(r.village_id, m);
  }
  return map;
}

/** One row per village plus 合计: `cells(villageCounts)` gives the row's values. */
function perVillage(villages: readonly Village[], counts: readonly Map<string, Map<string, number>>[], columns: readonly LedgerColumn[]): LedgerRecord[] {
  const numeric = columns.filter((c) => c.kind === 'int' || c.kind === 'money');
  const rows: LedgerRecord[] = [];
  const total: Record<string, number> = {};
  for (const v of villages) {
    const row: Record<string, string | number> = { village: v.name };
    for (const c of numeric) {
      let n = 0;
      for (const m of counts) n += m.get(v.id)?.get(c.key) ?? 0;
      row[c.key] = n;
      total[c.key] = (total[c.key] ?? 0) + n;
    }
    rows.push(row);
  }
  rows.push({ village: '合计', ...total });
  return rows;
}

/** Adds a 合计 column (sum of `keys`) to each row. */
function withSum(rows: LedgerRecord[], keys: readonly string[], into: string): LedgerRecord[] {
  return rows.map((r) => ({ ...r, [into]: keys.reduce((s, k) => s + Number(r[k] ?? 0), 0) }));
}

export async function summarySheets(ctx: HandlerContext, quarter: Quarter, incomeYear: number | null): Promise<SheetPlan[]> {
  const db: Db = ctx.db;
  const { from, to } = quarterRange(quarter);
  const villages: Village[] = await db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();

  // 1. 户类型统计 -----------------------------------------------------------------------------
  const kindRows = await db
    .selectFrom('households')
    .select(['village_id', 'kind as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .where('status', '=', 'active')
    .groupBy(['village_id', 'kind'])
    .execute();
  const flagRows = await sql<{ village_id: string; k: string; n: number }>`
    SELECT village_id, 'people' AS k, sum(member_count) AS n FROM households WHERE deleted_at IS NULL AND status = 'active' GROUP BY village_id
    UNION ALL SELECT village_id, 'dibao', count(*) FROM households WHERE deleted_at IS NULL AND status = 'active' AND dibao = 1 GROUP BY village_id
    UNION ALL SELECT village_id, 'tekun', count(*) FROM households WHERE deleted_at IS NULL AND status = 'active' AND tekun = 1 GROUP BY village_id
    UNION ALL SELECT village_id, 'relocated', count(*) FROM households WHERE deleted_at IS NULL AND status = 'active' AND relocated = 1 GROUP BY village_id
    UNION ALL SELECT village_id, 'noLabor', count(*) FROM households WHERE deleted_at IS NULL AND status = 'active' AND no_labor = 1 GROUP BY village_id`.execute(db);
  const kindColumns: LedgerColumn[] = [
    villageColumn,
    int('households', '在册户数'),
    ...householdKinds.map((k) => int(k, householdKindLabels[k])),
    int('people', '在册人数'),
    int('dibao', '低保户'),
    int('tekun', '特困供养户'),
    int('relocated', '易地扶贫搬迁户'),
    int('noLabor', '整户无劳动能力户'),
  ];
  const kindTable = withSum(perVillage(villages, [tally(kindRows), tally(flagRows.rows)], kindColumns), householdKinds, 'households');

  // 2. 监测对象统计 (category × status) ---------------------------------------------------------
  const caseRows = await db
    .selectFrom('monitoring_cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['h.village_id', sql<string>`c.status`.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.deleted_at', 'is', null)
    .groupBy(['h.village_id', 'c.status'])
    .execute();
  const categoryRows = await db
    .selectFrom('monitoring_cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['h.village_id', sql<string>`c.category || '.' || c.status`.as('k'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.deleted_at', 'is', null)
    .where('c.status', 'in', ['monitoring', 'eliminated'])
    .where('c.category', 'is not', null)
    .groupBy(['h.village_id', 'c.category', 'c.status'])
    .execute();
  const caseColumns: LedgerColumn[] = [
    villageColumn,
    ...caseStatuses.map((s) => int(s, caseStatusLabels[s], 12)),
    ...monitoringCategories.flatMap((c) => [
      int(`${c}.monitoring`, `${monitoringCategoryLabels[c]}·未消除`, 14),
      int(`${c}.eliminated`, `${monitoringCategoryLabels[c]}·已消除`, 14),
    ]),
    int('total', '合计'),
  ];
  const caseTable = withSum(perVillage(villages, [tally(caseRows), tally(categoryRows)], caseColumns), caseStatuses, 'total');

  // 3. 本季度新增与消除 -----------------------------------------------------------------------
  const quarterRows = await sql<{ village_id: string; k: string; n: number }>`
    SELECT h.village_id, 'clues' AS k, count(*) AS n FROM monitoring_cases c JOIN households h ON h.id = c.household_id
      WHERE c.deleted_at IS NULL AND c.clue_date BETWEEN ${from} AND ${to} GROUP BY h.village_id
    UNION ALL SELECT h.village_id, 'new.' || coalesce(c.category, ''), count(*) FROM monitoring_cases c JOIN households h ON h.id = c.household_id
      WHERE c.deleted_at IS NULL AND c.included_date BETWEEN ${from} AND ${to} GROUP BY h.village_id, c.category
    UNION ALL SELECT h.village_id, 'out.' || coalesce(c.elimination_method, ''), count(*) FROM monitoring_cases c JOIN households h ON h.id = c.household_id
      WHERE c.deleted_at IS NULL AND c.status = 'eliminated' AND c.eliminated_date BETWEEN ${from} AND ${to} GROUP BY h.village_id, c.elimination_method
    UNION ALL SELECT h.village_id, 'rejected', count(*) FROM monitoring_cases c JOIN households h ON h.id = c.household_id
      WHERE c.deleted_at IS NULL AND c.rejected_date BETWEEN ${from} AND ${to} GROUP BY h.village_id`.execute(db);
  const newKeys = monitoringCategories.map((c) => `new.${c}`);
  const outKeys = eliminationMethods.map((m) => `out.${m}`);
  const quarterColumns: LedgerColumn[] = [
    villageColumn,
    int('clues', '新增线索', 10),
    ...monitoringCategories.map((c) => int(`new.${c}`, `新纳入·${monitoringCategoryLabels[c]}`, 16)),
    int('newTotal', '新纳入合计', 11),
    ...eliminationMethods.map((m) => int(`out.${m}`, `风险消除·${eliminationMethodLabels[m]}`, 16)),
    int('outTotal', '风险消除合计', 12),
    int('rejected', '未纳入', 9),
  ];
  const quarterTable = withSum(withSum(perVillage(villages, [tally(quarterRows.rows)], quarterColumns), newKeys, 'newTotal'), outKeys, 'outTotal');

  // 4. 风险类型统计 (current risks of the cases still monitored) -------------------------------
  const riskRows = await db
    .selectFrom('case_risks as r')
    .innerJoin('monitoring_cases as c', 'c.id', 'r.case_id')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['h.village_id', 'r.risk_type as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('c.status', 'in', ['identifying', 'monitoring'])
    .groupBy(['h.village_id', 'r.risk_type'])
    .execute();
  const riskColumns: LedgerColumn[] = [villageColumn, ...riskTypes.map((r) => int(r, riskTypeLabels[r], 11))];
  const riskTable = perVillage(villages, [tally(riskRows)], riskColumns);

  // 5. 帮扶措施统计 ---------------------------------------------------------------------------
  const measureRows = await sql<{ village_id: string; k: string; n: number }>`
    SELECT h.village_id, coalesce(t.family, 'other') AS k, count(*) AS n FROM measures m JOIN households h ON h.id = m.household_id
      LEFT JOIN measure_types t ON t.code = m.measure_type_code
      WHERE m.deleted_at IS NULL AND m.status <> 'cancelled' GROUP BY h.village_id, coalesce(t.family, 'other')
    UNION ALL SELECT h.village_id, 'status.' || m.status, count(*) FROM measures m JOIN households h ON h.id = m.household_id
      WHERE m.deleted_at IS NULL AND m.status <> 'cancelled' GROUP BY h.village_id, m.status
    UNION ALL SELECT h.village_id, 'doneInQuarter', count(*) FROM measures m JOIN households h ON h.id = m.household_id
      WHERE m.deleted_at IS NULL AND m.status = 'done' AND m.done_date BETWEEN ${from} AND ${to} GROUP BY h.village_id
    UNION ALL SELECT h.village_id, 'amount', sum(coalesce(m.amount_fen, 0)) FROM measures m JOIN households h ON h.id = m.household_id
      WHERE m.deleted_at IS NULL AND m.status <> 'cancelled' GROUP BY h.village_id`.execute(db);
  const measureColumns: LedgerColumn[] = [
    villageColumn,
    int('measures', '措施合计', 10),
    ...measureFamilies.map((f) => int(f, measureFamilyLabels[f], 11)),
    int('status.planned', '计划中', 9),
    int('status.inProgress', '落实中', 9),
    int('status.done', '已落实', 9),
    int('doneInQuarter', '本季度落实', 11),
    { key: 'amount', header: '金额合计（元）', width: 14, kind: 'money' },
  ];
  const measureTable = withSum(perVillage(villages, [tally(measureRows.rows)], measureColumns), measureFamilies, 'measures');

  // 6. 走访完成情况 ---------------------------------------------------------------------------
  // 应走访: households on a visit cycle whose next visit fell due by the quarter's end, plus those
  // visited in the quarter (their visit was due and is done). 已走访: households visited in it.
  const lateBy = ctx.today() < to ? ctx.today() : to;
  const visitRows = await sql<{ village_id: string; k: string; n: number }>`
    SELECT h.village_id, 'due' AS k, count(*) AS n FROM households h
      WHERE h.deleted_at IS NULL AND h.visit_cycle IS NOT NULL AND (h.next_visit_due <= ${to}
        OR EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.deleted_at IS NULL AND v.visit_date BETWEEN ${from} AND ${to}))
      GROUP BY h.village_id
    UNION ALL SELECT h.village_id, 'visited', count(DISTINCT v.household_id) FROM visits v JOIN households h ON h.id = v.household_id
      WHERE v.deleted_at IS NULL AND v.visit_date BETWEEN ${from} AND ${to} GROUP BY h.village_id
    UNION ALL SELECT h.village_id, 'visits', count(*) FROM visits v JOIN households h ON h.id = v.household_id
      WHERE v.deleted_at IS NULL AND v.visit_date BETWEEN ${from} AND ${to} GROUP BY h.village_id
    UNION ALL SELECT h.village_id, 'overdue', count(*) FROM households h
      WHERE h.deleted_at IS NULL AND h.visit_cycle IS NOT NULL AND h.next_visit_due < ${lateBy} GROUP BY h.village_id`.execute(db);
  const visitColumns: LedgerColumn[] = [
    villageColumn,
    int('due', '应走访户数', 11),
    int('visited', '已走访户数', 11),
    int('visits', '走访次数', 9),
    int('overdue', '逾期未走访户数', 14),
    { key: 'rate', header: '完成率', width: 9, kind: 'percent' },
  ];
  const visitTable = perVillage(villages, [tally(visitRows.rows)], visitColumns).map((r) => ({
    ...r,
    rate: Number(r.due) > 0 ? Math.min(1, Number(r.visited) / Number(r.due)) : null,
  }));

  const sheets: SheetPlan[] = [
    { name: '户类型统计', columns: kindColumns, rows: kindTable },
    { name: '监测对象统计', columns: caseColumns, rows: caseTable },
    { name: '本季度新增与消除', columns: quarterColumns, rows: quarterTable },
    { name: '风险类型统计', columns: riskColumns, rows: riskTable },
    { name: '帮扶措施统计', columns: measureColumns, rows: measureTable },
    { name: '走访完成情况', columns: visitColumns, rows: visitTable },
  ];

  // 7. 收入变化 (the income year against the year before) -------------------------------------
  if (incomeYear !== null) {
    const s = await incomeSummary(ctx, { year: incomeYear });
    const averages = await sql<{ village_id: string; year: number; avg: number }>`
      SELECT h.village_id, i.year, avg(i.per_capita_fen) AS avg FROM incomes i JOIN households h ON h.id = i.household_id
        WHERE i.deleted_at IS NULL AND h.deleted_at IS NULL AND i.year IN (${incomeYear}, ${incomeYear - 1}) GROUP BY h.village_id, i.year`.execute(db);
    const avgOf = (villageId: string | null, year: number): number | null => {
      const list = averages.rows.filter((a) => a.year === year && (villageId === null || a.village_id === villageId));
      if (list.length === 0) return null;
      if (villageId !== null) return Math.round(Number(list[0]!.avg));
      return null;
    };
    const overall = await sql<{ year: number; avg: number }>`
      SELECT i.year, avg(i.per_capita_fen) AS avg FROM incomes i JOIN households h ON h.id = i.household_id
        WHERE i.deleted_at IS NULL AND h.deleted_at IS NULL AND i.year IN (${incomeYear}, ${incomeYear - 1}) GROUP BY i.year`.execute(db);
    const overallOf = (year: number): number | null => {
      const r = overall.rows.find((o) => o.year === year);
      return r ? Math.round(Number(r.avg)) : null;
    };
    const incomeColumns: LedgerColumn[] = [
      villageColumn,
      int('recorded', `${incomeYear}年有收入记录户数`, 14),
      { key: 'avg', header: `${incomeYear}年平均人均纯收入`, width: 16, kind: 'money' },
      { key: 'avgPrev', header: `${incomeYear - 1}年平均人均纯收入`, width: 16, kind: 'money' },
      int('compared', '两年可比户数', 12),
      int('declined', '减收户数', 9),
      { key: 'declineShare', header: '减收户占比', width: 10, kind: 'percent' },
      ...declineCauses.map((c) => int(`cause.${c}`, declineCauseLabels[c], 14)),
      int('withoutCause', '未填减收原因', 12),
    ];
    const toRow = (r: (typeof s.rows)[number], avg: number | null, avgPrev: number | null): LedgerRecord => ({
      village: r.villageName,
      recorded: r.recorded,
      avg,
      avgPrev,
      compared: r.compared,
      declined: r.declined,
      declineShare: r.declineShare,
      ...Object.fromEntries(declineCauses.map((c) => [`cause.${c}`, r.byCause[c]])),
      withoutCause: r.withoutCause,
    });
    const incomeTable = [
      ...s.rows.map((r) => toRow(r, avgOf(r.villageId ?? '', incomeYear), avgOf(r.villageId ?? '', incomeYear - 1))),
      toRow({ ...s.total, villageName: '合计' }, overallOf(incomeYear), overallOf(incomeYear - 1)),
    ];
    sheets.push({ name: '收入变化', columns: incomeColumns, rows: incomeTable });
  }
  // 8–9. 月报 R2 务工就业 and R3 公益岗 (EMPLOYMENT-FUNDS §3.1), for the quarter's last month.
  sheets.push(...(await monthlySheets(ctx, quarter)));
  return sheets;
}
