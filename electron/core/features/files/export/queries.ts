import { sql, type Kysely } from 'kysely';
import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import { measureFamilyLabels } from '../../../../../shared/contract/measures';
import {
  disabilityCategoryLabels,
  disabilityGradeLabels,
  educationLabels,
  healthLabels,
  householdKindLabels,
  householdStatusLabels,
  laborLabels,
  memberStatusLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
  type DisabilityGrade,
  type HouseholdKind,
} from '../../../../../shared/domain/household';
import type { ExportLedger } from '../../../../../shared/domain/ledgerLayouts';
import { yesNo } from '../../../../../shared/domain/ledgerLayouts';
import {
  caseStatusLabels,
  clueSourceLabels,
  declineCauseLabels,
  eliminationMethodLabels,
  guaranteeKeys,
  guaranteeLabels,
  measureStatusLabels,
  monitoringCategoryLabels,
  riskTypeLabels,
  riskTypes,
  visitCycleLabels,
  visitKindLabels,
  type ClueSource,
  type DeclineCause,
  type EliminationMethod,
  type GuaranteeKey,
  type MonitoringCategory,
} from '../../../../../shared/domain/monitoring';
import { incomeCategories } from '../../../../../shared/domain/income';
import { overdueDays } from '../../../../../shared/domain/visitSchedule';
import { endOfMonth } from '../../../../../shared/lib/dates';
import type { HandlerContext } from '../../../context';
import type { DB } from '../../../db/schema';
import { listHouseholds } from '../../households/repository';
import { listCases } from '../../monitoring/repository';
import type { MeasureRecord } from '../../measures/repository';
import { toMeasure } from '../../measures/service';
import { dueRows } from '../../visits/repository';
import { ensureVisitSchedules } from '../../visits/schedule';
import type { LedgerRecord } from './writers';
import { migrantWorkSource } from '../../employment/exportSource';
import { fundProjectsSource, fundsLedgerSource } from '../../funds/exportSources';
import { assetsSource } from '../../assets/exportSource';

// The ledgers without paging: the list channels' own repository queries with no LIMIT, so an
// export holds exactly the rows the page lists, then the columns the layout adds, read in chunks.

type Db = Kysely<DB>;

/** Rows of one ledger in batches, and how many to expect (for the progress bar). */
export interface LedgerSource {
  total: number;
  batches: AsyncGenerator<LedgerRecord[]>;
}

const chunkSize = 500;

function chunks<T>(items: readonly T[], size = chunkSize): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function label<K extends string>(labels: Readonly<Record<K, string>>, key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  return (labels as Readonly<Record<string, string>>)[key] ?? key;
}

function riskList(csv: string | null): string {
  if (!csv) return '';
  const set = new Set(csv.split(','));
  return riskTypes
    .filter((r) => set.has(r))
    .map((r) => riskTypeLabels[r])
    .join('、');
}

function parseJsonList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v)) return v.map(String);
  } catch {
    // older text: names separated by 、
  }
  return text.split(/[、,，]/).map((s) => s.trim()).filter(Boolean);
}

