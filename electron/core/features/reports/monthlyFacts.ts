import { sql, type Kysely } from 'kysely';
import type { MonthlyFigures } from '../../../../shared/contract/monthlyReport';
import { addMonthRow, dayOf, emptyMonthRow, monthBounds, tallyMonth, type CaseFacts, type MonthFacts } from '../../../../shared/domain/monthlyReport';
import type { HouseholdKind } from '../../../../shared/domain/household';
import type { MonitoringCategory, RiskType } from '../../../../shared/domain/monitoring';
import { AppError } from '../../../../shared/lib/result';
import type { DB } from '../../db/schema';

// The rows the 月报 is counted from: only what can have existed by the month's end (entered by
// then), with the dates the rules in shared/domain/monthlyReport.ts read. A report is made once a
// month, so it reads plain rows and counts them in code with the same rules the tests check.

/** The facts the month's rules need, every row entered by the month's end. */
export async function monthFacts(db: Kysely<DB>, month: string): Promise<MonthFacts> {
  const { to } = monthBounds(month);
  // created_at is a timestamp; everything entered on the last day is in.
  const until = `${to}T99`;
  const [households, members, cases, measures, risks, visits] = await Promise.all([
    sql<{ village_id: string; kind: HouseholdKind; created_at: string; closed_date: string | null }>`
      SELECT village_id, kind, created_at, closed_date FROM households WHERE deleted_at IS NULL AND created_at < ${until}`.execute(db),
    sql<{ village_id: string; created_at: string; left_date: string | null; h_created: string; h_closed: string | null }>`
      SELECT h.village_id, m.created_at, m.left_date, h.created_at AS h_created, h.closed_date AS h_closed
      FROM members AS m JOIN households AS h ON h.id = m.household_id
      WHERE m.deleted_at IS NULL AND h.deleted_at IS NULL AND m.created_at < ${until}`.execute(db),
    sql<{ id: string; village_id: string; clue_date: string; included_date: string | null; eliminated_date: string | null; rejected_date: string | null; deadline_date: string; plan_due_date: string | null; category: MonitoringCategory | null }>`
      SELECT c.id, h.village_id, c.clue_date, c.included_date, c.eliminated_date, c.rejected_date, c.deadline_date, c.plan_due_date, c.category
      FROM monitoring_cases AS c JOIN households AS h ON h.id = c.household_id
      WHERE c.deleted_at IS NULL AND c.clue_date <= ${to}`.execute(db),
    sql<{ case_id: string; first: string }>`
      SELECT case_id, min(created_at) AS first FROM measures
      WHERE deleted_at IS NULL AND status <> 'cancelled' AND created_at < ${until} GROUP BY case_id`.execute(db),
    // A risk named when the case was opened stands from the clue's date (the case may be entered
    // days later); one added afterwards, from the day it was entered.
    sql<{ case_id: string; risk_type: RiskType; entered_on: string }>`
      SELECT r.case_id, r.risk_type,
        CASE WHEN substr(r.created_at, 1, 10) = substr(c.created_at, 1, 10) THEN min(c.clue_date, substr(r.created_at, 1, 10)) ELSE substr(r.created_at, 1, 10) END AS entered_on
      FROM case_risks AS r JOIN monitoring_cases AS c ON c.id = r.case_id
      WHERE r.deleted_at IS NULL AND c.deleted_at IS NULL AND c.clue_date <= ${to}`.execute(db),
    sql<{ village_id: string; household_id: string; visit_date: string }>`
      SELECT h.village_id, v.household_id, v.visit_date FROM visits AS v JOIN households AS h ON h.id = v.household_id
      WHERE v.deleted_at IS NULL AND v.visit_date BETWEEN ${`${to.slice(0, 4)}-01-01`} AND ${to}`.execute(db),
  ]);
  const firstMeasure = new Map(measures.rows.map((r) => [r.case_id, dayOf(r.first)]));
  const risksOf = new Map<string, CaseFacts['risks']>();
  for (const r of risks.rows) {
    const list = risksOf.get(r.case_id) ?? [];
    list.push({ type: r.risk_type, enteredOn: r.entered_on });
    risksOf.set(r.case_id, list);
  }
  return {
    households: households.rows.map((h) => ({ villageId: h.village_id, kind: h.kind, enteredOn: dayOf(h.created_at), closedOn: h.closed_date })),
    members: members.rows.map((m) => ({ villageId: m.village_id, enteredOn: dayOf(m.created_at), leftOn: m.left_date, householdEnteredOn: dayOf(m.h_created), householdClosedOn: m.h_closed })),
    cases: cases.rows.map((c) => ({
      villageId: c.village_id,
      clueDate: c.clue_date,
      includedDate: c.included_date,
      eliminatedDate: c.eliminated_date,
      rejectedDate: c.rejected_date,
      deadlineDate: c.deadline_date,
      planDueDate: c.plan_due_date,
      category: c.category,
      firstMeasureOn: firstMeasure.get(c.id) ?? null,
      risks: risksOf.get(c.id) ?? [],
    })),
    visits: visits.rows.map((v) => ({ villageId: v.village_id, householdId: v.household_id, visitDate: v.visit_date })),
  };
}

/** The month's figures by village (the office's order) and the township's total. */
export async function monthlyFigures(db: Kysely<DB>, month: string): Promise<MonthlyFigures> {
  const office = await db.selectFrom('office').select(['county_name', 'township_name']).where('deleted_at', 'is', null).executeTakeFirst();
  if (!office) throw new AppError('NOT_CONFIGURED', '请先完成单位设置');
  const villages = await db.selectFrom('villages').select(['id', 'code', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('code').execute();
  const rows = tallyMonth(await monthFacts(db, month), month);
  const total = emptyMonthRow();
  const list = villages.map((v) => {
    const row = rows.get(v.id) ?? emptyMonthRow();
    addMonthRow(total, row);
    return { villageId: v.id, code: v.code, name: v.name, row };
  });
  return { month, asOf: monthBounds(month).to, county: office.county_name, township: office.township_name, villages: list, total };
}
