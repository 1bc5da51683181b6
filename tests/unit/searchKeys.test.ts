import { describe, expect, it } from 'vitest';
import { householdKeys, idNumberKeys, memberKeys, nameKeys, normalizeQuery, REVERSED } from '../../electron/core/features/search/keys';

// The search keys (issue 14 #3): a search is a prefix read of these, so each way of typing a
// name or number must be a key that the typed text starts.

describe('search keys', () => {
  it('刘建 has its characters, its initials lj and its full pinyin liujian', () => {
    expect(nameKeys('刘建')).toEqual(['刘建', 'lj', 'liujian']);
  });
  it('reads surnames as surnames and ü as v', () => {
    expect(nameKeys('单雄信')).toContain('shanxiongxin');
    expect(nameKeys('曾乐')).toContain('zengle');
    expect(nameKeys('吕军')).toContain('lvjun');
  });
  it('keeps a minority name with its middle dot by its pinyin', () => {
    expect(nameKeys('阿依古丽·买买提')[0]).toBe('阿依古丽·买买提');
    expect(nameKeys('阿依古丽·买买提')).toContain('ayglmmt');
  });
  it('the ID number and its reverse (for the last digits), upper-case X typed either way', () => {
    expect(idNumberKeys('35042119650312001X')).toEqual(['35042119650312001x', `${REVERSED}x10021305691124053`]);
    const reversedQuery = REVERSED + [...normalizeQuery('001X')].reverse().join('');
    expect(idNumberKeys('35042119650312001X')[1]!.startsWith(reversedQuery)).toBe(true);
  });
  it('a household by its code, its head and its phone digits; a member by name, ID and phone', () => {
    expect(householdKeys({ household_code: '3504211010010001', head_name: '刘建', phone: '0598-2812345' })).toEqual([
      '刘建',
      'lj',
      'liujian',
      '3504211010010001',
      '05982812345',
    ]);
    expect(memberKeys({ name: '刘建', id_number: '350421197001010011', phone: null })).toHaveLength(5);
  });
  it('normalizes a typed query: case, spaces and full-width characters', () => {
    expect(normalizeQuery(' Liu Jian ')).toBe('liujian');
    expect(normalizeQuery('ＬＪ')).toBe('lj');
  });
});
