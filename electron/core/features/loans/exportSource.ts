import type { ParsedExportInput } from '../../../../shared/contract/fileExport';
import { householdKindLabels } from '../../../../shared/domain/household';
import { loanKindLabels, loanStatusLabels, loanUseLabels } from '../../../../shared/domain/loans';
import type { HandlerContext } from '../../context';
import type { LedgerSource } from '../../files/export/ledgerCommon';
import { pagedSource } from '../../files/export/ledgerCommon';
import type { LedgerRecord } from '../../files/export/writers';
import { loanLedgerRows } from './ledger';

type Filters = Extract<ParsedExportInput, { ledger: 'loans' }>['filters'];

const BATCH = 1000;

/** 小额信贷台账 for the export: the page's own query, read in batches, with the borrower's ID number. */
export async function loansSource(ctx: HandlerContext, filters: Filters): Promise<LedgerSource> {
  const f = { ...filters, year: filters.year ?? Number(ctx.today().slice(0, 4)) };
  return pagedSource(
    (offset, limit) => loanLedgerRows(ctx, f, offset, limit),
    async (rows) => {
      const ids = await ctx.db.selectFrom('members').select(['id', 'id_number']).where('id', 'in', rows.length > 0 ? rows.map((r) => r.borrowerId) : ['']).execute();
      const idNumber = new Map(ids.map((m) => [m.id, m.id_number]));
      return rows.map((r): LedgerRecord => ({
        village: r.villageName,
        householdCode: r.householdCode,
        borrower: r.borrowerName,
        idNumber: idNumber.get(r.borrowerId) ?? null,
        householdKind: householdKindLabels[r.householdKind],
        bank: r.bank,
        contractNo: r.contractNo,
        amount: r.amountFen,
        loanDate: r.loanDate,
        dueDate: r.dueDate,
        rate: (r.rateBp / 100).toFixed(2),
        use: loanUseLabels[r.use],
        kind: loanKindLabels[r.kind],
        outstanding: r.outstandingFen,
        status: loanStatusLabels[r.status],
        overdueDays: r.overdueDays,
        interestPaid: r.interestPaidFen,
        subsidyDue: r.subsidyDueFen,
        subsidyPaid: r.subsidyPaidFen,
        warnings: r.warnings.join('；'),
      }));
    },
    BATCH,
  );
}
