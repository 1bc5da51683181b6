import type { ChannelName, ParsedInputOf } from '../../../../shared/contract';
import { caseEditFieldLabels, type CaseDetail } from '../../../../shared/contract/monitoring';
import {
  guaranteeKeys,
  guaranteeLabels,
  guaranteeStatusLabels,
  monitoringCategoryLabels,
  riskTypeLabels,
  type Guarantees,
  type GuaranteeStatus,
  type RiskType,
} from '../../../../shared/domain/monitoring';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave, type DifferingField } from '../../staleSave';
import * as repo from './repository';
import { detail } from './casePage';
import { caseName, categorySuggestion, requireCase, requireHousehold, requireOpenCase } from './lookups';
import { guaranteesView } from './shapes';
import { caseGuarantees } from '../../db/jsonColumns';

type In<C extends ChannelName> = ParsedInputOf<C>;
const ENTITY = 'monitoringCase';

// Editing a case

/** The edited case fields (audit `after` keys) as a stale-save refusal names them. */
function caseEditsOf(after: Record<string, unknown>): DifferingField[] {
  const out: DifferingField[] = [];
  for (const key of Object.keys(after)) {
    const field = key.startsWith('guarantees.') ? 'guarantees' : key;
    if (field in caseEditFieldLabels) {
      const label = key.startsWith('guarantees.') ? guaranteeLabels[key.slice('guarantees.'.length) as keyof Guarantees] : caseEditFieldLabels[field as keyof typeof caseEditFieldLabels];
      out.push({ path: field === 'risks' ? 'addRisks' : key, label });
    }
  }
  return out;
}

export async function update(ctx: HandlerContext, input: In<'monitoring.update'>): Promise<CaseDetail> {
  const today = ctx.today();
  const user = ctx.requireUser();
  return ctx.mutate(async (tx, audit) => {
    const c = await requireCase(tx, input.id);
    requireOpenCase(c, '修改');
    const h = await requireHousehold(tx, c.household_id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const notes: string[] = [];
    const values: Record<string, string | null> = {};

    if (input.category !== undefined && (input.category !== c.category || c.category_confirmed_by === null)) {
      const suggestion = await categorySuggestion(tx, h);
      before.category = c.category;
      before.categoryConfirmedBy = c.category_confirmed_by;
      after.category = input.category;
      after.categoryConfirmedBy = user.displayName;
      values.category = input.category;
      values.category_confirmed_by = user.displayName;
      values.suggested_category = suggestion.category;
      if (suggestion.category !== c.suggested_category) {
        before.suggestedCategory = c.suggested_category;
        after.suggestedCategory = suggestion.category;
      }
      const differs = suggestion.category && suggestion.category !== input.category ? `（与建议的${monitoringCategoryLabels[suggestion.category]}不同）` : '';
      notes.push(`确认类别为${monitoringCategoryLabels[input.category]}${differs}`);
    }

    const risks = await repo.risksOf(tx, c.id);
    const openRisks = risks.filter((r) => r.deleted_at === null);
    const openTypes = new Set(openRisks.map((r) => r.risk_type));
    const added: RiskType[] = [];
    for (const [i, r] of input.addRisks.entries()) {
      if (openTypes.has(r.riskType)) {
        const msg = `该案件已有风险类型"${riskTypeLabels[r.riskType]}"，无需重复添加`;
        throw new AppError('RULE', msg, { [`addRisks.${i}.riskType`]: msg });
      }
      openTypes.add(r.riskType);
      added.push(r.riskType);
      await repo.insertRisk(tx, { ...(await newRowMeta(ctx)), case_id: c.id, risk_type: r.riskType, note: r.note });
    }
    const removed: RiskType[] = [];
    for (const [i, r] of input.removeRisks.entries()) {
      const row = openRisks.find((x) => x.risk_type === r.riskType);
      if (!row || !openTypes.has(r.riskType)) {
        const msg = `该案件没有未移除的风险类型"${riskTypeLabels[r.riskType]}"`;
        throw new AppError('RULE', msg, { [`removeRisks.${i}.riskType`]: msg });
      }
      openTypes.delete(r.riskType);
      removed.push(r.riskType);
      await repo.removeRisk(tx, row.id, { deleted_at: ctx.nowIso(), delete_reason: r.reason, ...touched(ctx) });
    }
    if (openTypes.size === 0) {
      const msg = '监测案件至少要保留一种风险类型；风险已全部解除的，请走风险消除流程';
      throw new AppError('RULE', msg, { removeRisks: msg });
    }
    if (added.length > 0 || removed.length > 0) {
      before.risks = openRisks.map((r) => r.risk_type);
      after.risks = [...openTypes];
      if (added.length > 0) notes.push(`新增风险 ${added.map((r) => riskTypeLabels[r]).join('、')}`);
      if (removed.length > 0) {
        notes.push(`移除风险 ${input.removeRisks.map((r) => `${riskTypeLabels[r.riskType]}（${r.reason}）`).join('、')}`);
      }
    }

    if (input.guarantees) {
      const current = caseGuarantees.decode(c.guarantees);
      const next: Guarantees = { ...current };
      const changed: string[] = [];
      for (const k of guaranteeKeys) {
        const g = input.guarantees[k];
        if (!g) continue;
        if (g.status !== current[k].status || (g.note ?? null) !== current[k].note) {
          next[k] = { status: g.status as GuaranteeStatus, note: g.note ?? null };
          changed.push(k);
        }
      }
      if (changed.length > 0) {
        values.guarantees = caseGuarantees.encode(next);
        const b = guaranteesView(current);
        const a = guaranteesView(next);
        for (const k of changed) {
          before[`guarantees.${k}`] = b[k];
          after[`guarantees.${k}`] = a[k];
        }
        notes.push(`保障情况：${changed.map((k) => `${guaranteeLabels[k as keyof Guarantees]}${guaranteeStatusLabels[next[k as keyof Guarantees].status]}`).join('、')}`);
      }
    }

    if (input.helperName !== undefined && input.helperName !== c.helper_name) {
      before.helperName = c.helper_name;
      after.helperName = input.helperName;
      values.helper_name = input.helperName;
      notes.push(`帮扶联系人 ${c.helper_name ?? '（空）'} → ${input.helperName ?? '（空）'}`);
    }
    if (input.helperPhone !== undefined && input.helperPhone !== c.helper_phone) {
      before.helperPhone = c.helper_phone;
      after.helperPhone = input.helperPhone;
      values.helper_phone = input.helperPhone;
      notes.push('帮扶联系人电话');
    }

    if (notes.length === 0) return detail(tx, c.id, today);
    // Checked once the edit is known to change something; a refusal rolls back the risk rows too.
    await refuseStaleSave(tx, c, input.version, ctx.clock.now(), caseEditsOf(after));
    await repo.updateCase(tx, c.id, { ...values, ...touched(ctx) });
    await audit.record({ entity: ENTITY, entityId: c.id, summary: `修改${caseName(c, h)}：${notes.join('；')}`, before, after });
    return detail(tx, c.id, today);
  });
}
