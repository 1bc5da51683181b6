import { sql, type Kysely } from 'kysely';
import type { Figures } from '../../../../shared/contract/reports';
import { householdKinds } from '../../../../shared/domain/household';
import { caseStatuses, monitoringCategories, riskTypes } from '../../../../shared/domain/monitoring';
import { currentQuarter, trendMonths } from '../../../../shared/domain/workbench';
import type { DB } from '../../db/schema';

// The key figures, each read once grouped by village: the township's figures are the sum of its
// villages'. Every query is a grouped scan of one indexed table (or a small join onto the open
// cases), so the whole set stays well inside the workbench's budget at county scale. A case's
// village is read from the narrow (id, village_id) index, named because SQLite otherwise takes the
// primary key and reads each household's whole row.

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function emptyFigures(incomeYear: number): Figures {
  return {
    households: zeros(householdKinds),
    householdTotal: 0,
    population: 0,
    casesByStatus: zeros(caseStatuses),
    openByCategory: zeros(monitoringCategories),
    includedThisYear: 0,
    eliminatedThisYear: 0,
    risksByType: zeros(riskTypes),
    monitoringCases: 0,
    monitoringWithMeasure: 0,
    visitsDueThisQuarter: 0,
    visitsDoneThisQuarter: 0,
    incomeYear,
    perCapitaFen: null,
    perCapitaPrevFen: null,
  };
}

function bump<K extends string>(rec: Record<K, number>, key: string, n: number): void {
  if (Object.prototype.hasOwnProperty.call(rec, key)) rec[key as K] += n;
}

interface Income {
  sum: number;
  n: number;
}

export interface VillageFigures {
  byVillage: Map<string, Figures>;
  incomeYear: number;
  /** Income sums per village, for the township's means (means cannot be added). */
  incomeSums: Map<string, { cur: Income; prev: Income }>;
}

/** Figures per village id as of `today`. */
export async function villageFigures(db: Kysely<DB>, today: string): Promise<VillageFigures> {
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const quarter = currentQuarter(today);
  const latestIncome = await db
    .selectFrom('incomes')
    .select((eb) => eb.fn.max('year').as('y'))
    .where('deleted_at', 'is', null)
    .where('year', '<=', year)
    .executeTakeFirst();
  const incomeYear = latestIncome?.y ?? year;

  const [households, cases, risks, incomes] = await Promise.all([
    sql<{ village_id: string; kind: string; n: number; people: number; vdue: number; vdone: number }>`
      SELECT village_id, kind, count(*) AS n, sum(member_count) AS people,
        sum(visit_cycle IS NOT NULL AND ((last_visit_date BETWEEN ${quarter.from} AND ${today}) OR next_visit_due <= ${quarter.to})) AS vdue,
        sum(visit_cycle IS NOT NULL AND last_visit_date BETWEEN ${quarter.from} AND ${today}) AS vdone
      FROM households WHERE deleted_at IS NULL AND status = 'active'
      GROUP BY village_id, kind`.execute(db),
    sql<{ village_id: string; status: string; category: string | null; n: number; included: number; eliminated: number; with_measure: number }>`
      SELECT h.village_id, c.status, c.category, count(*) AS n,
        sum(c.included_date BETWEEN ${yearStart} AND ${today}) AS included,
        sum(c.eliminated_date BETWEEN ${yearStart} AND ${today}) AS eliminated,
        sum(c.status = 'monitoring' AND EXISTS (SELECT 1 FROM measures AS m WHERE m.case_id = c.id AND m.status <> 'cancelled' AND m.deleted_at IS NULL)) AS with_measure
      FROM monitoring_cases AS c JOIN households AS h INDEXED BY ix_households_village_of ON h.id = c.household_id
      WHERE c.deleted_at IS NULL
      GROUP BY h.village_id, c.status, c.category`.execute(db),
    sql<{ village_id: string; risk_type: string; n: number }>`
      SELECT h.village_id, r.risk_type, count(*) AS n
      FROM monitoring_cases AS c
        JOIN case_risks AS r ON r.case_id = c.id AND r.deleted_at IS NULL
        JOIN households AS h INDEXED BY ix_households_village_of ON h.id = c.household_id
      WHERE c.deleted_at IS NULL AND c.status IN ('identifying', 'monitoring')
      GROUP BY h.village_id, r.risk_type`.execute(db),
    // 监测户 only: their income is what the monitoring is about, and it keeps the read to a few thousand rows.
    sql<{ village_id: string; year: number; total: number; n: number }>`
      SELECT h.village_id, i.year, sum(i.per_capita_fen) AS total, count(*) AS n
      FROM households AS h JOIN incomes AS i ON i.household_id = h.id AND i.year IN (${incomeYear}, ${incomeYear - 1}) AND i.deleted_at IS NULL
      WHERE h.kind = 'monitored' AND h.deleted_at IS NULL AND h.status = 'active'
      GROUP BY h.village_id, i.year`.execute(db),
  ]);

  const byVillage = new Map<string, Figures>();
  const incomeSums = new Map<string, { cur: Income; prev: Income }>();
  const of = (villageId: string): Figures => {
    let f = byVillage.get(villageId);
    if (!f) byVillage.set(villageId, (f = emptyFigures(incomeYear)));
    return f;
  };
  for (const r of households.rows) {
    const f = of(r.village_id);
    bump(f.households, r.kind, Number(r.n));
    f.householdTotal += Number(r.n);
    f.population += Number(r.people);
    f.visitsDueThisQuarter += Number(r.vdue);
    f.visitsDoneThisQuarter += Number(r.vdone);
  }
  for (const r of cases.rows) {
    const f = of(r.village_id);
    const n = Number(r.n);
    bump(f.casesByStatus, r.status, n);
    if ((r.status === 'identifying' || r.status === 'monitoring') && r.category) bump(f.openByCategory, r.category, n);
    f.includedThisYear += Number(r.included);
    f.eliminatedThisYear += Number(r.eliminated);
    if (r.status === 'monitoring') f.monitoringCases += n;
    f.monitoringWithMeasure += Number(r.with_measure);
  }
  for (const r of risks.rows) bump(of(r.village_id).risksByType, r.risk_type, Number(r.n));
  for (const r of incomes.rows) {
    of(r.village_id);
    const s = incomeSums.get(r.village_id) ?? { cur: { sum: 0, n: 0 }, prev: { sum: 0, n: 0 } };
    const slot = Number(r.year) === incomeYear ? s.cur : s.prev;
    slot.sum += Number(r.total);
    slot.n += Number(r.n);
    incomeSums.set(r.village_id, s);
  }
  for (const [villageId, s] of incomeSums) {
    const f = of(villageId);
    f.perCapitaFen = mean(s.cur);
    f.perCapitaPrevFen = mean(s.prev);
  }
  return { byVillage, incomeYear, incomeSums };
}

