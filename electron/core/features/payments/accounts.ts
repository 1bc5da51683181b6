import type { ChannelName, OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { maskBankAccount } from '../../../../shared/domain/privacy';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import * as repo from './repository';

// Bank accounts of the people a list pays: shown masked everywhere, the full number only in the
// bank's rows for the roles that send money.

type In<C extends ChannelName> = ParsedInputOf<C>;

function rule(message: string): AppError {
  return new AppError('RULE', message);
}

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

export async function bankRows(ctx: HandlerContext, input: In<'payments.bankRows'>): Promise<OutputOf<'payments.bankRows'>> {
  const l = await repo.findList(ctx.db, input.id);
  if (!l) throw new AppError('NOT_FOUND', '找不到这份发放清册，可能已被删除；请刷新列表');
  if (l.status !== 'approved' && l.status !== 'bank') throw rule('只有审核通过的清册才能导出银行代发文件');
  const lines = await repo.selectLines(ctx.db, l.id);
  return lines
    .filter((r) => r.amount_fen > 0 && r.result === null)
    .map((r) => ({ lineId: r.id, name: r.name, idNumber: r.id_number, bankName: r.bank_name ?? '', accountNo: r.account_no ?? '', amountFen: r.amount_fen }));
}

