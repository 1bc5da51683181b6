import { cellText, cleanIdNumber, codeText, excelRoundedIdMessage, parseNumber, type CellValue } from '../../../../../../../shared/domain/importClean';
import { amountInWan, importFields, loanKindFromText, loanUseFromText, rateBpFromText } from '../../../../../../../shared/domain/importFields';
import { parseIdNumber } from '../../../../../../../shared/domain/idNumber';
import { Problems, keyedCollector, readCode, readDate, type Collector, type CollectorContext, type Row } from '../../collect';
import type { ImportedLoan } from '../../types';
import { readText } from '../activityRef';

// A bank's loan sheet: one record per contract. What the row says of itself is checked here (the
// ID number, dates, amounts, rate); the borrower, the contract already on the ledger and the loan
// rules are the planner's business (they need the database).

const loanFieldKeys = importFields.loans.map((f) => f.key);

/** An amount in 元, or in 万元 when its column's header says so, as fen; a problem when unreadable. */
function readMoney(row: Row, field: string, wan: boolean, problems: Problems): number | null {
  const v: CellValue = row.value(field);
  const text = cellText(v);
  if (text === '') return null;
  const n = parseNumber(typeof v === 'string' ? v.replace(/^[¥￥]/, '').replace(/万?元$/, '') : v);
  const fen = n === null ? NaN : n * (wan ? 1_000_000 : 100);
  const whole = Math.round(fen);
  if (!Number.isFinite(fen) || n === null || n < 0) {
    problems.add(row.line, field, `“${text}”不是金额，请只填数字（单位：${wan ? '万元' : '元'}）`);
    return null;
  }
  if (Math.abs(fen - whole) > 1e-6 * Math.max(1, Math.abs(fen))) {
    problems.add(row.line, field, `“${text}”${wan ? '万元' : '元'}换算后不足一分，请核对小数位`);
    return null;
  }
  return whole;
}

export function loansCollector(ctx: CollectorContext): Collector {
  const problems = new Problems(ctx.labelOf);
  const headerOf = (field: string) => ctx.columns.find((c) => c.field === field)?.header ?? '';
  const wan = { amount: amountInWan(headerOf('amount')), balance: amountInWan(headerOf('balance')), repaid: amountInWan(headerOf('repaid')) };
  return keyedCollector<ImportedLoan>(
    ctx,
    problems,
    (row) => {
      const idCell = codeText(row.value('idNumber'));
      const rawId = cleanIdNumber(idCell.text);
      let idNumber = '';
      if (rawId === '') problems.add(row.line, 'idNumber', '请填写借款人的证件号码，以便找到借款人所在的户');
      else if (idCell.lostDigits) problems.add(row.line, 'idNumber', `${rawId} ${excelRoundedIdMessage}`);
      else {
        const id = parseIdNumber(rawId, ctx.today);
        if (id.ok) idNumber = id.value;
        else problems.add(row.line, 'idNumber', `${rawId}：${id.message}`);
      }
      const borrowerName = readText(row, 'borrowerName', '借款人姓名', 20, problems);
      const bank = readText(row, 'bank', '贷款银行', 40, problems) ?? '';
      if (bank === '' && !problems.has(row.line, 'bank')) problems.add(row.line, 'bank', '请填写贷款银行');
      const contractNo = readCode(row, 'contractNo', problems, '合同编号');
      if (contractNo === '' && !problems.has(row.line, 'contractNo')) problems.add(row.line, 'contractNo', '请填写合同编号');
      const amountFen = readMoney(row, 'amount', wan.amount, problems);
      if (amountFen === null && !problems.has(row.line, 'amount')) problems.add(row.line, 'amount', '请填写贷款金额');
      const loanDate = readDate(row, 'loanDate', problems);
      if (loanDate === null && !problems.has(row.line, 'loanDate')) problems.add(row.line, 'loanDate', '请填写放款日期');
      const dueDate = readDate(row, 'dueDate', problems);
      if (dueDate === null && !problems.has(row.line, 'dueDate')) problems.add(row.line, 'dueDate', '请填写到期日期');
      const rateText = row.text('rate');
      const rateBp = rateBpFromText(rateText);
      if (rateBp === null) problems.add(row.line, 'rate', rateText === '' ? '请填写年利率' : `“${rateText}”不是利率，请写成 3.45 或 3.45% 的样子`);
      const useText = row.text('use').trim();
      if (useText === '') problems.add(row.line, 'use', '请填写贷款用途');
      const kindText = row.has('loanKind') ? row.text('loanKind') : '';
      const kind = kindText === '' ? null : loanKindFromText(kindText);
      if (kindText !== '' && kind === null) problems.add(row.line, 'loanKind', `“${kindText}”无法识别，可填：新增、续贷、展期`);
      const balance = row.has('balance') ? readMoney(row, 'balance', wan.balance, problems) : null;
      const repaidCell = row.has('repaid') ? readMoney(row, 'repaid', wan.repaid, problems) : null;
      const repaidFen = repaidCell ?? (balance !== null && amountFen !== null ? amountFen - balance : null);
      if (repaidFen !== null && amountFen !== null && (repaidFen < 0 || repaidFen > amountFen)) {
        problems.add(row.line, repaidCell !== null ? 'repaid' : 'balance', '贷款余额或已还本金与贷款金额对不上（余额不能大于贷款金额），请核对');
      }
      const key = `${bank}|${contractNo !== '' ? contractNo : `行${row.line}`}`;
      if (problems.has(row.line) || amountFen === null || loanDate === null || dueDate === null || rateBp === null) return { key, value: null };
      return {
        key,
        value: { lines: [row.line], idNumber, borrowerName, bank, contractNo, amountFen, loanDate, dueDate, rateBp, useText, use: loanUseFromText(useText), kind, repaidFen },
      };
    },
    loanFieldKeys,
    (first) => `与第 ${first} 行是同一银行的同一合同编号，但其他内容不同，请核对后只保留一行`,
    (records) => ({ kind: 'loans', records: records.map((r) => ({ ...r.value, lines: r.lines })) }),
  );
}