export async function officeNames(db: Db): Promise<{ countyCode: string; countyName: string; townshipCode: string; townshipName: string }> {
  const o = await db
    .selectFrom('office')
    .select(['county_code', 'county_name', 'township_code', 'township_name'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return {
    countyCode: o?.county_code ?? '',
    countyName: o?.county_name ?? '',
    townshipCode: o?.township_code ?? '',
    townshipName: o?.township_name ?? '',
  };
}

/** The latest per-capita income of each household in the list. */
async function latestIncomes(db: Db, householdIds: readonly string[]): Promise<Map<string, { year: number; perCapita: number }>> {
  const map = new Map<string, { year: number; perCapita: number }>();
  if (householdIds.length === 0) return map;
  const rows = await db
    .selectFrom('incomes')
    .select(['household_id', 'year', 'per_capita_fen'])
    .where('household_id', 'in', householdIds)
    .where('deleted_at', 'is', null)
    .execute();
  for (const r of rows) {
    const seen = map.get(r.household_id);
    if (!seen || r.year > seen.year) map.set(r.household_id, { year: r.year, perCapita: r.per_capita_fen });
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// 户籍台账 (person level)

type MemberTuple = [string, string, string, string, string, string, string, string, string, string | null, number | null, string, string, number, number, string];

function memberOf(t: MemberTuple) {
  return {
    name: t[0],
    id_number: t[1],
    sex: t[2],
    birth_date: t[3],
    relation: t[4],
    ethnicity: t[5],
    education: t[6],
    schooling: t[7],
    health: t[8],
    disability_category: t[9],
    disability_grade: t[10],
    labor: t[11],
    work_status: t[12],
    medical_insurance: t[13],
    pension_insurance: t[14],
    status: t[15],
  };
}

type HouseholdFilters = Extract<ParsedExportInput, { ledger: 'households' }>['filters'];

export async function householdSource(ctx: HandlerContext, filters: HouseholdFilters): Promise<LedgerSource> {
  const db = ctx.db;
  const today = ctx.today();
  const office = await officeNames(db);
  const { rows: households } = await listHouseholds(db, { ...filters, search: filters.search.trim(), offset: 0, limit: -1 });
  // Members on the register; a closed household's leavers add a few more rows than this.
  const estimate = households.reduce((s, h) => s + h.member_count, 0);

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const part of chunks(households)) {
      const ids = part.map((h) => h.id);
      const [members, incomes, cases] = await Promise.all([
        // One JSON text per person: node-sqlite3 pays per value it hands over, and a person has 17.
        sql<{ household_id: string; j: string }>`
          SELECT m.household_id, json_array(m.name, m.id_number, m.sex, m.birth_date, m.relation, m.ethnicity, m.education,
            m.schooling, m.health, m.disability_category, m.disability_grade, m.labor, m.work_status, m.medical_insurance,
            m.pension_insurance, m.status) AS j
          FROM members AS m JOIN households AS h ON h.id = m.household_id
          WHERE m.household_id IN (${sql.join(ids)}) AND m.deleted_at IS NULL
            -- The register lists the people on it; a closed household keeps the members who left with it.
            AND (m.status = 'current' OR h.status = 'closed')
          ORDER BY m.sort_order, m.id`
          .execute(db)
          .then((r) => r.rows.map((row) => ({ household_id: row.household_id, m: JSON.parse(row.j) as MemberTuple }))),
        latestIncomes(db, ids),
        db
          .selectFrom('monitoring_cases')
          .select(['household_id', 'category', 'status', 'included_date', 'eliminated_date', 'clue_date'])
          .where('household_id', 'in', ids)
          .where('status', 'in', ['monitoring', 'eliminated'])
          .where('deleted_at', 'is', null)
          .orderBy('clue_date')
          .orderBy('created_at')
          .execute(),
      ]);
      const byHousehold = new Map<string, typeof members>();
      for (const m of members) {
        const list = byHousehold.get(m.household_id) ?? [];
        list.push(m);
        byHousehold.set(m.household_id, list);
      }
      const latestCase = new Map<string, (typeof cases)[number]>();
      for (const c of cases) latestCase.set(c.household_id, c);
      const out: LedgerRecord[] = [];
      for (const h of part) {
        const income = incomes.get(h.id);
        const c = latestCase.get(h.id);
        for (const { m: tuple } of byHousehold.get(h.id) ?? []) {
          const m = memberOf(tuple);
          seq += 1;
          out.push({
            seq,
            dataDate: today,
            county: office.countyName,
            township: office.townshipName,
            village: h.village_name,
            group: h.group_name,
            householdCode: h.household_code,
            name: m.name,
            idNumber: m.id_number,
            sex: m.sex === 'male' ? '男' : m.sex === 'female' ? '女' : m.sex,
            birthDate: m.birth_date,
            memberCount: h.member_count,
            relation: label(relationLabels, m.relation),
            ethnicity: m.ethnicity,
            education: label(educationLabels, m.education),
            schooling: label(schoolingLabels, m.schooling),
            health: label(healthLabels, m.health),
            // Two columns, as the import reads them back: an exported ledger must re-import unchanged.
            disabilityCategory: m.disability_category === null ? null : label(disabilityCategoryLabels, m.disability_category),
            disabilityGrade: m.disability_grade ? disabilityGradeLabels[m.disability_grade as DisabilityGrade] : null,
            labor: label(laborLabels, m.labor),
            workStatus: label(workStatusLabels, m.work_status),
            medicalInsurance: yesNo(m.medical_insurance === 1),
            pensionInsurance: yesNo(m.pension_insurance === 1),
            memberStatus: label(memberStatusLabels, m.status),
            householdKind: label(householdKindLabels, h.kind),
            dibao: yesNo(h.dibao === 1),
            tekun: yesNo(h.tekun === 1),
            relocated: yesNo(h.relocated === 1),
            noLabor: yesNo(h.no_labor === 1),
            perCapitaIncome: income?.perCapita ?? null,
            incomeYear: income?.year ?? null,
            phone: h.phone,
            helperName: h.helper_name,
            monitoringCategory: c ? label(monitoringCategoryLabels, c.category) : null,
            riskEliminated: c ? yesNo(c.status === 'eliminated') : null,
            riskIdentifiedDate: c?.included_date ?? null,
            riskEliminatedDate: c?.eliminated_date ?? null,
            householdStatus: label(householdStatusLabels, h.status),
          });
        }
      }
      yield out;
    }
  }
  return { total: estimate, batches: batches() };
}

// ---------------------------------------------------------------------------------------------
// 监测对象台账

type MonitoringFilters = Extract<ParsedExportInput, { ledger: 'monitoring' }>['filters'];

export async function monitoringSource(ctx: HandlerContext, filters: MonitoringFilters): Promise<LedgerSource> {
  await ensureVisitSchedules(ctx);
  const db = ctx.db;
  const today = ctx.today();
  const { rows } = await listCases(db, {
    today,
    villageId: filters.villageId,
    category: filters.category,
    riskType: filters.riskType,
    status: filters.status,
    overdue: filters.overdue,
    objectionOpen: filters.objectionOpen,
    helperName: filters.helperName && filters.helperName !== '' ? filters.helperName : undefined,
    search: filters.search.trim(),
    sort: filters.sort,
    offset: 0,
    limit: -1,
  });

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const part of chunks(rows)) {
      const ids = part.map((r) => r.id);
      const [extra, incomes] = await Promise.all([
        db
          .selectFrom('monitoring_cases as c')
          .innerJoin('households as h', 'h.id', 'c.household_id')
          .select([
            'c.id',
            'c.clue_source',
            'c.deadline_date',
            'c.plan_due_date',
            'c.elimination_method',
            'c.rejected_date',
            'c.reject_reason',
            'c.helper_phone',
            'h.head_id_number',
            'h.kind',
            'h.last_visit_date',
            (eb) =>
              eb
                .selectFrom('measures as m')
                .select((e) => e.fn.countAll<number>().as('n'))
                .whereRef('m.case_id', '=', 'c.id')
                .where('m.status', '<>', 'cancelled')
                .where('m.deleted_at', 'is', null)
                .as('measure_count'),
          ])
          .where('c.id', 'in', ids)
          .execute(),
        latestIncomes(
          db,
          part.map((r) => r.household_id),
        ),
      ]);
      const byId = new Map(extra.map((e) => [e.id, e]));
      yield part.map((r): LedgerRecord => {
        const e = byId.get(r.id);
        const income = incomes.get(r.household_id);
        seq += 1;
        return {
          seq,
          caseCode: r.case_code,
          village: r.village_name,
          group: r.group_name,
          householdCode: r.household_code,
          headName: r.head_name,
          headIdNumber: e?.head_id_number ?? null,
          memberCount: r.member_count,
          householdKind: label(householdKindLabels, e?.kind as HouseholdKind | undefined),
          category: label(monitoringCategoryLabels, r.category as MonitoringCategory | null),
          status: label(caseStatusLabels, r.status),
          riskEliminated: r.status === 'eliminated' ? '是' : r.status === 'monitoring' ? '否' : null,
          risks: riskList(r.risks),
          clueSource: label(clueSourceLabels, e?.clue_source as ClueSource | undefined),
          clueDate: r.clue_date,
          deadlineDate: e?.deadline_date ?? null,
          includedDate: r.included_date,
          planDueDate: e?.plan_due_date ?? null,
          measureCount: Number(e?.measure_count ?? 0),
          eliminatedDate: r.eliminated_date,
          eliminationMethod: label(eliminationMethodLabels, e?.elimination_method as EliminationMethod | null | undefined),
          rejectedDate: e?.rejected_date ?? null,
          rejectReason: e?.reject_reason ?? null,
          helperName: r.helper_name,
          helperPhone: e?.helper_phone ?? null,
          lastVisitDate: r.status === 'rejected' ? null : (e?.last_visit_date ?? null),
          nextVisitDue: r.next_visit_due,
          perCapitaIncome: income?.perCapita ?? null,
          incomeYear: income?.year ?? null,
        };
      });
    }
  }
  return { total: rows.length, batches: batches() };
}

