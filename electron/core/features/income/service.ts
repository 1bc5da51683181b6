import type { Transaction } from 'kysely';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { incomeEditFieldLabels, type IncomeSummaryRow, type IncomeYear } from '../../../../shared/contract/income';
import {
  compareIncome,
  declineCauseProblem,
  formatYuan,
  formatYuanChange,
  incomeCategories,
  incomeFigures,
  isDecline,
  isWithinLine,
  type IncomeCategory,
  type IncomeYearFigures,
} from '../../../../shared/domain/income';
import { declineCauseLabels, declineCauses, type DeclineCause } from '../../../../shared/domain/monitoring';
import { thresholdsInForce, type Thresholds } from '../../../../shared/domain/thresholds';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB, IncomeTable } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import type { AuditWriter } from '../../auditWriter';
import { findHousehold } from '../households/repository';
import { savedThresholds } from '../../derived/thresholds';
import * as repo from './repository';
import type { IncomeRecord } from './repository';

export type { IncomeYear } from '../../../../shared/contract/income';

type Tx = Transaction<DB>;

/** The table column of each income category (the import writes through the same map). */
export const incomeColumn: Record<IncomeCategory, keyof IncomeTable & `${string}_fen`> = {
  wageFen: 'wage_fen',
  businessIncomeFen: 'business_income_fen',
  businessCostFen: 'business_cost_fen',
  propertyFen: 'property_fen',
  pensionFen: 'pension_fen',
  dibaoFen: 'dibao_fen',
  tekunFen: 'tekun_fen',
  ecoCompensationFen: 'eco_compensation_fen',
  otherTransferFen: 'other_transfer_fen',
  insurancePayoutFen: 'insurance_payout_fen',
  medicalOutOfPocketFen: 'medical_out_of_pocket_fen',
};

function figuresOf(r: IncomeRecord): IncomeYearFigures {
  const out = { memberCount: r.member_count } as Record<IncomeCategory | 'memberCount', number>;
  for (const c of incomeCategories) out[c] = r[incomeColumn[c]];
  return out;
}

function asCause(v: string | null): DeclineCause | null {
  return v !== null && (declineCauses as readonly string[]).includes(v) ? (v as DeclineCause) : null;
}

