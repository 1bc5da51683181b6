import { sql, type Selectable } from 'kysely';
import type { ParsedInputOf } from '../../../../../../../shared/contract';
import { loanSaveSchema } from '../../../../../../../shared/contract/loans';
import { loanUseLabels, loanWarnings, type LoanSettings } from '../../../../../../../shared/domain/loans';
import { formatYuan } from '../../../../../../../shared/lib/money';
import { loanDateProblem } from '../../../../loans/service';
import type { LoanTable } from '../../../../../db/schema';
import { inChunks, type CellRenderer, type Db } from '../../planCommon';
import type { ImportCounts, ImportedLoan, InvalidRow, LineNumber } from '../../types';

// A bank's loan sheet against the ledger. The borrower is the living member with the row's ID
// number; a contract already on the ledger (same bank and number, or the only loan with that
// number) is updated, not registered again, so the same sheet imported twice changes nothing.
// Refused: what the record cannot be (nobody with that ID, a name that is someone else's, a
// contract of another household, what the loans.save schema refuses, a loan dated after today).
// Kept with a warning, as the loans ledger keeps them: loans that break the year's rules (amount,
// term, age, rate, use — loanWarnings with the settings of the loan's year).

export interface LoanWriteOp {
  lines: LineNumber[];
  /** What loans.save receives; null when only the repayments change. */
  save: ParsedInputOf<'loans.save'> | null;
  /** The loan updated (null: a new loan, its id known once saved). */
  loanId: string | null;
  /** Principal the sheet shows repaid beyond the ledger's repayments: one repayment entry. */
  repaymentFen: number;
}

export interface LoanOperations {
  kind: 'loans';
  inserts: LoanWriteOp[];
  updates: LoanWriteOp[];
}

interface Borrower {
  id: string;
  name: string;
  birth_date: string;
  id_number: string;
  household_id: string;
  household_code: string;
}

/** A loan on the ledger as the schema has it, with its household's code and the principal repaid so far. */
type LedgerLoan = Selectable<LoanTable> & { household_code: string; repaid: number };

const compared = ['borrowerId', 'bank', 'amountFen', 'loanDate', 'dueDate', 'rateBp', 'use', 'useDetail', 'kind'] as const;

