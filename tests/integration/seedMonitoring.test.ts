import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { DB } from '../../electron/core/db/schema';
import { openDatabase } from '../../electron/core/db/open';
import { savedThresholds } from '../../electron/core/derived/thresholds';
import { generateTownship } from '../../electron/cli/seed/generator';
import { generateMonitoring, type SeedMonitoring } from '../../electron/cli/seed/monitoringGenerator';
import { seedCatalog, writeMonitoring } from '../../electron/cli/seed/monitoringWrite';
import { writeSeed } from '../../electron/cli/seed/write';
import { netIncomeFen, perCapitaFen, type IncomeAmounts } from '../../shared/domain/income';
import { eliminationSteps, identificationSteps, type CaseStatus } from '../../shared/domain/monitoring';
import { earliestEliminationDate, noticeLength, thresholdsInForce, type Thresholds } from '../../shared/domain/thresholds';
import { nextVisitDue, visitCycleOf } from '../../shared/domain/visitSchedule';
import type { HouseholdKind, HouseholdStatus } from '../../shared/domain/household';

const asOf = '2026-11-23';
const office = { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' };
const township = generateTownship({ seed: 3, households: 300, countyCode: '350421', townshipCode: '350421101', asOf });
const catalog = seedCatalog().types;
const options = { seed: 3, asOf, catalog };

const dataDir = mkdtempSync(join(tmpdir(), 'ledger-seed-monitoring-'));
let db: Kysely<DB>;
let data: SeedMonitoring;
let saved: Thresholds[];

beforeAll(async () => {
  data = generateMonitoring(township, options);
  db = (await openDatabase({ dataDir })).db;
  await writeSeed(db, township, office, new Date(`${asOf}T01:00:00Z`));
  await writeMonitoring(db, township, data, new Date(`${asOf}T08:00:00Z`));
  saved = await savedThresholds(db);
});
afterAll(async () => {
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const rows = async <T>(query: string): Promise<T[]> => (await sql.raw<T>(query).execute(db)).rows;
const t = (date: string) => thresholdsInForce(saved, date);

describe('monitoring seed', () => {
  it('is deterministic per seed, and scaled to the households', () => {
    expect(generateMonitoring(township, options)).toEqual(data);
    expect(generateMonitoring(township, { ...options, seed: 4 })).not.toEqual(data);
    // About a tenth of the households (every 监测户 has one, so a small township may have a few more).
    expect(data.cases.length).toBeGreaterThanOrEqual(27);
    expect(data.cases.length).toBeLessThanOrEqual(36);
    expect(data.incomes).toHaveLength(900);
    expect(data.thresholds.map((x) => x.year)).toEqual([2024, 2025, 2026]);
    const byStatus = Object.fromEntries(['identifying', 'monitoring', 'eliminated', 'rejected'].map((s) => [s, data.cases.filter((c) => c.status === s).length]));
    expect(byStatus.monitoring).toBeGreaterThan(byStatus.eliminated!);
    expect(byStatus.identifying).toBeGreaterThan(0);
    expect(byStatus.rejected).toBeGreaterThan(0);
    expect(data.measures.length).toBeGreaterThan(100);
    expect(data.visits.length).toBeGreaterThan(200);
  });

  it('refuses to write the monitoring set twice', async () => {
    await expect(writeMonitoring(db, township, data, new Date())).rejects.toThrow(/已有监测数据/);
  });

  it('leaves no dangling reference', async () => {
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
    const codes = new Set(catalog.map((c) => c.code));
    const used = await rows<{ code: string }>('SELECT DISTINCT measure_type_code AS code FROM measures');
    expect(used.filter((u) => !codes.has(u.code))).toEqual([]);
  });

  it('has at most one open case per household, and every 监测户 has a case', async () => {
    expect(await rows(`SELECT household_id FROM monitoring_cases WHERE status IN ('identifying', 'monitoring') GROUP BY household_id HAVING count(*) > 1`)).toEqual([]);
    expect(await rows(`SELECT h.id FROM households h WHERE h.kind = 'monitored' AND NOT EXISTS (SELECT 1 FROM monitoring_cases c WHERE c.household_id = h.id AND c.status IN ('monitoring', 'eliminated'))`)).toEqual([]);
    expect(await rows(`SELECT id FROM monitoring_cases WHERE case_code NOT GLOB 'JC[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'`)).toEqual([]);
  });

  it('records the workflow steps in order, with dates, deadlines and notices that follow the thresholds', async () => {
    const cases = await rows<{
      id: string; status: CaseStatus; clue_date: string; deadline_date: string; included_date: string | null; plan_due_date: string | null;
      eliminated_date: string | null; rejected_date: string | null; active_workflow: string | null; next_step: string | null; no_labor: number;
    }>(`SELECT c.*, h.no_labor FROM monitoring_cases c JOIN households h ON h.id = c.household_id`);
    const steps = await rows<{ case_id: string; workflow: string; step: string; step_date: string; outcome: string; people: string; details: string }>(
      'SELECT * FROM case_steps ORDER BY case_id, created_at',
    );
    for (const c of cases) {
      const mine = steps.filter((s) => s.case_id === c.id);
      const dates = mine.map((s) => s.step_date);
      expect(dates, c.id).toEqual([...dates].sort());
      expect(dates.every((d) => d >= c.clue_date && d <= asOf)).toBe(true);
      const ident = mine.filter((s) => s.workflow === 'identification');
      const elim = mine.filter((s) => s.workflow === 'elimination');
      expect(ident.map((s) => s.step)).toEqual(identificationSteps.slice(0, ident.length));
      expect(elim.map((s) => s.step)).toEqual(eliminationSteps.slice(0, elim.length));
      for (const s of mine.slice(0, -1)) expect(s.outcome).toBe('passed');
      for (const s of mine) {
        const people = JSON.parse(s.people) as string[];
        expect(people.length).toBeGreaterThanOrEqual(s.step === 'homeCheck' ? 2 : 1);
        const details = JSON.parse(s.details) as { notice?: { startDate: string; endDate: string }; negativeList?: Record<string, boolean> };
        if (s.step === 'notice') {
          expect(noticeLength(details.notice!.startDate, details.notice!.endDate)).toBe(t(s.step_date).noticeDays);
          const next = mine[mine.indexOf(s) + 1];
          if (next) expect(next.step_date > details.notice!.endDate).toBe(true);
        }
        if (s.step === 'homeCheck' && s.workflow === 'identification') {
          expect(Object.values(details.negativeList!).some(Boolean)).toBe(s.outcome === 'rejected');
        }
      }
      const decision = ident.find((s) => s.step === 'countyDecision');
      switch (c.status) {
        case 'identifying':
          expect(ident.length).toBeLessThan(identificationSteps.length);
          expect(c.next_step).toBe(identificationSteps[ident.length]);
          break;
        case 'rejected':
          expect(mine.at(-1)).toMatchObject({ outcome: 'rejected', step_date: c.rejected_date });
          break;
        case 'monitoring':
        case 'eliminated':
          expect(decision?.step_date).toBe(c.included_date);
          expect(c.included_date! <= c.deadline_date).toBe(true);
          expect(c.plan_due_date! > c.included_date!).toBe(true);
          if (c.status === 'eliminated') {
            expect(elim).toHaveLength(eliminationSteps.length);
            expect(elim.at(-1)!.step_date).toBe(c.eliminated_date);
            expect(elim[0]!.step_date >= earliestEliminationDate(c.included_date!, t(c.included_date!))).toBe(true);
            expect(c.no_labor).toBe(0);
          } else {
            expect(elim.length).toBeLessThan(eliminationSteps.length);
            expect(c.active_workflow).toBe(elim.length > 0 ? 'elimination' : null);
          }
          break;
      }
    }
  });

  it("gives measures only the case's own risks, and covers the risks of closed cases with done measures", async () => {
    const measures = await rows<{ case_id: string; risk_types: string; status: string; done_date: string | null; planned_date: string; included_date: string }>(
      `SELECT m.*, c.included_date FROM measures m JOIN monitoring_cases c ON c.id = m.case_id`,
    );
    const risks = await rows<{ case_id: string; risk_type: string }>('SELECT case_id, risk_type FROM case_risks WHERE deleted_at IS NULL');
    const riskSet = new Map<string, Set<string>>();
    for (const r of risks) riskSet.set(r.case_id, (riskSet.get(r.case_id) ?? new Set()).add(r.risk_type));
    for (const m of measures) {
      const answers = JSON.parse(m.risk_types) as string[];
      expect(answers.length).toBeGreaterThan(0);
      for (const r of answers) expect(riskSet.get(m.case_id)?.has(r), `${m.case_id} ${r}`).toBe(true);
      expect(m.status === 'done').toBe(m.done_date !== null);
      expect(m.planned_date > m.included_date).toBe(true);
    }
    const counts = await rows<{ n: number }>(`SELECT count(*) AS n FROM case_risks WHERE deleted_at IS NULL GROUP BY case_id HAVING n NOT BETWEEN 1 AND 3`);
    expect(counts).toEqual([]);
    // Eliminated: every risk has a done measure.
    const uncovered = await rows(`
      SELECT r.case_id, r.risk_type FROM case_risks r JOIN monitoring_cases c ON c.id = r.case_id
      WHERE c.status = 'eliminated' AND NOT EXISTS (
        SELECT 1 FROM measures m, json_each(m.risk_types) j WHERE m.case_id = r.case_id AND m.status = 'done' AND j.value = r.risk_type)`);
    expect(uncovered).toEqual([]);
    expect(await rows(`SELECT id FROM measures m WHERE NOT EXISTS (SELECT 1 FROM monitoring_cases c WHERE c.id = m.case_id AND c.status IN ('monitoring', 'eliminated'))`)).toEqual([]);
  });

  it('computes net and per-capita income with the shared formula, within the line for monitored cases and above it once eliminated', async () => {
    const incomes = await rows<Record<string, number> & { household_id: string; year: number }>('SELECT * FROM incomes');
    expect(incomes).toHaveLength(900);
    for (const r of incomes) {
      const a: IncomeAmounts = {
        wageFen: r.wage_fen!, businessIncomeFen: r.business_income_fen!, businessCostFen: r.business_cost_fen!, propertyFen: r.property_fen!,
        pensionFen: r.pension_fen!, dibaoFen: r.dibao_fen!, tekunFen: r.tekun_fen!, ecoCompensationFen: r.eco_compensation_fen!,
        otherTransferFen: r.other_transfer_fen!, insurancePayoutFen: r.insurance_payout_fen!, medicalOutOfPocketFen: r.medical_out_of_pocket_fen!,
      };
      expect(r.net_income_fen).toBe(netIncomeFen(a));
      expect(r.per_capita_fen).toBe(perCapitaFen(a, r.member_count!));
    }
    const perCapita = (householdId: string, year: number) => incomes.find((r) => r.household_id === householdId && r.year === year)?.per_capita_fen;
    const cases = await rows<{ household_id: string; status: string; category: string; clue_date: string }>(`SELECT * FROM monitoring_cases`);
    for (const c of cases) {
      const before = Number(c.clue_date.slice(0, 4)) - 1;
      if (c.status === 'monitoring' && c.category !== 'suddenHardship' && before >= 2024) {
        expect(perCapita(c.household_id, before)! <= t(`${before}-12-31`).monitoringLineFen).toBe(true);
      }
      if (c.status === 'eliminated') {
        const line = t(asOf);
        expect(perCapita(c.household_id, 2026)! > Math.max(line.monitoringLineFen, line.eliminationFloorFen)).toBe(true);
      }
    }
    // A fall in income always carries a cause (and 其他原因 a note).
    const missing = await rows(`
      SELECT cur.id FROM incomes cur JOIN incomes prev ON prev.household_id = cur.household_id AND prev.year = cur.year - 1
      WHERE cur.per_capita_fen < prev.per_capita_fen AND (cur.decline_cause IS NULL OR (cur.decline_cause = 'other' AND cur.note IS NULL))`);
    expect(missing).toEqual([]);
  });

  it("keeps every household's visit schedule consistent with its cases, its visits and the visit frequencies", async () => {
    const households = await rows<{
      id: string; kind: HouseholdKind; status: HouseholdStatus; created_at: string; visit_cycle: string | null; last_visit_date: string | null; next_visit_due: string | null;
    }>('SELECT id, kind, status, created_at, visit_cycle, last_visit_date, next_visit_due FROM households');
    const cases = await rows<{ household_id: string; status: CaseStatus; clue_date: string; included_date: string | null; eliminated_date: string | null }>(
      `SELECT household_id, status, clue_date, included_date, eliminated_date FROM monitoring_cases WHERE status <> 'rejected'`,
    );
    const last = new Map((await rows<{ h: string; d: string }>('SELECT household_id AS h, max(visit_date) AS d FROM visits GROUP BY 1')).map((r) => [r.h, r.d]));
    let scheduled = 0;
    for (const h of households) {
      const c = cases.find((x) => x.household_id === h.id) ?? null;
      const open: CaseStatus | null = c && (c.status === 'identifying' || c.status === 'monitoring') ? c.status : null;
      const cycle = visitCycleOf({ householdKind: h.kind, householdStatus: h.status, openCaseStatus: open, latestCaseStatus: c?.status ?? null });
      expect(h.visit_cycle).toBe(cycle);
      expect(h.last_visit_date).toBe(last.get(h.id) ?? null);
      if (cycle === null) {
        expect(h.next_visit_due).toBeNull();
        continue;
      }
      scheduled++;
      const start = cycle === 'openCase' ? (c!.included_date ?? c!.clue_date) : cycle === 'eliminated' ? c!.eliminated_date! : h.created_at.slice(0, 10);
      const lastVisit = last.get(h.id) ?? null;
      const base = lastVisit !== null && lastVisit > start ? lastVisit : start;
      expect(h.next_visit_due).toBe(nextVisitDue({ cycle, lastVisitDate: lastVisit, cycleStartDate: start }, t(base)));
    }
    expect(scheduled).toBeGreaterThan(30);
    // Open cases are visited monthly: their visits are never more than a month and a few days apart.
    const gaps = await rows<{ gap: number }>(`
      SELECT julianday(v.visit_date) - julianday(lag(v.visit_date) OVER (PARTITION BY v.household_id ORDER BY v.visit_date)) AS gap
      FROM visits v JOIN monitoring_cases c ON c.id = v.case_id WHERE c.status = 'monitoring'`);
    expect(Math.max(...gaps.map((g) => g.gap ?? 0))).toBeLessThanOrEqual(31);
  });

  it('serves the ledger and the 待办 list through the core', async () => {
    const schedules = async () => rows(`SELECT id, visit_cycle, last_visit_date, next_visit_due FROM households ORDER BY id`);
    const before = await schedules();
    const core = await createCore({ dataDir, logError: () => {} });
    try {
      expect((await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 's')).ok).toBe(true);
      const list = await core.invoke('monitoring.list', { status: 'all', limit: 100 }, 's');
      expect(list).toMatchObject({ ok: true, data: { total: data.cases.length } });
      const due = await core.invoke('visits.due', { month: asOf.slice(0, 7), limit: 500 }, 's');
      if (!due.ok) throw new Error(due.error.message);
      const dueRows = await rows(`SELECT id FROM households WHERE next_visit_due <= '2026-11-30'`);
      expect((due.data as { total: number }).total).toBe(dueRows.length);
      // The first read recomputes every schedule once: the seeded ones are already what the program computes.
      expect(await schedules()).toEqual(before);
    } finally {
      await core.close();
    }
  });
});
