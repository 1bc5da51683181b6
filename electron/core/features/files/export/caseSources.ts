import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import { measureFamilyLabels } from '../../../../../shared/contract/measures';
import { householdKindLabels, type HouseholdKind } from '../../../../../shared/domain/household';
import { caseStatusLabels, clueSourceLabels, eliminationMethodLabels, measureStatusLabels, monitoringCategoryLabels, riskTypeLabels, type ClueSource, type EliminationMethod, type MonitoringCategory } from '../../../../../shared/domain/monitoring';
import type { HandlerContext } from '../../../context';
import { listCases } from '../../monitoring/repository';
import type { MeasureRecord } from '../../measures/repository';
import { toMeasure } from '../../measures/service';
import { ensureVisitSchedules } from '../../../derived/visitSchedule';
import type { LedgerRecord } from '../../../files/export/writers';
import { label, riskList, latestIncomes, type LedgerSource } from '../../../files/export/ledgerCommon';
import { inOrderOf, readInOrder } from './readInOrder';

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
    pending: filters.pending,
    helperName: filters.helperName && filters.helperName !== '' ? filters.helperName : undefined,
    search: filters.search.trim(),
    sort: filters.sort,
    offset: 0,
    limit: -1,
  });

  const read = async (part: typeof rows) => {
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
    return { part, extra, incomes };
  };

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for await (const { part, extra, incomes } of readInOrder(rows, read)) {
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
  const base = () => {
    let q = db
      .selectFrom('measures as m')
      .innerJoin('monitoring_cases as c', 'c.id', 'm.case_id')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .innerJoin('villages as v', 'v.id', 'h.village_id')
      .leftJoin('measure_types as t', 't.code', 'm.measure_type_code')
      .where('m.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null);
    if (filters.villageId) q = q.where('h.village_id', '=', filters.villageId);
    if (filters.status) q = q.where('m.status', '=', filters.status);
    if (filters.family) q = q.where('t.family', '=', filters.family);
    if (filters.caseStatus === 'open') q = q.where('c.status', 'in', ['identifying', 'monitoring']);
    else if (filters.caseStatus !== 'all') q = q.where('c.status', '=', filters.caseStatus);
    return q;
  };
  // The order first, then the rows a batch at a time, as the other big ledgers (issue 11.7).
  const order = (await base().select('m.id').orderBy('v.sort_order').orderBy('h.household_code').orderBy('c.case_code').orderBy('m.planned_date').orderBy('m.id').execute()).map((r) => r.id);
  const page = async (ids: string[]) => {
    const found = await base()
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
      .where('m.id', 'in', ids)
      .execute();
    return inOrderOf(ids, found, (r) => r.id);
  };

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for await (const rows of readInOrder(order, page, { size: 2000 })) {
      yield rows.map((r): LedgerRecord => {
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
  return { total: order.length, batches: batches() };
}
