import { describe, expect, it } from 'vitest';
import { isRiskyText, neutraliseText, restoreText, safeCell } from '../../shared/lib/spreadsheetSafe';

describe('spreadsheetSafe', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+8613905981234', "'+8613905981234"],
    ['-x', "'-x"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'],
    ['-5', "'-5"],
  ])('neutralises %j', (input, expected) => {
    expect(isRiskyText(input)).toBe(true);
    expect(neutraliseText(input)).toBe(expected);
  });

  it.each(['张三', '3504211010010001', '坪埠村一组 8 号', 'a=b', '1+1', '', ' =1', '（=1）'])('leaves %j as it is', (input) => {
    expect(isRiskyText(input)).toBe(false);
    expect(neutraliseText(input)).toBe(input);
  });

  it('keeps numbers (negative ones too), dates, booleans and empty cells as they are', () => {
    expect(safeCell(-1234.5)).toBe(-1234.5);
    expect(typeof safeCell(-1)).toBe('number');
    expect(safeCell(0)).toBe(0);
    const d = new Date(Date.UTC(2026, 0, 1));
    expect(safeCell(d)).toBe(d);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(null)).toBeNull();
    expect(safeCell('=1+1')).toBe("'=1+1");
  });
});

describe('restoreText (import)', () => {
  it('takes off exactly the apostrophe the export added, and nothing else', () => {
    for (const t of ['=1+1', '-王五', '+86', '@李四', '\tx', '\rx']) expect(restoreText(neutraliseText(t))).toBe(t);
    expect(restoreText("'林芳")).toBe("'林芳");
    expect(restoreText("''=1")).toBe("''=1");
    expect(restoreText('王五')).toBe('王五');
  });
});
