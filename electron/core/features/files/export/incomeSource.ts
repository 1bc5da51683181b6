import { sql } from 'kysely';
import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import { householdKindLabels } from '../../../../../shared/domain/household';
import { yesNo } from '../../../../../shared/domain/ledgerLayouts';
import { declineCauseLabels, type DeclineCause } from '../../../../../shared/domain/monitoring';
import { incomeCategories } from '../../../../../shared/domain/income';
import type { HandlerContext } from '../../../context';
import type { LedgerRecord } from '../../../files/export/writers';
import { label, type LedgerSource } from '../../../files/export/ledgerCommon';
import { inOrderOf, readInOrder } from './readInOrder';

// ---------------------------------------------------------------------------------------------
// 收入台账 (one row per household and year)

/** A row from its JSON array (the order of the SELECT below). */
function incomeRowOf(v: readonly unknown[]) {
  const fen = (i: number) => v[i] as number;
  return {
    id: v[0] as string,
    year: fen(1),
    member_count: fen(2),
    wage_fen: fen(3),
    business_income_fen: fen(4),
    business_cost_fen: fen(5),
    property_fen: fen(6),
    pension_fen: fen(7),
    dibao_fen: fen(8),
    tekun_fen: fen(9),
    eco_compensation_fen: fen(10),
    other_transfer_fen: fen(11),
    insurance_payout_fen: fen(12),
    medical_out_of_pocket_fen: fen(13),
    net_income_fen: fen(14),
    per_capita_fen: fen(15),
    decline_cause: v[16] as string | null,
    note: v[17] as string | null,
    village_name: v[18] as string,
    group_name: v[19] as string,
    household_code: v[20] as string,
    head_name: v[21] as string,
    household_kind: v[22] as string,
    previous_per_capita: v[23] as number | null,
  };
}

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
      // One JSON text per row: node-sqlite3 pays per value it hands over, and a row has 24 (issue 11.7).
      .select(
        sql<string>`json_array(i.id, i.year, i.member_count, i.wage_fen, i.business_income_fen, i.business_cost_fen, i.property_fen,
          i.pension_fen, i.dibao_fen, i.tekun_fen, i.eco_compensation_fen, i.other_transfer_fen, i.insurance_payout_fen,
          i.medical_out_of_pocket_fen, i.net_income_fen, i.per_capita_fen, i.decline_cause, i.note, v.name, g.name,
          h.household_code, h.head_name, h.kind, p.per_capita_fen)`.as('j'),
      )
      .where('i.id', 'in', ids)
      .execute();
    return inOrderOf(
      ids,
      found.map(({ j }) => incomeRowOf(JSON.parse(j) as unknown[])),
      (r) => r.id,
    );
  };

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    for await (const rows of readInOrder(order, page, { size: 2000 })) {
      yield rows.map((r): LedgerRecord => {
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