// ---------------------------------------------------------------------------------------------
// 帮扶措施台账

type MeasureFilters = Extract<ParsedExportInput, { ledger: 'measures' }>['filters'];

export async function measureSource(ctx: HandlerContext, filters: MeasureFilters): Promise<LedgerSource> {
  const db = ctx.db;
  let q = db
    .selectFrom('measures as m')
    .innerJoin('monitoring_cases as c', 'c.id', 'm.case_id')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .leftJoin('measure_types as t', 't.code', 'm.measure_type_code')
    .selectAll('m')
    .select([
      't.name as type_name',
      't.family as type_family',
      't.has_amount as type_has_amount',
      'c.case_code',
      'c.status as case_status',
      'h.household_code',
      'h.head_name',
      'v.name as village_name',
    ])
    .where('m.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null);
  if (filters.villageId) q = q.where('h.village_id', '=', filters.villageId);
  if (filters.status) q = q.where('m.status', '=', filters.status);
  if (filters.family) q = q.where('t.family', '=', filters.family);
  if (filters.caseStatus === 'open') q = q.where('c.status', 'in', ['identifying', 'monitoring']);
  else if (filters.caseStatus !== 'all') q = q.where('c.status', '=', filters.caseStatus);
  const rows = await q.orderBy('v.sort_order').orderBy('h.household_code').orderBy('c.case_code').orderBy('m.planned_date').orderBy('m.id').execute();

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const part of chunks(rows, 2000)) {
      yield part.map((r): LedgerRecord => {
        const m = toMeasure(r as MeasureRecord);
        seq += 1;
        return {
          seq,
          caseCode: r.case_code,
          village: r.village_name,
          householdCode: r.household_code,
          headName: r.head_name,
          caseStatus: label(caseStatusLabels, r.case_status),
          family: label(measureFamilyLabels, m.family),
          measureTypeCode: m.measureTypeCode,
          typeName: m.typeName,
          risks: m.riskTypes.map((t) => riskTypeLabels[t]).join('、'),
          responsibleUnit: m.responsibleUnit,
          helperName: m.helperName,
          plannedDate: m.plannedDate,
          doneDate: m.doneDate,
          status: label(measureStatusLabels, m.status),
          amount: m.amountFen,
          note: m.note,
          cancelReason: m.cancelReason,
        };
      });
    }
  }
  return { total: rows.length, batches: batches() };
}

