// 发放清册 (EMPLOYMENT-FUNDS): the service is split by purpose: lists (a list and its lines),
// flow (公示 → 审核 → 交银行 → 对账, the bank file, results, corrections, printing) and accounts
// (a person's bank account). This file keeps the old import path.
export { addLine, create, createList, get, insertLines, list, removeLine } from './lists';
export type { NewLine, NewList } from './lists';
export { advance, bankFile, bankRows, correct, importResults, print, recordResults, resendFailed } from './flow';
export { account, saveAccount } from './accounts';
