import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSource, type ImportVillage, type ParseInput } from '../../electron/core/features/files/import/parse';
import { parseInWorker } from '../../electron/core/features/files/import/runInWorker';
import { nationalExportXlsx } from '../fixtures/importWorkbooks';

// The worker's parse (issue 11 item 7) reads the rows in a reader thread and posts its result a few
// chunks ahead: what the import gets back must be exactly the parse of the file in one thread —
// every record in order, every refused row, every count.

const dir = mkdtempSync(join(tmpdir(), 'worker-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const villages: ImportVillage[] = [
  { id: 'v1', code: '350421101001', name: '坪埠村', groups: ['一组', '二组', '三组'].map((name, i) => ({ id: `v1g${i + 1}`, name })) },
  { id: 'v2', code: '350421101002', name: '旦上村', groups: ['一组', '二组'].map((name, i) => ({ id: `v2g${i + 1}`, name })) },
];

describe('the parse in the worker', () => {
  it.each(['national', 'households'] as const)('gives the %s import exactly what the parse in one thread gives', async (kind) => {
    // More households than one handed-over chunk, with refused rows and duplicates mixed in.
    const file = await nationalExportXlsx({ valid: 1_300, invalid: 40, duplicates: 6 });
    const path = join(dir, `${kind}.xlsx`);
    writeFileSync(path, file.bytes);
    const input: ParseInput = { path, fileName: file.fileName, kind, villages, today: '2026-12-06' };
    const here = await parseSource(input);
    const inWorker = await parseInWorker(input, () => {}, new AbortController().signal);
    expect(inWorker).toEqual(here);
    const households = here.kind === 'national' ? here.parts[0]! : here;
    if (households.kind !== 'households') throw new Error('households expected');
    expect(households.records.length).toBeGreaterThan(1_000);
    expect(households.invalid.length).toBeGreaterThan(0);
  }, 120_000);
});
