import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import { householdKindLabels } from '../../../../../shared/domain/household';
import { guaranteeKeys, guaranteeLabels, visitCycleLabels, visitKindLabels } from '../../../../../shared/domain/monitoring';
import { overdueDays } from '../../../../../shared/domain/visitSchedule';
import { endOfMonth } from '../../../../../shared/lib/dates';
import type { HandlerContext } from '../../../context';
import { dueRows } from '../../visits/repository';
import { ensureVisitSchedules } from '../../../derived/visitSchedule';
import type { LedgerRecord } from '../../../files/export/writers';
import { chunks, label, type LedgerSource } from '../../../files/export/ledgerCommon';
import { visitGuarantees, visitVisitors } from '../../../db/jsonColumns';

// ---------------------------------------------------------------------------------------------
// 走访记录

type VisitFilters = Extract<ParsedExportInput, { ledger: 'visits' }>['filters'];

function guaranteeSummary(json: string | null): string | null {
  if (json === null) return null;
  const g = visitGuarantees.decode(json);
  const atRisk = guaranteeKeys.filter((k) => g[k].status === 'atRisk');
  if (atRisk.length === 0) return '均有保障';
  return `有风险：${atRisk.map((k) => (g[k].note ? `${guaranteeLabels[k]}（${g[k].note}）` : guaranteeLabels[k])).join('、')}`;
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
          visitors: visitVisitors.decode(r.visitors).join('、'),
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
