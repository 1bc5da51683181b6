// Kept from the reliability test of issue 16: SIGKILL at random moments loses no acknowledged save
// and never corrupts the database. A few kills here; `npm run bench` runs the long loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openTestOffice } from './harness';
import { runKillLoop } from './killLoop';

it('six SIGKILLs while saving: every acknowledged household is there and integrity_check is ok', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-killloop-'));
  try {
    await (await openTestOffice({ dataDir })).close();
    const result = await runKillLoop(dataDir, 6);
    expect(result.integrity).toEqual([]);
    expect(result.lost).toEqual([]);
    // The loop must really have saved and killed mid-stream, or it proves nothing.
    expect(result.acknowledged).toBeGreaterThan(6);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