// ---------------------------------------------------------------------------------------------
// 走访记录

type VisitFilters = Extract<ParsedExportInput, { ledger: 'visits' }>['filters'];

function guaranteeSummary(json: string | null): string | null {
  if (json === null) return null;
  try {
    const g = JSON.parse(json) as Partial<Record<GuaranteeKey, { status: string; note: string | null }>>;
    const atRisk = guaranteeKeys.filter((k) => g[k]?.status === 'atRisk');
    if (atRisk.length === 0) return '均有保障';
    return `有风险：${atRisk.map((k) => (g[k]?.note ? `${guaranteeLabels[k]}（${g[k].note}）` : guaranteeLabels[k])).join('、')}`;
  } catch {
    return null;
  }
}

export async function visitSource(ctx: HandlerContext, filters: VisitFilters): Promise<LedgerSource> {
  const db = ctx.db;
  let q = db
    .selectFrom('visits as vi')
    .innerJoin('households as h', 'h.id', 'vi.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .innerJoin('village_groups as g', 'g.id', 'h.group_id')
    .leftJoin('monitoring_cases as c', 'c.id', 'vi.case_id')
    .leftJoin('users as u', 'u.id', 'vi.updated_by')
    .select([
      'vi.visit_date',
      'vi.visitors',
      'vi.kind',
      'vi.findings',
      'vi.guarantees',
      'vi.income_year',
      'v.name as village_name',
      'g.name as group_name',
      'h.household_code',
      'h.head_name',
      'h.kind as household_kind',
      'c.case_code',
      'u.display_name as recorded_by',
    ])
    .where('vi.deleted_at', 'is', null);
  if (filters.villageId) q = q.where('h.village_id', '=', filters.villageId);
  if (filters.kind) q = q.where('vi.kind', '=', filters.kind);
  if (filters.from) q = q.where('vi.visit_date', '>=', filters.from);
  if (filters.to) q = q.where('vi.visit_date', '<=', filters.to);
  const rows = await q.orderBy('vi.visit_date').orderBy('v.sort_order').orderBy('h.household_code').orderBy('vi.id').execute();

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const part of chunks(rows, 2000)) {
      yield part.map((r): LedgerRecord => {
        seq += 1;
        return {
          seq,
          visitDate: r.visit_date,
          village: r.village_name,
          group: r.group_name,
          householdCode: r.household_code,
          headName: r.head_name,
          householdKind: label(householdKindLabels, r.household_kind),
          caseCode: r.case_code,
          kind: label(visitKindLabels, r.kind),
          visitors: parseJsonList(r.visitors).join('、'),
          findings: r.findings,
          guarantees: guaranteeSummary(r.guarantees),
          incomeYear: r.income_year,
          recordedBy: r.recorded_by,
        };
      });
    }
  }
  return { total: rows.length, batches: batches() };
}

