import { loanUseLabels } from '../../../../shared/domain/loans';
import type { FeatureHandlers } from '../../handler';
import { tickCaseMeasure } from '../measures/tick';
import { addEvent, reverseEvent } from './events';
import { ledger, overdueCount } from './ledger';
import * as service from './service';
import * as settings from './settings';

export const loansHandlers = {
  'loans.settings': (_input, ctx) => settings.list(ctx),
  'loans.saveSettings': (input, ctx) => settings.save(ctx, input),
  'loans.forHousehold': (input, ctx) => service.forHousehold(ctx, input),
  'loans.get': (input, ctx) => service.get(ctx, input),
  // The loan, the JR01 measure it ticks and their audit rows: one transaction (the dispatcher's).
  'loans.save': async (input, ctx) => {
    const loan = await service.save(ctx, input);
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
  },
  'loans.addEvent': (input, ctx) => addEvent(ctx, input),
  'loans.reverseEvent': (input, ctx) => reverseEvent(ctx, input),
  'loans.ledger': (input, ctx) => ledger(ctx, input),
  'loans.overdueCount': (_input, ctx) => overdueCount(ctx),
} satisfies FeatureHandlers<'loans'>;
