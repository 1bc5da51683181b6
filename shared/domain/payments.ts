// 发放清册 (EMPLOYMENT-FUNDS §2.4): a list's steps, the payee check and the duplicate rule. Pure
// rules; the core applies them inside the transaction that changes the list.

export const paymentListStatuses = ['draft', 'notice', 'approved', 'bank', 'reconciled'] as const;
export type PaymentListStatus = (typeof paymentListStatuses)[number];
export const paymentListStatusLabels: Readonly<Record<PaymentListStatus, string>> = {
  draft: '草稿',
  notice: '公示中',
  approved: '已审核',
  bank: '已交银行',
  reconciled: '已对账',
};
/** The step that moves a list out of each status, as its button reads. */
export const paymentStepLabels: Readonly<Record<Exclude<PaymentListStatus, 'reconciled'>, string>> = {
  draft: '公示',
  notice: '审核',
  approved: '交银行',
  bank: '对账',
};
export function nextPaymentStatus(s: PaymentListStatus): PaymentListStatus | null {
  const i = paymentListStatuses.indexOf(s);
  return paymentListStatuses[i + 1] ?? null;
}
/** Once sent to the bank the money may have moved: lines are frozen, corrections are reversing lines. */
export function isPaid(s: PaymentListStatus): boolean {
  return s === 'bank' || s === 'reconciled';
}

export const lineResults = ['success', 'failed'] as const;
export type LineResult = (typeof lineResults)[number];
export const lineResultLabels: Readonly<Record<LineResult, string>> = { success: '成功', failed: '失败' };

export interface PayeeFacts {
  memberName: string;
  memberStatus: string;
  /** The member's household now (a member moved to another household no longer belongs to the line's). */
  memberHouseholdId: string;
  lineHouseholdId: string;
  householdCode: string;
  householdStatus: string;
  householdClosedDate: string | null;
  leftDate: string | null;
}

const leftWords: Readonly<Record<string, string>> = { dead: '已死亡', movedOut: '已迁出', otherLeft: '已减员' };

/**
 * The recipient must be a current member of an active household on `date` (approval and payment):
 * a closed household or a dead or moved-out member blocks the line, naming why.
 */
export function payeeProblem(f: PayeeFacts, date: string, stepName: string): string | null {
  if (f.householdStatus !== 'active') {
    const when = f.householdClosedDate ? `于 ${f.householdClosedDate} ` : '';
    return `${f.memberName}（户编号 ${f.householdCode}）所在户已${when}注销，不能在${stepName}日 ${date} 发放；请从清册中删去此行`;
  }
  if (f.memberStatus !== 'current') {
    const word = leftWords[f.memberStatus] ?? '已不在册';
    const when = f.leftDate ? `（${f.leftDate}）` : '';
    return `${f.memberName}（户编号 ${f.householdCode}）${word}${when}，不能在${stepName}日 ${date} 发放；请从清册中删去此行`;
  }
  if (f.memberHouseholdId !== f.lineHouseholdId) {
    return `${f.memberName} 已不是户编号 ${f.householdCode} 的成员，不能按此户发放；请删去此行后按其现在的户重新添加`;
  }
  return null;
}

export interface ExistingLine {
  memberId: string;
  amountFen: number;
  /** Reversed by a later reversing line, or failed at the bank: no longer counts. */
  cancelled: boolean;
  isReversal: boolean;
}

/**
 * No second line for the same purpose × recipient × period. A reversed or failed line does not
 * count (its correction or resend is the second line); reversing lines themselves never count.
 */
export function duplicateOf(existing: readonly ExistingLine[], memberId: string): ExistingLine | null {
  return existing.find((l) => l.memberId === memberId && !l.cancelled && !l.isReversal) ?? null;
}

/** Bank account numbers: 12–30 digits (debit cards 16–19; passbooks and 社保卡 vary). */
export function accountProblem(account: string): string | null {
  if (!/^\d{12,30}$/.test(account)) return '银行账号应为 12 到 30 位数字（不含空格），请按存折或银行卡上的账号填写';
  return null;
}

/**
 * Where a line stands in the 发放花名册: the bank's result once it has one (成功 / 失败), else the
 * step of its list.
 */
export const paymentLineStates = ['draft', 'notice', 'approved', 'bank', 'reconciled', 'success', 'failed'] as const;
export type PaymentLineState = (typeof paymentLineStates)[number];
export const paymentLineStateLabels: Readonly<Record<PaymentLineState, string>> = { ...paymentListStatusLabels, ...lineResultLabels };
export function paymentLineState(listStatus: PaymentListStatus, result: LineResult | null): PaymentLineState {
  return result ?? listStatus;
}
