import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A native date input shows mm/dd/yyyy and English month names on a PC whose browser or OS is not
// Chinese. Every date field goes through components/DateField (a Chinese calendar that reads
// 20261205 and 2026.12.5); this fails when a native one comes back.
const rendererSrc = fileURLToPath(new URL('../../renderer/src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(tsx?|html)$/.test(e.name) ? [path] : [];
  });
}

describe('date inputs', () => {
  it('no native date input is left in the renderer', () => {
    const offenders = sources(rendererSrc).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/type=["'{`]+date["'`}]/.test(line) ? [`${file.slice(rendererSrc.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});
