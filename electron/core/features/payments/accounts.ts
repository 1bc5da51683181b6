import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { maskBankAccount } from '../../../../shared/domain/privacy';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';

type In<C extends ChannelName> = ParsedInputOf<C>;

// A person's bank account: shown masked, saved with an audit line that keeps only the masked number.

export async function account(ctx: HandlerContext, input: In<'payments.account'>): Promise<OutputOf<'payments.account'>> {
  const a = await repo.findAccount(ctx.db, input.memberId);
  return a ? { memberId: a.member_id, version: a.version, bankName: a.bank_name, accountMasked: maskBankAccount(a.account_no) } : null;
}

export async function saveAccount(ctx: HandlerContext, input: In<'payments.saveAccount'>): Promise<OutputOf<'payments.saveAccount'>> {
  return ctx.mutate(async (tx, audit) => {
    const m = await repo.findMember(tx, input.memberId);
    if (!m) throw new AppError('NOT_FOUND', '找不到这位人员；请刷新后重试');
    const existing = await repo.findAccount(tx, input.memberId);
    await refuseStaleSave(tx, existing, input.version, ctx.clock.now(), [{ path: 'accountNo', label: '银行账号' }]);
    if (existing) {
      await tx.updateTable('bank_accounts').set({ bank_name: input.bankName, account_no: input.accountNo, ...touched(ctx) }).where('id', '=', existing.id).execute();
    } else {
      await tx.insertInto('bank_accounts').values({ ...(await newRowMeta(ctx)), member_id: input.memberId, bank_name: input.bankName, account_no: input.accountNo }).execute();
    }
    // The audit keeps the masked number only: the log is readable by every signed-in user.
    await audit.record({
      entity: 'bankAccount',
      entityId: input.memberId,
      summary: `${existing ? '修改' : '登记'} ${m.name} 的银行账号：${input.bankName} ${maskBankAccount(input.accountNo)}`,
    });
    const a = (await repo.findAccount(tx, input.memberId))!;
    return { memberId: a.member_id, version: a.version, bankName: a.bank_name, accountMasked: maskBankAccount(a.account_no) };
  });
}
