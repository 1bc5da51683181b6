import { describe, expect, it } from 'vitest';
import {
  columnLooksExcelRounded,
  endsLikeExcelRounded,
  cellText,
  cleanHeader,
  cleanIdNumber,
  cleanText,
  codeText,
  excelSerialToIso,
  parseAmountFen,
  parseDate,
  parseInteger,
  parseNumber,
  parseYesNo,
  toHalfWidth,
} from '../../shared/domain/importClean';

describe('import cleaning', () => {
  it('turns full-width digits and letters into half-width and tidies spaces and line breaks', () => {
    expect(toHalfWidth('３５０４２１ＡＢｃ（１）')).toBe('350421ABc(1)');
    expect(cleanText('  张\u3000建国\r\n ')).toBe('张 建国');
    expect(cleanText('坪埠村\n二组')).toBe('坪埠村 二组');
    expect(cleanHeader(' 证件\n号码* ')).toBe('证件号码');
    expect(cleanHeader('工资性收入（元）')).toBe('工资性收入(元)');
  });

  it('keeps the Chinese punctuation of free text, so an exported note re-imports unchanged', () => {
    expect(cleanText('家庭成员患病，合规自付医疗支出增加。')).toBe('家庭成员患病，合规自付医疗支出增加。');
    expect(cleanText('住院（２０２５年）：ＡＢ型')).toBe('住院（2025年）：AB型');
  });

  it('cleans ID numbers: spaces, full-width digits, a lowercase x at the end', () => {
    expect(cleanIdNumber(' ３５０４２１ 2009 0905 049x ')).toBe('35042120090905049X');
    expect(cleanIdNumber("'350421197503120019")).toBe('350421197503120019');
    // An x in the middle is a typing error the ID check reports, not something to fix silently.
    expect(cleanIdNumber('3504x1197503120019')).toBe('3504x1197503120019');
  });

  it('reads Excel date serials, Date cells and the forms offices write dates in', () => {
    expect(excelSerialToIso(45047)).toBe('2023-05-01');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(parseDate(45047)).toEqual({ ok: true, date: '2023-05-01', monthOnly: false });
    expect(parseDate(new Date(Date.UTC(2023, 4, 1)))).toEqual({ ok: true, date: '2023-05-01', monthOnly: false });
    const month = { ok: true, date: '2023-05-01', monthOnly: true };
    expect(parseDate('2023.05')).toEqual(month);
    expect(parseDate('202305')).toEqual(month);
    expect(parseDate(202305)).toEqual(month);
    expect(parseDate('2023年5月')).toEqual(month);
    expect(parseDate('２０２３年５月')).toEqual(month);
    expect(parseDate('2023-05')).toEqual(month);
    const day = { ok: true, date: '2023-05-01', monthOnly: false };
    expect(parseDate('2023-5-1')).toEqual(day);
    expect(parseDate('2023/05/01')).toEqual(day);
    expect(parseDate('2023.5.1')).toEqual(day);
    expect(parseDate('2023年5月1日')).toEqual(day);
    expect(parseDate('20230501')).toEqual(day);
    expect(parseDate('45047')).toEqual(day);
    expect(parseDate('2023-13-01').ok).toBe(false);
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('五月').ok).toBe(false);
    expect(parseDate('').ok).toBe(false);
  });

  it('reads numbers stored as text', () => {
    expect(parseNumber(' 1,234 ')).toBe(1234);
    expect(parseNumber('１２３')).toBe(123);
    expect(parseInteger('5人', '人')).toBe(5);
    expect(parseInteger('5.0')).toBe(5);
    expect(parseInteger('5.5')).toBeNull();
    expect(parseInteger('2025年', '年')).toBe(2025);
    expect(parseNumber('abc')).toBeNull();
  });

  it('turns amounts in 元 into fen, refusing more than two decimals', () => {
    expect(parseAmountFen('12,000.50元')).toEqual({ ok: true, fen: 1_200_050 });
    expect(parseAmountFen('１２３４')).toEqual({ ok: true, fen: 123_400 });
    expect(parseAmountFen('￥800')).toEqual({ ok: true, fen: 80_000 });
    expect(parseAmountFen('800.00')).toEqual({ ok: true, fen: 80_000 });
    expect(parseAmountFen(1234.56)).toEqual({ ok: true, fen: 123_456 });
    expect(parseAmountFen(0.1 + 0.2)).toEqual({ ok: true, fen: 30 });
    expect(parseAmountFen('1.234')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmountFen(1.234)).toEqual({ ok: false, reason: 'decimals' });
    expect(parseAmountFen('十二元')).toEqual({ ok: false, reason: 'format' });
    expect(parseAmountFen('-5')).toEqual({ ok: true, fen: -500 });
  });

  it('reads yes/no and codes Excel turned into numbers', () => {
    expect(parseYesNo('是')).toBe(true);
    expect(parseYesNo(' 否 ')).toBe(false);
    expect(parseYesNo('Y')).toBe(true);
    expect(parseYesNo('也许')).toBeNull();
    expect(codeText(3504211010010)).toEqual({ text: '3504211010010', lostDigits: false });
    expect(codeText(350421197503120000).lostDigits).toBe(true);
    expect(codeText('3.50421E+17').lostDigits).toBe(true);
    expect(codeText('３５０４２１ 1010').text).toBe('3504211010');
    expect(cellText(new Date(Date.UTC(2023, 4, 1)))).toBe('2023-05-01');
    expect(cellText(null)).toBe('');
  });
});

describe('ID numbers Excel rounded to 15 digits', () => {
  it('spots 000 endings and a column where several end so, not the one in a thousand real ones', () => {
    expect(endsLikeExcelRounded('350421196405220000')).toBe(true);
    expect(endsLikeExcelRounded('35042119640522000X')).toBe(false);
    expect(endsLikeExcelRounded('350421196405220010')).toBe(false);
    const real = Array.from({ length: 1000 }, (_, i) => `3504211964052${String(i).padStart(5, '0')}`.slice(0, 17) + '1');
    expect(columnLooksExcelRounded([...real, '350421196405220000'])).toBe(false);
    expect(columnLooksExcelRounded(['350421196405220000', '350421197001010000', '350421198001011234'])).toBe(true);
  });
});
