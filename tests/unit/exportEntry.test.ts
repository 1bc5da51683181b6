import { describe, expect, it } from 'vitest';
import { exportEntryFields, filtersInWords, type PlaceNames } from '../../renderer/src/features/audit/exportEntry';
import { formatFieldValue } from '../../renderer/src/features/audit/fieldLabels';

// 操作日志: an export's expanded entry reads in words (issue 15 item 7), never as raw JSON.

const places: PlaceNames = { villages: new Map([['v1', '坪埠村']]), groups: new Map([['g1', '坪埠村一组']]) };

describe('an export entry in words', () => {
  it('names each field in Chinese and the filters with village names and labels', () => {
    const fields = exportEntryFields(
      {
        ledger: 'households',
        format: 'xlsx',
        filters: { villageId: 'v1', groupId: 'g1', kind: 'povertyExited', flags: ['dibao', 'noLabor'], status: 'active', search: '', sort: { column: 'householdCode', direction: 'asc' } },
        rows: 128,
        sha256: 'a'.repeat(64),
      },
      places,
    );
    expect(fields).toEqual([
      { label: '台账', value: '户籍台账' },
      { label: '格式', value: 'Excel（.xlsx）' },
      { label: '筛选条件', value: '村：坪埠村；村民小组：坪埠村一组；类型：脱贫户；标记：低保户、整户无劳动能力；状态：在册' },
      { label: '行数', value: '128 行' },
      { label: '校验码（SHA-256）', value: 'a'.repeat(64), code: true },
    ]);
    for (const f of fields!) expect(f.value).not.toMatch(/ledger|filters|sha256|[{}[\]"]/);
  });

  it('reads 状态 by the ledger it filters, and says when nothing was filtered', () => {
    expect(filtersInWords('monitoring', { status: 'open', riskType: 'illness', overdue: false }, places)).toBe('状态：识别中和监测中；风险类型：因病');
    expect(filtersInWords('measures', { status: 'done', caseStatus: 'all' }, places)).toBe('状态：已落实');
    expect(filtersInWords('visits', { kind: 'return', from: '2026-01-01', to: '2026-03-31' }, places)).toBe('类型：回访；开始日期：2026-01-01；结束日期：2026-03-31');
    expect(filtersInWords('income', {}, places)).toBe('无（全部）');
    expect(filtersInWords('paymentLines', { year: 2026, month: 5, purpose: '公益岗补贴', villageId: 'v1', status: 'failed' }, places)).toBe('年度：2026；月份：5；用途：公益岗补贴；村：坪埠村；状态：失败');
    expect(filtersInWords('households', { villageId: 'gone' }, places)).toBe('村：（已删除的村）');
    // 待补充：有 (issue 11 item 2) in words; off, it filters nothing.
    expect(filtersInWords('households', { pending: true, status: 'active' }, places)).toBe('有待补充项：是；状态：在册');
    expect(filtersInWords('monitoring', { pending: false }, places)).toBe('无（全部）');
  });

  it('is not an export entry without ledger and checksum', () => {
    expect(exportEntryFields({ name: '张三' }, places)).toBeNull();
    expect(exportEntryFields(null, places)).toBeNull();
  });

  it('joins a list of codes so it wraps, instead of printing a JSON array', () => {
    expect(formatFieldValue('measureTypeCodes', ['A01', 'A02', 'B03'])).toBe('A01、A02、B03');
    expect(formatFieldValue('riskTypes', [])).toBe('（空）');
  });
});
