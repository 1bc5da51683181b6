import { describe, expect, it } from 'vitest';
import { sortRows } from '../../renderer/src/components/ledger/wholeList';

interface R {
  code: string;
  pct: number | null;
}
const rows: R[] = [
  { code: 'XM-10', pct: 50 },
  { code: 'XM-9', pct: null },
  { code: 'XM-2', pct: 80 },
  { code: 'XM-1', pct: 50 },
];
const value = (r: R, c: 'code' | 'pct') => r[c];

describe('sortRows (the whole-list ledgers: 项目库台账, 待补充, 资金批次)', () => {
  it('keeps the list order without a sort', () => {
    expect(sortRows(rows, null, value)).toEqual(rows);
  });
  it('sorts codes the way a person reads them (XM-9 before XM-10)', () => {
    expect(sortRows(rows, { column: 'code', direction: 'asc' }, value).map((r) => r.code)).toEqual(['XM-1', 'XM-2', 'XM-9', 'XM-10']);
  });
  it('puts empty values last in both directions and keeps ties in list order', () => {
    expect(sortRows(rows, { column: 'pct', direction: 'asc' }, value).map((r) => r.code)).toEqual(['XM-10', 'XM-1', 'XM-2', 'XM-9']);
    expect(sortRows(rows, { column: 'pct', direction: 'desc' }, value).map((r) => r.code)).toEqual(['XM-2', 'XM-10', 'XM-1', 'XM-9']);
  });
});
