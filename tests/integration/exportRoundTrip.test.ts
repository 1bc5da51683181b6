import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { importPreviewSchema } from '../../shared/contract/fileImport';
import { createCore, type Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { stageUpload } from '../../electron/core/files/store';
import { generateTownship } from '../../electron/cli/seed/generator';
import { generateMonitoring } from '../../electron/cli/seed/monitoringGenerator';
import { seedCatalog, writeMonitoring } from '../../electron/cli/seed/monitoringWrite';
import { writeSeed } from '../../electron/cli/seed/write';

// What the office exports it must be able to read back: a ledger exported and imported again into
// the same office changes nothing. (Found by doing exactly that: the combined disability column
// and Chinese commas in notes used to come back as errors and changes.)

const dataDir = mkdtempSync(join(tmpdir(), 'ledger-roundtrip-'));
const session = 'round-trip';
let core: Core;

beforeAll(async () => {
  const township = generateTownship({ seed: 5, households: 150, countyCode: '350421', townshipCode: '350421101', asOf: '2026-11-23' });
  const { db } = await openDatabase({ dataDir });
  const now = new Date('2026-11-23T02:00:00Z');
  await writeSeed(db, township, { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' }, now);
  await writeMonitoring(db, township, generateMonitoring(township, { seed: 5, asOf: '2026-11-23', catalog: seedCatalog().types }), now);
  await db.destroy();
  core = await createCore({ dataDir, clock: { now: () => now }, logError: () => {} });
  const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, session);
  if (!login.ok) throw new Error(login.error.message);
  // Text a spreadsheet would run as a formula: the export writes it with a leading apostrophe, the
  // import must take exactly that apostrophe off again (and keep one the clerk typed herself).
  const households = await core.db.selectFrom('households').select('id').orderBy('household_code').limit(formulaLike.length).execute();
  for (const [i, h] of households.entries()) {
    await core.db.updateTable('households').set({ helper_name: formulaLike[i]! }).where('id', '=', h.id).execute();
  }
  // What a clerk types that the export once left out (issue 15 item 13).
  const typed = await core.db.selectFrom('households').select('id').where('kind', '<>', 'ordinary').orderBy('household_code').limit(3).execute();
  for (const [i, h] of typed.entries()) {
    await core.db.updateTable('households').set({ address: `坪埠村${i + 1}号`, helper_phone: `1380000000${i}` }).where('id', '=', h.id).execute();
    await core.db.updateTable('members').set({ phone: `1390000000${i}` }).where('household_id', '=', h.id).where('relation', '=', 'head').execute();
  }
});

const formulaLike = ['=SUM(A1:A9)', '-王五', '+张三', '@李四', "'林芳"];
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function job(channel: 'files.export' | 'files.importPreview', input: unknown): Promise<unknown> {
  const started = await core.invoke(channel, input, session);
  if (!started.ok) throw new Error(started.error.message);
  const snap = await core.jobs.wait((started.data as { jobId: string }).jobId);
  if (snap.status !== 'done') throw new Error(`${channel}: ${snap.status} ${snap.error?.message ?? ''}`);
  return snap.result;
}

describe('an exported ledger re-imports unchanged', () => {
  it.each([
    ['households', 'households', 'xlsx'],
    ['households', 'households', 'csv'],
    ['income', 'incomes', 'csv'],
    ['income', 'incomes', 'xlsx'],
  ] as const)('%s exported as %s… (%s)', async (ledger, kind, format) => {
    const exported = exportResultSchema.parse(await job('files.export', { ledger, format, filters: {} }));
    const file = core.outboxFile(session, exported.file.fileId);
    if (!file) throw new Error('export missing');
    const staged = stageUpload(dataDir, exported.file.fileName, readFileSync(file.path));
    const preview = importPreviewSchema.parse(await job('files.importPreview', { fileId: staged.fileId, kind }));
    expect(preview.missingRequired).toEqual([]);
    expect(preview.invalidRows).toEqual([]);
    expect(preview.counts).toMatchObject({ new: 0, changed: 0, invalid: 0 });
    expect(preview.counts.unchanged).toBeGreaterThan(0);
  });

  it.each(['csv', 'xlsx'] as const)('keeps text that starts like a formula exactly as it was (%s)', async (format) => {
    const exported = exportResultSchema.parse(await job('files.export', { ledger: 'households', format, filters: {} }));
    const file = core.outboxFile(session, exported.file.fileId);
    if (!file) throw new Error('export missing');
    if (format === 'csv') expect(readFileSync(file.path, 'utf8')).toContain("'=SUM(A1:A9)");
    const staged = stageUpload(dataDir, exported.file.fileName, readFileSync(file.path));
    const preview = importPreviewSchema.parse(await job('files.importPreview', { fileId: staged.fileId, kind: 'households' }));
    expect(preview.counts).toMatchObject({ changed: 0, invalid: 0 });
    const stored = await core.db.selectFrom('households').select('helper_name').where('helper_name', 'in', formulaLike).execute();
    expect(stored.map((h) => h.helper_name).sort()).toEqual([...formulaLike].sort());
  });

  it('carries 住址, 帮扶责任人电话 and members’ phones out and back in', async () => {
    const exported = exportResultSchema.parse(await job('files.export', { ledger: 'households', format: 'csv', filters: {} }));
    const file = core.outboxFile(session, exported.file.fileId);
    if (!file) throw new Error('export missing');
    const text = readFileSync(file.path, 'utf8');
    for (const header of ['住址', '本人联系电话', '帮扶责任人电话']) expect(text).toContain(header);
    for (const value of ['坪埠村1号', '13800000000', '13900000000']) expect(text).toContain(value);
    // Lost in the office's copy: the file brings them back as changes to those households.
    await core.db.updateTable('households').set({ address: null, helper_phone: null }).where('address', 'like', '坪埠村%').execute();
    await core.db.updateTable('members').set({ phone: null }).where('phone', 'like', '1390000000%').execute();
    const staged = stageUpload(dataDir, exported.file.fileName, readFileSync(file.path));
    const preview = importPreviewSchema.parse(await job('files.importPreview', { fileId: staged.fileId, kind: 'households' }));
    expect(preview.counts).toMatchObject({ changed: 3, invalid: 0 });
  });
});