function mean(s: Income): number | null {
  return s.n === 0 ? null : Math.round(s.sum / s.n);
}

/** The township's figures: the villages' counts added, the income means recomputed from their sums. */
export function townshipFigures({ byVillage, incomeYear, incomeSums }: VillageFigures): Figures {
  const t = emptyFigures(incomeYear);
  const addRec = <K extends string>(into: Record<K, number>, from: Record<K, number>): void => {
    for (const k of Object.keys(from) as K[]) into[k] += from[k];
  };
  for (const f of byVillage.values()) {
    addRec(t.households, f.households);
    addRec(t.casesByStatus, f.casesByStatus);
    addRec(t.openByCategory, f.openByCategory);
    addRec(t.risksByType, f.risksByType);
    t.householdTotal += f.householdTotal;
    t.population += f.population;
    t.includedThisYear += f.includedThisYear;
    t.eliminatedThisYear += f.eliminatedThisYear;
    t.monitoringCases += f.monitoringCases;
    t.monitoringWithMeasure += f.monitoringWithMeasure;
    t.visitsDueThisQuarter += f.visitsDueThisQuarter;
    t.visitsDoneThisQuarter += f.visitsDoneThisQuarter;
  }
  {
    const cur = { sum: 0, n: 0 };
    const prev = { sum: 0, n: 0 };
    for (const s of incomeSums.values()) {
      cur.sum += s.cur.sum;
      cur.n += s.cur.n;
      prev.sum += s.prev.sum;
      prev.n += s.prev.n;
    }
    t.perCapitaFen = mean(cur);
    t.perCapitaPrevFen = mean(prev);
  }
  return t;
}

/** Cases included and eliminated per month over the 24 months ending with today's month. */
export async function trend(db: Kysely<DB>, today: string): Promise<{ month: string; included: number; eliminated: number }[]> {
  const months = trendMonths(today);
  const from = `${months[0]!}-01`;
  const rows = await sql<{ m: string; what: string; n: number }>`
    SELECT substr(included_date, 1, 7) AS m, 'included' AS what, count(*) AS n FROM monitoring_cases
      WHERE deleted_at IS NULL AND included_date BETWEEN ${from} AND ${today} GROUP BY m
    UNION ALL
    SELECT substr(eliminated_date, 1, 7) AS m, 'eliminated' AS what, count(*) AS n FROM monitoring_cases
      WHERE deleted_at IS NULL AND eliminated_date BETWEEN ${from} AND ${today} GROUP BY m`.execute(db);
  const by = new Map(months.map((m) => [m, { month: m, included: 0, eliminated: 0 }]));
  for (const r of rows.rows) {
    const slot = by.get(r.m);
    if (!slot) continue;
    if (r.what === 'included') slot.included += Number(r.n);
    else slot.eliminated += Number(r.n);
  }
  return [...by.values()];
}
