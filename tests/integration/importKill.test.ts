// A child process killed with SIGKILL in the middle of an import's transaction leaves an intact
// database (PRAGMA integrity_check) holding none of that import's rows.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { nationalExportXlsx } from '../fixtures/importWorkbooks';
import { adminPassword, openTestOffice, type TestOffice } from './harness';

const root = join(__dirname, '..', '..');
let dataDir = '';
let office: TestOffice | null = null;
afterEach(async () => {
  await office?.close();
  office = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('SIGKILL during the apply transaction: integrity ok, none of the import written', { timeout: 180_000 }, async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
  office = await openTestOffice({ dataDir });
  await office.close();
  office = null;
  const file = await nationalExportXlsx({ valid: 6000, invalid: 0, duplicates: 0 });
  const path = join(dataDir, file.fileName);
  writeFileSync(path, file.bytes);

  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/fixtures/importChild.ts'), dataDir, path, adminPassword], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('WRITING')) child.kill('SIGKILL');
  });
  const end = await exited;
  expect(err).toBe('');
  expect(out).toContain('PREVIEWED');
  expect(out).toContain('WRITING');
  expect(out).not.toContain('FINISHED');
  expect(end.signal).toBe('SIGKILL');

  office = await openTestOffice({ dataDir });
  const db = office.core.db;
  const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
  expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
  expect(await db.selectFrom('households').select('id').execute()).toHaveLength(0);
  expect(await db.selectFrom('members').select('id').execute()).toHaveLength(0);
  expect(await db.selectFrom('audit_log').select('id').where('entity', '=', 'import').execute()).toHaveLength(0);
});
