import { sql } from 'kysely';
import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import { householdKindLabels } from '../../../../../shared/domain/household';
import { yesNo } from '../../../../../shared/domain/ledgerLayouts';
import { declineCauseLabels, type DeclineCause } from '../../../../../shared/domain/monitoring';
import { incomeCategories } from '../../../../../shared/domain/income';
import type { HandlerContext } from '../../../context';
import type { LedgerRecord } from '../../../files/export/writers';
import { chunks, label, type LedgerSource } from '../../../files/export/ledgerCommon';

// ---------------------------------------------------------------------------------------------
// 收入台账 (one row per household and year)

type IncomeFilters = Extract<ParsedExportInput, { ledger: 'income' }>['filters'];

export async function incomeSource(ctx: HandlerContext, filters: IncomeFilters): Promise<LedgerSource> {
  const db = ctx.db;
  const base = () => {
    let q = db
      .selectFrom('incomes as i')
      .innerJoin('households as h', 'h.id', 'i.household_id')
      .innerJoin('villages as v', 'v.id', 'h.village_id')
      .innerJoin('village_groups as g', 'g.id', 'h.group_id')
      .where('i.deleted_at', 'is', null)
      .where('h.deleted_at', 'is', null);
    if (filters.year !== undefined) q = q.where('i.year', '=', filters.year);
    if (filters.villageId) q = q.where('h.village_id', '=', filters.villageId);
    return q;
  };
  // The order first, then the rows a batch at a time: a county's year of incomes read whole was the
  // quarterly submission's peak memory (68 MB more than the rest, issue 11.7).
  const order = (await base().select('i.id').orderBy('v.sort_order').orderBy('h.household_code').orderBy('i.year').execute()).map((r) => r.id);
  const page = async (ids: string[]) => {
    const found = await base()
      .leftJoin('incomes as p', (join) =>
        join
          .onRef('p.household_id', '=', 'i.household_id')
          .on('p.year', '=', sql<number>`i.year - 1`)
          .on('p.deleted_at', 'is', null),
      )
      .selectAll('i')
      .select(['v.name as village_name', 'g.name as group_name', 'h.household_code', 'h.head_name', 'h.kind as household_kind', 'p.per_capita_fen as previous_per_capita'])
      .where('i.id', 'in', ids)
      .execute();
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for (const ids of chunks(order, 2000)) {
      yield (await page(ids)).map((r): LedgerRecord => {
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
  return { total: order.length, batches: batches() };
}