// ---------------------------------------------------------------------------------------------
// 走访待办

type DueFilters = Extract<ParsedExportInput, { ledger: 'visitsDue' }>['filters'];

export async function visitsDueSource(ctx: HandlerContext, filters: DueFilters): Promise<LedgerSource> {
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const month = filters.month ?? today.slice(0, 7);
  const helperName = filters.helperName === undefined ? undefined : filters.helperName === '' ? null : filters.helperName;
  const rows = await dueRows(ctx.db, { monthEnd: endOfMonth(`${month}-01`), today, villageId: filters.villageId, helperName, show: filters.show }, 0, -1);
  // The page lists the longest overdue first; the same order here.
  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const part of chunks(rows, 2000)) {
      yield part.map((r): LedgerRecord => {
        seq += 1;
        return {
          seq,
          village: r.village_name,
          group: r.group_name,
          householdCode: r.household_code,
          headName: r.head_name,
          householdKind: label(householdKindLabels, r.kind),
          caseCode: r.case_code,
          cycle: label(visitCycleLabels, r.visit_cycle),
          lastVisitDate: r.last_visit_date,
          nextVisitDue: r.next_visit_due,
          overdueDays: overdueDays(r.next_visit_due, today),
          helperName: r.helper_name,
        };
      });
    }
  }
  return { total: rows.length, batches: batches() };
}

// ---------------------------------------------------------------------------------------------
// 收入台账 (one row per household and year)

