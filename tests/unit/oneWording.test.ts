import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { duplicateIdMessage } from '../../shared/domain/idNumber';

// One message, one wording: the form (while the clerk types) and the core (when it refuses) said
// "already on the register" in two different ways. The words live in one shared function now.
const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('the duplicate ID number message', () => {
  it('reads the same everywhere', () => {
    expect(duplicateIdMessage('350421197508150031', { householdCode: '3504211010010001', memberName: '张三' })).toBe(
      '身份证号 350421197508150031 已登记在户 3504211010010001 的在册成员 张三 名下。同一人只能在一户在册；如已迁入本户，请先在原户为其办理迁出减员',
    );
  });

  it('is written in one place only', () => {
    const holders = ['renderer/src', 'electron', 'shared']
      .flatMap((d) => sources(join(root, d)))
      .filter((f) => readFileSync(f, 'utf8').includes('名下。同一人只能在一户在册'))
      .map((f) => relative(root, f));
    expect(holders).toEqual(['shared/domain/idNumber.ts']);
  });
});
