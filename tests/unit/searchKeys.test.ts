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
  it('stores for a household the pinyin of its head and its phone digits; its code and head name are read from the table', () => {
    expect(householdKeys({ household_code: '3504211010010001', head_name: '刘建', phone: '0598-2812345' })).toEqual(['lj', 'liujian', '05982812345']);
  });
  it('stores for a member the pinyin and the reversed ID number; the name and the ID number are read from the table', () => {
    expect(memberKeys({ name: '刘建', id_number: '35042119700101001X', phone: null })).toEqual(['lj', 'liujian', REVERSED + [...'35042119700101001x'].reverse().join('')]);
  });
  it('keeps a key the table cannot answer: a name stored with a space, an ID number stored with a lower-case x', () => {
    expect(memberKeys({ name: '买买提 艾力', id_number: '35042119700101001x', phone: null })).toEqual(
      expect.arrayContaining(['买买提艾力', '35042119700101001x']),
    );
    expect(householdKeys({ household_code: 'ab-01', head_name: '刘建', phone: null })).toContain('ab-01');
  });
  it('normalizes a typed query: case, spaces and full-width characters', () => {
    expect(normalizeQuery(' Liu Jian ')).toBe('liujian');
    expect(normalizeQuery('ＬＪ')).toBe('lj');
  });
});
