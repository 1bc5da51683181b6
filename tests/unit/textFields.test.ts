import { describe, expect, it } from 'vitest';
import { optionalText, requiredText } from '../../shared/contract/fields';
import { memberInputSchema } from '../../shared/contract/households';
import { idCheckDigit } from '../../shared/domain/idNumber';

// Invisible characters in names and notes (issue 16, item 14): NUL, escapes and bidi overrides
// are refused with a Chinese message; text is stored in NFC; notes may keep line breaks only.

const name = requiredText('姓名', 30);
const note = optionalText('备注', 200, 'multi');
const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('single-line text (names, codes)', () => {
  const refused: [string, string, RegExp][] = [
    ['NUL', '张\u0000三', /不可见的控制字符/],
    ['terminal escape', '张\u001b[31m三', /不可见的控制字符/],
    ['C1 control', '张\u0085三', /不可见的控制字符/],
    ['DEL', '张三\u007f', /不可见的控制字符/],
    ['tab inside', '张\t三', /不可见的控制字符/],
    ['newline inside', '张\n三', /只能填一行/],
    ['carriage return inside', '张\r三', /只能填一行/],
    ['RLO override', '\u202e三张', /改变文字方向/],
    ['LRE embedding', '\u202a张三', /改变文字方向/],
    ['PDF', '张三\u202c', /改变文字方向/],
    ['RLI isolate', '\u2067张三', /改变文字方向/],
    ['PDI', '张三\u2069', /改变文字方向/],
    ['LRM', '张\u200e三', /改变文字方向/],
    ['RLM', '张\u200f三', /改变文字方向/],
    ['Arabic letter mark', '张\u061c三', /改变文字方向/],
  ];
  it.each(refused)('refuses %s', (_what, input, message) => {
    const r = name.safeParse(input);
    expect(r.success).toBe(false);
    expect(firstMessage(r)).toMatch(message);
    expect(firstMessage(r)).toMatch(/^姓名/);
  });

  it.each([
    ['plain Chinese', '张三', '张三'],
    ['surrounding spaces trimmed', '  张三 ', '张三'],
    ['a trailing line break is only whitespace', '张三\n', '张三'],
    ['middle dot in a minority name', '阿依古丽·买买提', '阿依古丽·买买提'],
    ['decomposed accents become NFC', 'Zoe\u0301', 'Zo\u00e9'],
  ])('accepts %s', (_what, input, stored) => {
    expect(name.parse(input)).toBe(stored);
  });

  it('says the NFC form and the composed form are the same name', () => {
    expect(name.parse('\u0041\u030a')).toBe(name.parse('\u00c5'));
  });

  it('refuses controls in a member name inside the member schema', () => {
    const first17 = '35042119800101001';
    const r = memberInputSchema.safeParse({
      name: '\u202e国建张',
      idNumber: first17 + idCheckDigit(first17),
      relation: 'head',
      education: 'juniorHigh',
      labor: 'normal',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['name', '姓名中含有改变文字方向的不可见字符，请删除后重新输入']);
  });
});

describe('multi-line notes', () => {
  it.each([
    ['keeps line breaks', '第一行\n第二行', '第一行\n第二行'],
    ['turns CRLF into LF', '第一行\r\n第二行', '第一行\n第二行'],
    ['empty is null', '   ', null],
  ])('%s', (_what, input, stored) => {
    expect(note.parse(input)).toBe(stored);
  });

  it.each([
    ['NUL', '说明\u0000'],
    ['tab', '说明\t内容'],
    ['escape', '\u001b[2J说明'],
    ['RLO', '说明\u202e'],
    ['LRI', '说明\u2066'],
  ])('refuses %s', (_what, input) => {
    const r = note.safeParse(input);
    expect(r.success).toBe(false);
    expect(firstMessage(r)).toMatch(/^备注中含有/);
  });
});
