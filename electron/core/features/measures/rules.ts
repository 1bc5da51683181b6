import { measureEditableCaseStatuses, type MeasureType } from '../../../../shared/contract/measures';
import { caseStatusLabels, type CaseStatus, type RiskType } from '../../../../shared/domain/monitoring';
import { AppError } from '../../../../shared/lib/result';
import type { Kysely, Transaction } from 'kysely';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import * as repo from './repository';
import type { CaseFacts } from './repository';
import { riskNames, sortRisks, toMeasureType } from './shapes';

// The rules every change to a plan meets: an open case, an active catalog type, open risks it
// answers (缺什么补什么), an amount only where the type has one.

type Db = Kysely<DB> | Transaction<DB>;

export function isEditableCase(status: string): boolean {
  return (measureEditableCaseStatuses as readonly string[]).includes(status);
}

export function requireEditableCase(c: CaseFacts): void {
  if (!isEditableCase(c.status)) {
    const label = caseStatusLabels[c.status as CaseStatus] ?? c.status;
    throw new AppError('RULE', `该监测对象状态为"${label}"，帮扶措施已不能增改；如风险返回，请先办理回退`);
  }
}

export async function requireCase(ctx: HandlerContext, caseId: string): Promise<CaseFacts> {
  const c = await repo.findCase(ctx.db, caseId);
  if (!c) throw new AppError('NOT_FOUND', '找不到该监测对象，可能已被删除，请刷新后重试');
  return c;
}

export async function requireActiveType(db: Db, code: string): Promise<MeasureType> {
  const t = await repo.findType(db, code.toUpperCase());
  if (!t) throw new AppError('INVALID_INPUT', `措施目录中没有代码为"${code}"的措施，请从目录中选择`, { measureTypeCode: '请从措施目录中选择' });
  if (t.active !== 1) {
    throw new AppError('RULE', `措施"${t.name}"已在目录中停用，请选择其他措施；如需使用请管理员在措施目录中启用`, {
      measureTypeCode: '该措施已停用',
    });
  }
  return toMeasureType(t);
}

/**
 * The case's open risks this measure answers: the given ones (each must be open), or by default
 * the type's risks that are open on the case. Refused when the result is empty.
 */
export function resolveRisks(type: MeasureType, given: readonly RiskType[] | undefined, open: readonly RiskType[]): RiskType[] {
  if (open.length === 0) {
    throw new AppError('RULE', '该监测对象尚未登记风险类型，请先在监测对象页面登记风险，再制定帮扶措施');
  }
  if (given !== undefined) {
    if (given.length === 0) throw new AppError('INVALID_INPUT', '请至少选择一种该措施解决的风险', { riskTypes: '请至少选择一种风险类型' });
    const notOpen = given.filter((r) => !open.includes(r));
    if (notOpen.length > 0) {
      throw new AppError('RULE', `"${riskNames(notOpen)}"不是该户当前的风险（当前风险：${riskNames(open)}），请重新选择`, {
        riskTypes: '只能选择该户当前的风险',
      });
    }
    return sortRisks(given);
  }
  const matched = sortRisks(type.riskTypes.filter((r) => open.includes(r)));
  if (matched.length === 0) {
    throw new AppError(
      'RULE',
      `措施"${type.name}"针对的是${riskNames(type.riskTypes)}，与该户当前的风险（${riskNames(open)}）不对应。请选择对应的措施（缺什么补什么），或指定它解决的风险`,
      { measureTypeCode: '与该户当前风险不对应' },
    );
  }
  return matched;
}

export function checkAmount(type: MeasureType, amountFen: number | null | undefined): void {
  if (amountFen != null && !type.hasAmount) {
    throw new AppError('INVALID_INPUT', `措施"${type.name}"不涉及资金，不填金额`, { amountFen: '该措施不涉及资金，请清空金额' });
  }
}
