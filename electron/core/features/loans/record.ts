import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { loanUseLabels } from '../../../../shared/domain/loans';
import type { HandlerContext } from '../../context';
import { tickCaseMeasure } from '../measures/tick';
import { save } from './service';

// Recording a loan as loans.save does: the loan, and for a new one the JR01 measure of the
// household's open case. The form's channel and the bank sheet's import both come here, so an
// imported loan meets the same rules and ticks the same measure. Runs in the caller's transaction.

export async function recordLoan(ctx: HandlerContext, input: ParsedInputOf<'loans.save'>): Promise<OutputOf<'loans.save'>> {
  const loan = await save(ctx, input);
  const measureNote =
    input.id === undefined
      ? await tickCaseMeasure(ctx, {
          householdId: loan.householdId,
          code: 'JR01',
          plannedDate: loan.loanDate,
          doneDate: loan.loanDate,
          amountFen: loan.amountFen,
          note: `由小额信贷登记：${loan.borrowerName} ${loan.bank} 合同 ${loan.contractNo}（${loanUseLabels[loan.use]}）`,
          recordLabel: '小额信贷',
        })
      : null;
  return { ...loan, measureNote };
}
