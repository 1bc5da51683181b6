import { describe, expect, it } from 'vitest';
import { activeNavPath, navSections } from '../../renderer/src/app/nav';

// One nav item lit at a time: the deepest one the page sits under.

const paths = navSections.flatMap((s) => s.items.map((i) => i.path));

describe('the highlighted nav item', () => {
  it.each([
    ['/funds/loans', '/funds/loans'],
    ['/funds', '/funds'],
    ['/funds/projects/0190abcd', '/funds/projects'],
    ['/employment/survey/round-1', '/employment/survey'],
    ['/nowhere', null],
  ])('%s lights %s', (pathname, lit) => {
    expect(activeNavPath(paths, pathname)).toBe(lit);
  });
});
