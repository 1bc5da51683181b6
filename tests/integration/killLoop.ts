// The SIGKILL loop of the reliability test (issue 16): a child process saves households as fast as
// it can and is killed at a random moment, again and again, on one data folder. After every kill
// the folder must open (a dead process's lock is stale, not a refusal), pass integrity_check, and
// hold every household whose save the child had acknowledged. `npm test` runs a few kills; the
// bench runs many.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createRng } from '../../electron/cli/seed/generator';
import { adminPassword, openTestOffice } from './harness';

const root = join(__dirname, '..', '..');

export interface KillLoopResult {
  kills: number;
  acknowledged: number;
  lost: string[];
  integrity: string[];
}

interface ChildRun {
  acked: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runChild(dataDir: string, first: number, killAfterMs: number): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/fixtures/saveChild.ts'), dataDir, adminPassword, String(first)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      else if (line.startsWith('ACK ')) acked.push(line.slice(4));
    }
  });
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ acked, signal, stderr })));
}

export async function runKillLoop(dataDir: string, kills: number, seed = 16): Promise<KillLoopResult> {
  const rng = createRng(seed);
  const acknowledged: string[] = [];
  const integrity: string[] = [];
  let next = 1;
  for (let k = 0; k < kills; k++) {
    const run = await runChild(dataDir, next, Math.floor(20 + rng() * 400));
    if (run.signal !== 'SIGKILL') throw new Error(`child ended without the kill: ${run.stderr}`);
    acknowledged.push(...run.acked);
    // The save in flight at the kill may or may not have committed; the next child starts past it.
    next += run.acked.length + 1;
    const office = await openTestOffice({ dataDir });
    try {
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(office.core.db);
      integrity.push(...check.rows.map((r) => r.integrity_check).filter((v) => v !== 'ok'));
    } finally {
      await office.close();
    }
  }
  const office = await openTestOffice({ dataDir });
  try {
    const rows = await office.core.db.selectFrom('households').select('household_code').execute();
    const stored = new Set(rows.map((r) => r.household_code));
    return { kills, acknowledged: acknowledged.length, lost: acknowledged.filter((c) => !stored.has(c)), integrity };
  } finally {
    await office.close();
  }
}
