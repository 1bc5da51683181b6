import { describe, expect, it } from 'vitest';
import { basisNotice } from '../../renderer/src/components/yearlyBasis';

describe('the notice of a yearly setting not saved for its year (就业参数, 公益岗设置, 资金项目参数)', () => {
  it('says nothing once the year is saved', () => {
    expect(basisNotice('就业参数', 2026, { kind: 'saved' })).toBeNull();
  });
  it('names the year the values are carried over from', () => {
    expect(basisNotice('资金项目参数', 2027, { kind: 'inherited', fromYear: 2026 })).toBe(
      '2027 年的资金项目参数尚未保存：下面是沿用 2026 年的资金项目参数。请按本县政策核对后点“保存”，保存后自 2027 年起执行。',
    );
  });
  it('says the program’s starting values, never a year nobody chose (公益岗 showed “2000 年的设置”)', () => {
    const text = basisNotice('公益岗设置', 2026, { kind: 'default' });
    expect(text).toContain('程序的初始建议值');
    expect(text).not.toMatch(/2000/);
  });
});
