import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportResult } from '../../../../shared/contract/fileExport';
import type { LedgerColumn } from '../../../../shared/domain/ledgerLayouts';
import type { LineResult } from '../../../../shared/domain/payments';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newOutboxFile, storedFile } from '../../files/store';
import { uuidv7 } from '../../ids';
import { writeLedgerFile } from '../../files/export/ledgerFile';
import { fsyncDir, partialNameFor } from '../../files/export/sink';
import { readXlsxRows } from '../../files/xlsx/xlsxReader';
import * as repo from './repository';

// The bank's round trip (EMPLOYMENT-FUNDS §2.4): an .xlsx with full account numbers for 代发 (only
// reviewers and admins: the contract's access), and the bank's result sheet read back with the
// project's own xlsx reader. Each row carries the line's 行号 so the result finds its line even
// when the bank re-sorts the sheet; without it, the account number is the key.

export const bankColumns: readonly LedgerColumn[] = [
  { key: 'seq', header: '序号', width: 6, kind: 'int' },
  { key: 'name', header: '户名', width: 10, kind: 'text' },
  { key: 'idNumber', header: '身份证号', width: 22, kind: 'code' },
  { key: 'bankName', header: '开户银行', width: 22, kind: 'text' },
  { key: 'accountNo', header: '账号', width: 24, kind: 'code' },
  { key: 'amountFen', header: '金额（元）', width: 12, kind: 'money' },
  { key: 'memo', header: '摘要', width: 20, kind: 'text' },
  { key: 'lineId', header: '行号', width: 40, kind: 'code' },
  { key: 'result', header: '结果', width: 8, kind: 'text' },
  { key: 'reason', header: '失败原因', width: 20, kind: 'text' },
];

export function startBankFile(ctx: HandlerContext, listId: string): string {
  return ctx.jobs.start('payments.bankFile', async (control) => {
    const l = await repo.findList(ctx.db, listId);
    if (!l) throw new AppError('NOT_FOUND', '找不到这份发放清册；请刷新');
    if (l.status !== 'approved' && l.status !== 'bank') throw new AppError('RULE', '只有审核通过（或已交银行）的清册才能导出银行代发文件');
    const lines = (await repo.selectLines(ctx.db, listId)).filter((r) => r.amount_fen > 0 && r.result === null);
    const missing = lines.filter((r) => r.account_no === null).map((r) => r.name);
    if (missing.length > 0) throw new AppError('RULE', `${missing.slice(0, 5).join('、')} 还没有登记银行账号，请先登记后再导出`);
    const rows = lines.map((r, i) => ({
      seq: i + 1,
      name: r.name,
      idNumber: r.id_number,
      bankName: r.bank_name ?? '',
      accountNo: r.account_no ?? '',
      amountFen: r.amount_fen,
      memo: `${l.purpose}${l.period}`,
      lineId: r.id,
      result: '',
      reason: '',
    }));
    const out = newOutboxFile(ctx.dataDir, `${l.title}_银行代发.xlsx`);
    const partial = partialNameFor(out.path);
    let written;
    try {
      written = await writeLedgerFile(partial, out.fileName, 'xlsx', [{ name: '代发明细', columns: bankColumns, rows }], control, () => {});
      renameSync(partial, out.path);
      fsyncDir(dirname(out.path));
    } catch (err) {
      rmSync(dirname(out.path), { recursive: true, force: true });
      throw err;
    }
    // Full account numbers leaving the program are on the record.
    await ctx.mutate(async (_tx, audit) => {
      await audit.record({
        entity: 'export',
        entityId: uuidv7(ctx.clock.now().getTime()),
        summary: `导出「${l.title}」银行代发文件（${written.rows} 行，含完整账号）`,
        after: { listId, rows: written.rows, sha256: written.sha256 },
      });
    });
    const result: ExportResult = { file: { fileId: out.fileId, fileName: out.fileName, size: written.size }, rows: written.rows };
    return result;
  });
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

const successWords = ['成功', '已入账', '入账成功', '代发成功', 'success', '1'];
const failWords = ['失败', '退回', '未入账', '代发失败', 'fail', 'failed', '0'];

export interface ResultRow {
  lineId: string;
  result: LineResult;
  reason: string | null;
}

/**
 * Reads the bank's result sheet: the header row names 结果 (or 状态) and 行号 or 账号; each data
 * row gives 成功 or 失败 with 失败原因. Rows the list does not know are refused by name.
 */
export async function readResultSheet(
  ctx: HandlerContext,
  fileId: string,
  lines: readonly { id: string; account_no: string | null; name: string }[],
): Promise<ResultRow[]> {
  const file = storedFile(ctx.dataDir, 'staging', fileId);
  let header: string[] | null = null;
  const out: ResultRow[] = [];
  const byId = new Map(lines.map((l) => [l.id, l]));
  const byAccount = new Map(lines.filter((l) => l.account_no !== null).map((l) => [l.account_no!, l]));
  for await (const row of readXlsxRows(file.path)) {
    const cells = row.cells.map(text);
    if (header === null) {
      if (cells.some((c) => c === '结果' || c === '状态' || c === '处理结果')) header = cells;
      continue;
    }
    const col = (...names: string[]) => header!.findIndex((h) => names.includes(h));
    const resultCol = col('结果', '状态', '处理结果');
    const idCol = col('行号');
    const accountCol = col('账号', '卡号', '收款账号');
    const reasonCol = col('失败原因', '原因', '备注');
    if (cells.every((c) => c === '')) continue;
    const id = idCol >= 0 ? cells[idCol] ?? '' : '';
    const account = accountCol >= 0 ? (cells[accountCol] ?? '').replace(/\s/g, '') : '';
    const line = byId.get(id) ?? byAccount.get(account);
    if (!line) throw new AppError('RULE', `结果表第 ${row.line} 行（${id || account || '无行号和账号'}）不属于这份清册，请核对是否选错了文件`);
    const word = (cells[resultCol] ?? '').toLowerCase();
    const reason = reasonCol >= 0 ? cells[reasonCol] || null : null;
    if (successWords.includes(word)) out.push({ lineId: line.id, result: 'success', reason: null });
    else if (failWords.includes(word)) out.push({ lineId: line.id, result: 'failed', reason: reason ?? '银行未注明原因' });
    else throw new AppError('RULE', `结果表第 ${row.line} 行（${line.name}）的结果「${cells[resultCol] ?? ''}」无法识别，请填「成功」或「失败」`);
  }
  if (header === null) throw new AppError('RULE', '结果表中没有找到「结果」列；请在银行回单的表头中保留「结果」和「行号」（或「账号」）两列');
  if (out.length === 0) throw new AppError('RULE', '结果表中没有结果行，请核对所选文件');
  return out;
}
