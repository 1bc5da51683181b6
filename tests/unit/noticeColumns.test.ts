import { describe, expect, it } from 'vitest';
import {
  defaultNoticeColumns,
  effectiveNoticeColumns,
  forbiddenNoticeColumns,
  noticeColumnKeys,
  noticeColumnLabels,
} from '../../shared/domain/noticeColumns';
import { noticePeriod } from '../../electron/core/features/notices/documents';
import { noticeEndDate } from '../../shared/domain/thresholds';

describe('notice columns', () => {
  it('by default shows no ID number, phone, bank account or health detail', () => {
    expect(defaultNoticeColumns).toEqual(['headName', 'group', 'memberCount', 'category', 'risks']);
    const labels = defaultNoticeColumns.map((k) => noticeColumnLabels[k]).join();
    for (const word of ['身份证', '电话', '银行', '健康', '病']) expect(labels).not.toContain(word);
  });
  it('the forbidden columns cannot be chosen and the only ID column is masked', () => {
    for (const f of forbiddenNoticeColumns) expect(noticeColumnKeys as readonly string[]).not.toContain(f.key);
    const idColumns = noticeColumnKeys.filter((k) => noticeColumnLabels[k].includes('身份证'));
    expect(idColumns).toEqual(['maskedIdNumber']);
    expect(noticeColumnLabels.maskedIdNumber).toContain('隐去');
  });
  it('keeps known keys in catalogue order, adds 户主, drops unknown and forbidden keys, falls back to defaults', () => {
    expect(effectiveNoticeColumns(['risks', 'group', 'idNumber', 'phone'])).toEqual(['headName', 'group', 'risks']);
    expect(effectiveNoticeColumns([])).toEqual(defaultNoticeColumns);
    expect(effectiveNoticeColumns(['health', 'bankAccount'])).toEqual(defaultNoticeColumns);
  });
});

describe('notice dates', () => {
  it('runs the setting’s number of days, the start day included (5 and 7 days)', () => {
    expect(noticeEndDate('2026-04-24', 5)).toBe('2026-04-28');
    expect(noticePeriod('2026-04-24', null, 5)).toEqual({ from: '2026-04-24', to: '2026-04-28', days: 5 });
    expect(noticePeriod('2026-04-24', null, 7)).toEqual({ from: '2026-04-24', to: '2026-04-30', days: 7 });
    expect(noticePeriod('2026-02-25', null, 7)).toEqual({ from: '2026-02-25', to: '2026-03-03', days: 7 });
    expect(noticePeriod('2028-02-25', null, 7)).toEqual({ from: '2028-02-25', to: '2028-03-02', days: 7 });
  });
  it('keeps a longer recorded end, lengthens a recorded end shorter than the setting', () => {
    expect(noticePeriod('2026-04-24', '2026-05-03', 5)).toEqual({ from: '2026-04-24', to: '2026-05-03', days: 10 });
    expect(noticePeriod('2026-04-24', '2026-04-28', 7)).toEqual({ from: '2026-04-24', to: '2026-04-30', days: 7 });
  });
});
