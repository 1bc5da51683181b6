// The long SIGKILL loop (issue 16): `npm test` kills six times; here, BENCH_KILLS times (50).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestOffice } from '../integration/harness';
import { runKillLoop } from '../integration/killLoop';

export async function killLoopBench(): Promise<void> {
  const kills = Number(process.env.BENCH_KILLS ?? 50);
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-kill-'));
  try {
    await (await openTestOffice({ dataDir })).close();
    const start = performance.now();
    const r = await runKillLoop(dataDir, kills, 2026);
    const seconds = (performance.now() - start) / 1000;
    console.log(`SIGKILL 循环（保存中随机时刻强杀进程）× ${r.kills}，${seconds.toFixed(0)} s`);
    console.log(`  已确认保存 ${r.acknowledged} 户；丢失 ${r.lost.length} 户；损坏的数据库 ${r.integrity.length} 次（应均为 0：${r.lost.length + r.integrity.length === 0 ? '达标' : '不达标'}）`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