/** One stored year as the contract shows it, beside last year's record and the year's thresholds. */
export function toIncomeYear(r: IncomeRecord, previous: IncomeRecord | undefined, saved: readonly Thresholds[]): IncomeYear {
  const cur = figuresOf(r);
  const t = thresholdsInForce(saved, `${r.year}-12-31`);
  const prev = previous ? figuresOf(previous) : null;
  const figures = incomeFigures(cur, cur.memberCount);
  const decline = isDecline(previous?.per_capita_fen, r.per_capita_fen);
  const cause = asCause(r.decline_cause);
  return {
    id: r.id,
    householdId: r.household_id,
    year: r.year,
    ...cur,
    transferFen: figures.transferFen,
    netIncomeFen: r.net_income_fen,
    perCapitaFen: r.per_capita_fen,
    declineCause: cause,
    note: r.note,
    monitoringLineFen: t.monitoringLineFen,
    eliminationFloorFen: t.eliminationFloorFen,
    lineSource: t.source,
    withinLine: isWithinLine(r.per_capita_fen, t.monitoringLineFen),
    previous:
      prev && previous
        ? { year: previous.year, ...prev, ...incomeFigures(prev, prev.memberCount), netIncomeFen: previous.net_income_fen, perCapitaFen: previous.per_capita_fen }
        : null,
    comparison: prev ? compareIncome(prev, cur) : null,
    decline,
    declineMissingCause: decline && cause === null,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** The fields the audit log shows for one year's record. */
function incomeView(r: Pick<IncomeRecord, 'member_count' | 'net_income_fen' | 'per_capita_fen' | 'decline_cause' | 'note'> & Record<string, unknown>) {
  const view: Record<string, unknown> = { memberCount: r.member_count };
  for (const c of incomeCategories) view[c] = r[incomeColumn[c]];
  view.netIncomeFen = r.net_income_fen;
  view.perCapitaFen = r.per_capita_fen;
  view.declineCause = r.decline_cause;
  view.note = r.note;
  return view;
}

function changedOnly(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  return {
    keys,
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

/**
 * Creates or corrects one household's income for one year, in the caller's transaction (also used
 * by visits.create for the optional income update). Refuses a closed household, a future year and
 * a decline without a cause; identical values write nothing and record no audit row.
 */
export async function saveIncomeInTx(ctx: HandlerContext, tx: Tx, audit: AuditWriter, input: ParsedInputOf<'income.save'>): Promise<IncomeYear> {
  const household = await findHousehold(tx, input.householdId);
  if (!household) throw new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新后重试');
  if (household.status === 'closed') {
    throw new AppError('RULE', `户 ${household.household_code} 已注销，不能录入或修改收入。如需办理，请先恢复该户`);
  }
  const thisYear = Number(ctx.today().slice(0, 4));
  if (input.year > thisYear) {
    const msg = `不能录入 ${input.year} 年的收入：该年度尚未开始（今年是 ${thisYear} 年）`;
    throw new AppError('INVALID_INPUT', msg, { year: msg });
  }

  const existing = await repo.findIncome(tx, input.householdId, input.year);
  const memberCount = input.memberCount ?? existing?.member_count ?? household.member_count;
  if (memberCount < 1) {
    const msg = '该户当前没有在册成员，请填写该年度的家庭人口数';
    throw new AppError('INVALID_INPUT', msg, { memberCount: msg });
  }
  const amounts = Object.fromEntries(incomeCategories.map((c) => [c, input[c]])) as Record<IncomeCategory, number>;
  const figures = incomeFigures(amounts, memberCount);
  const previous = await repo.findIncome(tx, input.householdId, input.year - 1);
  const decline = isDecline(previous?.per_capita_fen, figures.perCapitaFen);
  const cause = decline ? input.declineCause : null;
  const problem = declineCauseProblem(decline, cause, input.note);
  if (problem && previous) {
    const fall = `${input.year} 年人均纯收入 ${formatYuan(figures.perCapitaFen)} 元，低于 ${previous.year} 年的 ${formatYuan(previous.per_capita_fen)} 元（减少 ${formatYuan(previous.per_capita_fen - figures.perCapitaFen)} 元）`;
    if (problem === 'missingCause') {
      const msg = `${fall}，属于减收户，请选择减收原因`;
      throw new AppError('INVALID_INPUT', msg, { declineCause: msg });
    }
    const msg = '减收原因选了“其他原因”，请在备注中写明具体原因';
    throw new AppError('INVALID_INPUT', msg, { note: msg });
  }

  const values = {
    member_count: memberCount,
    ...Object.fromEntries(incomeCategories.map((c) => [incomeColumn[c], amounts[c]])),
    net_income_fen: figures.netIncomeFen,
    per_capita_fen: figures.perCapitaFen,
    decline_cause: cause,
    note: input.note,
  } as Pick<IncomeTable, 'member_count' | 'net_income_fen' | 'per_capita_fen' | 'decline_cause' | 'note' | (typeof incomeColumn)[IncomeCategory]>;
  // The clerk's own entry of the year replaces the national export's undivided figure (0013).
  const entered = { source: null };

  const saved = await savedThresholds(tx);
  const who = `户 ${household.household_code}（户主 ${household.head_name}）`;
  const vsLast = previous ? `，较上年${formatYuanChange(figures.perCapitaFen - previous.per_capita_fen)} 元` : '';
  const causeText = cause ? `，减收原因：${declineCauseLabels[cause]}` : '';

  if (existing) {
    const diff = changedOnly(incomeView(existing), incomeView(values));
    if (diff.keys.length === 0) return toIncomeYear(existing, previous, saved);
    const differing = diff.keys.filter((k) => k in incomeEditFieldLabels).map((k) => ({ path: k, label: incomeEditFieldLabels[k] ?? k }));
    await refuseStaleSave(tx, existing, input.version, ctx.clock.now(), differing);
    await repo.updateIncome(tx, existing.id, { ...values, ...entered, ...touched(ctx) });
    const perCapitaText =
      existing.per_capita_fen === figures.perCapitaFen
        ? `人均纯收入 ${formatYuan(figures.perCapitaFen)} 元不变`
        : `人均纯收入 ${formatYuan(existing.per_capita_fen)} → ${formatYuan(figures.perCapitaFen)} 元`;
    await audit.record({
      entity: 'income',
      entityId: existing.id,
      summary: `${who} 更正 ${input.year} 年收入：${perCapitaText}${vsLast}${causeText}`,
      before: diff.before,
      after: diff.after,
    });
    const updated = await repo.findIncome(tx, input.householdId, input.year);
    return toIncomeYear(updated!, previous, saved);
  }

  const meta = await newRowMeta(ctx);
  await repo.insertIncome(tx, { ...meta, household_id: input.householdId, year: input.year, ...values, ...entered });
  await audit.record({
    entity: 'income',
    entityId: meta.id,
    summary: `${who} 录入 ${input.year} 年收入：人均纯收入 ${formatYuan(figures.perCapitaFen)} 元（${memberCount} 人）${vsLast}${causeText}`,
    before: null,
    after: { householdId: input.householdId, year: input.year, ...incomeView(values) },
  });
  const created = await repo.findIncome(tx, input.householdId, input.year);
  return toIncomeYear(created!, previous, saved);
}

export function save(ctx: HandlerContext, input: ParsedInputOf<'income.save'>): Promise<IncomeYear> {
  return ctx.mutate((tx, audit) => saveIncomeInTx(ctx, tx, audit, input));
}

export async function forHousehold(ctx: HandlerContext, input: ParsedInputOf<'income.forHousehold'>): Promise<OutputOf<'income.forHousehold'>> {
  const household = await findHousehold(ctx.db, input.householdId);
  if (!household) throw new AppError('NOT_FOUND', '找不到该户，可能已被删除，请刷新后重试');
  const records = await repo.listIncomes(ctx.db, input.householdId);
  const saved = await savedThresholds(ctx.db);
  const byYear = new Map(records.map((r) => [r.year, r]));
  return {
    householdId: household.id,
    householdStatus: household.status,
    currentMemberCount: household.member_count,
    years: records.map((r) => toIncomeYear(r, byYear.get(r.year - 1), saved)),
    thresholdsAreDefaults: thresholdsInForce(saved, ctx.today()).source === 'default',
  };
}

function emptyRow(villageId: string | null, villageName: string): IncomeSummaryRow {
  return {
    villageId,
    villageName,
    recorded: 0,
    compared: 0,
    declined: 0,
    declineShare: null,
    byCause: Object.fromEntries(declineCauses.map((c) => [c, 0])) as Record<DeclineCause, number>,
    withoutCause: 0,
  };
}

function addCell(row: IncomeSummaryRow, cause: string | null, n: number): void {
  row.compared += n;
  if (cause === null) return;
  row.declined += n;
  const known = asCause(cause === '' ? null : cause);
  if (known) row.byCause[known] += n;
  else row.withoutCause += n;
}

export async function summary(ctx: HandlerContext, input: ParsedInputOf<'income.summary'>): Promise<OutputOf<'income.summary'>> {
  const villages = await repo.listVillages(ctx.db, input.villageId);
  if (input.villageId !== undefined && villages.length === 0) throw new AppError('NOT_FOUND', '找不到所选的村，请刷新后重新选择');
  const cells = await repo.declineCells(ctx.db, input.year, input.villageId);
  const recorded = await repo.recordedCounts(ctx.db, input.year, input.villageId);
  const rows = new Map<string, IncomeSummaryRow>();
  for (const v of villages) {
    // A village since removed still shows when it has records (its history stays explainable).
    if (v.deleted_at === null || input.villageId !== undefined) rows.set(v.id, emptyRow(v.id, v.name));
  }
  const rowOf = (villageId: string): IncomeSummaryRow => {
    let row = rows.get(villageId);
    if (!row) {
      const v = villages.find((x) => x.id === villageId);
      row = emptyRow(villageId, v ? `${v.name}（已撤销）` : '（未知村）');
      rows.set(villageId, row);
    }
    return row;
  };
  const total = emptyRow(null, '全乡合计');
  for (const c of cells) {
    addCell(rowOf(c.village_id), c.cause, Number(c.households));
    addCell(total, c.cause, Number(c.households));
  }
  for (const r of recorded) {
    rowOf(r.village_id).recorded += Number(r.households);
    total.recorded += Number(r.households);
  }
  const all = [...rows.values()];
  for (const row of [...all, total]) row.declineShare = row.compared === 0 ? null : row.declined / row.compared;
  return { year: input.year, previousYear: input.year - 1, rows: all, total };
}