type IncomeFilters = Extract<ParsedExportInput, { ledger: 'income' }>['filters'];

export async function incomeSource(ctx: HandlerContext, filters: IncomeFilters): Promise<LedgerSource> {
  const db = ctx.db;
  let q = db
    .selectFrom('incomes as i')
    .innerJoin('households as h', 'h.id', 'i.household_id')
    .innerJoin('villages as v', 'v.id', 'h.village_id')
    .innerJoin('village_groups as g', 'g.id', 'h.group_id')
    .leftJoin('incomes as p', (join) =>
      join
        .onRef('p.household_id', '=', 'i.household_id')
        .on('p.year', '=', sql<number>`i.year - 1`)
        .on('p.deleted_at', 'is', null),
    )
    .selectAll('i')
    .select(['v.name as village_name', 'g.name as group_name', 'h.household_code', 'h.head_name', 'h.kind as household_kind', 'p.per_capita_fen as previous_per_capita'])
    .where('i.deleted_at', 'is', null)
    .where('h.deleted_at', 'is', null);
  if (filters.year !== undefined) q = q.where('i.year', '=', filters.year);
  if (filters.villageId) q = q.where('h.village_id', '=', filters.villageId);
  const rows = await q.orderBy('v.sort_order').orderBy('h.household_code').orderBy('i.year').execute();

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const part of chunks(rows, 2000)) {
      yield part.map((r): LedgerRecord => {
        seq += 1;
        const amounts: Record<string, number> = {
          wageFen: r.wage_fen,
          businessIncomeFen: r.business_income_fen,
          businessCostFen: r.business_cost_fen,
          propertyFen: r.property_fen,
          pensionFen: r.pension_fen,
          dibaoFen: r.dibao_fen,
          tekunFen: r.tekun_fen,
          ecoCompensationFen: r.eco_compensation_fen,
          otherTransferFen: r.other_transfer_fen,
          insurancePayoutFen: r.insurance_payout_fen,
          medicalOutOfPocketFen: r.medical_out_of_pocket_fen,
        };
        const prev = r.previous_per_capita;
        const change = prev === null ? null : r.per_capita_fen - prev;
        return {
          seq,
          village: r.village_name,
          group: r.group_name,
          householdCode: r.household_code,
          headName: r.head_name,
          householdKind: label(householdKindLabels, r.household_kind),
          year: r.year,
          memberCount: r.member_count,
          ...Object.fromEntries(incomeCategories.map((c) => [c, amounts[c] ?? 0])),
          transferFen: r.pension_fen + r.dibao_fen + r.tekun_fen + r.eco_compensation_fen + r.other_transfer_fen,
          netIncome: r.net_income_fen,
          perCapita: r.per_capita_fen,
          previousPerCapita: prev,
          change,
          changePct: prev !== null && prev > 0 && change !== null ? change / prev : null,
          declined: prev === null ? null : yesNo(r.per_capita_fen < prev),
          declineCause: label(declineCauseLabels, r.decline_cause as DeclineCause | null),
          note: r.note,
        };
      });
    }
  }
  return { total: rows.length, batches: batches() };
}

export function sourceFor(ctx: HandlerContext, input: ParsedExportInput): Promise<LedgerSource> {
  switch (input.ledger) {
    case 'households':
      return householdSource(ctx, input.filters);
    case 'monitoring':
      return monitoringSource(ctx, input.filters);
    case 'measures':
      return measureSource(ctx, input.filters);
    case 'visits':
      return visitSource(ctx, input.filters);
    case 'visitsDue':
      return visitsDueSource(ctx, input.filters);
    case 'income':
      return incomeSource(ctx, input.filters);
    case 'migrantWork':
      return migrantWorkSource(ctx, input.filters);
    case 'funds':
      return fundsLedgerSource(ctx, input.filters);
    case 'fundProjects':
      return fundProjectsSource(ctx, input.filters);
    case 'assets':
      return assetsSource(ctx, input.filters);
  }
}

export type { ExportLedger };