export async function planLoans(
  db: Db,
  records: readonly ImportedLoan[],
  cells: CellRenderer,
  today: string,
  rules: (year: number) => LoanSettings,
): Promise<{ counts: Omit<ImportCounts, 'invalid'>; conflicts: InvalidRow[]; warnings: InvalidRow[]; operations: LoanOperations }> {
  const borrowers = new Map(
    (
      await inChunks(
        records.map((r) => r.idNumber),
        async (json) =>
          (
            await sql<Borrower>`SELECT m.id, m.name, m.birth_date, m.id_number, m.household_id, h.household_code
              FROM members AS m JOIN households AS h ON h.id = m.household_id
              WHERE m.id_number IN (SELECT value FROM json_each(${json})) AND m.status = 'current' AND m.deleted_at IS NULL AND h.deleted_at IS NULL`.execute(db)
          ).rows,
      )
    ).map((b) => [b.id_number, b]),
  );
  const ledger = await inChunks(
    records.map((r) => r.contractNo),
    async (json) =>
      (
        await sql<LedgerLoan>`SELECT l.*, h.household_code,
            (SELECT coalesce(sum(ev.principal_fen), 0) FROM loan_events ev WHERE ev.loan_id = l.id AND ev.deleted_at IS NULL) AS repaid
          FROM loans AS l JOIN households AS h ON h.id = l.household_id
          WHERE l.contract_no IN (SELECT value FROM json_each(${json})) AND l.deleted_at IS NULL`.execute(db)
      ).rows,
  );
  const known = (r: ImportedLoan): LedgerLoan | null => {
    const same = ledger.filter((l) => l.contract_no === r.contractNo);
    return same.find((l) => l.bank === r.bank) ?? (same.length === 1 ? same[0]! : null);
  };

  const operations: LoanOperations = { kind: 'loans', inserts: [], updates: [] };
  const conflicts: InvalidRow[] = [];
  const warnings: InvalidRow[] = [];
  let unchanged = 0;
  const rowCells = (r: ImportedLoan) => cells({ idNumber: r.idNumber, borrowerName: r.borrowerName, bank: r.bank, contractNo: r.contractNo });
  const refuse = (r: ImportedLoan, reason: string) => {
    for (const line of r.lines) conflicts.push({ line, reason: `第 ${line} 行：${reason}`, cells: rowCells(r) });
  };
  const warn = (r: ImportedLoan, reason: string) => warnings.push({ line: r.lines[0]!, reason: `第 ${r.lines[0]!} 行：合同 ${r.contractNo}：${reason}`, cells: rowCells(r) });

  for (const r of records) {
    const b = borrowers.get(r.idNumber);
    if (!b) {
      refuse(r, `台账中没有证件号码为 ${r.idNumber} 的在册人员。请先登记借款人所在的户（或核对证件号码），再导入这一行`);
      continue;
    }
    if (r.borrowerName !== null && r.borrowerName !== b.name) {
      refuse(r, `证件号码 ${r.idNumber} 在台账中是 ${b.name}（户编号 ${b.household_code}），与表中的借款人 ${r.borrowerName} 不符，请核对`);
      continue;
    }
    const dateProblem = loanDateProblem(r.loanDate, today);
    if (dateProblem !== null) {
      refuse(r, dateProblem);
      continue;
    }
    const old = known(r);
    if (old && old.household_id !== b.household_id) {
      refuse(r, `合同 ${r.contractNo} 在台账中登记在户编号 ${old.household_code} 名下，与借款人 ${b.name} 所在的户（${b.household_code}）不符。贷款所属的户不能由导入修改，请核对`);
      continue;
    }
    // The bank's own words for the use stay beside the catalog's (其他产业项目 when they cannot be told).
    const useDetail = r.use !== null && r.useText === loanUseLabels[r.use] ? null : r.useText.slice(0, 100);
    const values = {
      householdId: b.household_id,
      borrowerId: b.id,
      bank: old?.bank ?? r.bank,
      contractNo: old?.contract_no ?? r.contractNo,
      amountFen: r.amountFen,
      loanDate: r.loanDate,
      dueDate: r.dueDate,
      rateBp: r.rateBp,
      // A use the sheet does not tell leaves the ledger's (a clerk may have set it by hand).
      use: r.use ?? old?.use ?? 'otherIndustry',
      useDetail: r.use === null && old ? old.use_detail : useDetail,
      kind: r.kind ?? old?.kind ?? 'new',
      riskCompensation: old ? old.risk_compensation === 1 : false,
      note: old?.note ?? null,
    };
    const parsed = loanSaveSchema.safeParse(old ? { id: old.id, version: old.version, ...values } : values);
    if (!parsed.success) {
      refuse(r, parsed.error.issues.map((i) => i.message).join('；'));
      continue;
    }
    const repaidBefore = old ? Number(old.repaid) : 0;
    const repaymentFen = r.repaidFen === null ? 0 : Math.max(0, r.repaidFen - repaidBefore);
    if (r.repaidFen !== null && r.repaidFen < repaidBefore) {
      warn(r, `台账已记还本 ${formatYuan(repaidBefore)} 元，多于银行表的 ${formatYuan(r.repaidFen)} 元；还款记录未改动，请核对`);
    }
    const before = old
      ? { borrowerId: old.borrower_id, bank: old.bank, amountFen: old.amount_fen, loanDate: old.loan_date, dueDate: old.due_date, rateBp: old.rate_bp, use: old.use, useDetail: old.use_detail, kind: old.kind }
      : null;
    const changed = before === null || compared.some((k) => before[k] !== values[k]);
    if (!changed && repaymentFen === 0) {
      unchanged += 1;
      continue;
    }
    if (r.use === null) warn(r, `贷款用途“${r.useText}”未能对应到用途目录，按“${loanUseLabels[values.use]}”登记，请在台账中核对`);
    if (changed) {
      for (const w of loanWarnings(
        { amountFen: values.amountFen, loanDate: values.loanDate, dueDate: values.dueDate, rateBp: values.rateBp, use: values.use, borrowerBirthDate: b.birth_date },
        rules(Number(values.loanDate.slice(0, 4))),
      )) {
        warn(r, `${w}（照银行记录导入）`);
      }
    }
    const op: LoanWriteOp = { lines: r.lines, save: changed ? parsed.data : null, loanId: old?.id ?? null, repaymentFen };
    if (old) operations.updates.push(op);
    else operations.inserts.push(op);
  }
  return { counts: { new: operations.inserts.length, changed: operations.updates.length, unchanged }, conflicts, warnings, operations };
}
