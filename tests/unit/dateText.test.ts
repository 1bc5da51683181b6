import { describe, expect, it } from 'vitest';
import { dateRefusal, parseDateText } from '../../shared/lib/dateText';

describe('parseDateText', () => {
  it.each([
    // The three ways the issue names.
    ['2026-12-05', '2026-12-05'],
    ['20261205', '2026-12-05'],
    ['2026.12.5', '2026-12-05'],
    // Other ways people write a day.
    ['2026-1-5', '2026-01-05'],
    ['2026/12/05', '2026-12-05'],
    ['2026年12月5日', '2026-12-05'],
    ['2026年12月5', '2026-12-05'],
    ['  2026-12-05 ', '2026-12-05'],
    ['２０２６．１２．５', '2026-12-05'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  it.each([
    [''],
    ['2026'],
    ['2026-12'],
    ['2026120'], // half-typed compact form
    ['202612051'],
    ['2026-13-01'],
    ['2026-02-30'],
    ['2025-02-29'],
    ['2026-12-00'],
    ['26-12-05'],
    ['12/05/2026'], // the browser's mm/dd/yyyy is not a Chinese reading
    ['2026-12-05 10:00'],
    ['abc'],
  ])('refuses %j', (text) => {
    expect(parseDateText(text)).toBeNull();
  });
});

describe('dateRefusal', () => {
  it.each([
    ['', undefined, undefined, null],
    ['2026.12.5', undefined, '2026-12-05', null],
    ['20261206', undefined, '2026-12-05', '2026-12-06 晚于 2026-12-05，未采用；请填 2026-12-05 或以前的日期'],
    ['2026-01-01', '2026-03-01', undefined, '2026-01-01 早于 2026-03-01，未采用；请填 2026-03-01 或以后的日期'],
    ['12/05/2026', undefined, undefined, '无法识别“12/05/2026”，请按 2026-12-05、20261205 或 2026.12.5 的样式填写'],
  ])('%j within [%s, %s] gives %j', (text, min, max, words) => {
    expect(dateRefusal(text, min, max)).toBe(words);
  });
});
