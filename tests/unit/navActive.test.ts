import { describe, expect, it } from 'vitest';
import { navSections } from '../../renderer/src/app/nav';
import { activeNavPath } from '../../renderer/src/app/navActive';

const paths = navSections.flatMap((s) => s.items.map((i) => i.path));

describe('activeNavPath', () => {
  it('lights only the deepest entry: 公益岗考勤与补贴 not also 公益性岗位', () => {
    expect(activeNavPath('/posts/attendance', paths)).toBe('/posts/attendance');
    expect(activeNavPath('/funds/settings', paths)).toBe('/funds/settings');
    expect(activeNavPath('/funds/projects/abc', paths)).toBe('/funds/projects');
  });
  it('a record page lights its ledger', () => {
    expect(activeNavPath('/monitoring/0190', paths)).toBe('/monitoring');
    expect(activeNavPath('/payments/x', paths)).toBe('/payments');
    expect(activeNavPath('/posts', paths)).toBe('/posts');
  });
  it('a path outside the nav lights nothing, and /fundsX is not under /funds', () => {
    expect(activeNavPath('/fundsX', paths)).toBeNull();
  });
});
