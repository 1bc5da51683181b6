// `npm run bench`: performance figures for the budgets in the issues, on a county-size data set.
// Never part of `npm test`: timings on a shared two-core machine are figures, not assertions.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core';
import { databaseFileName, openDatabase } from '../../electron/core/db/open';
import { createRng, generateTownship } from '../../electron/cli/seed/generator';
import { writeSeed } from '../../electron/cli/seed/write';
import { importBench } from './importBench';
import { monitoringBench } from './monitoring';
import { paperBench } from './paper';
import { submissionBench } from './submissionBench';
import { killLoopBench } from './killLoopBench';
import { postsBench } from './posts';
import { employmentBench } from './employmentBench';
import { fundsBench } from './funds';
import { workbenchBench } from './workbenchBench';

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 30_000);
const runs = 200;
// BENCH_PARTS=posts,funds runs only those parts (the households.list figures are the part
// `households`); BENCH_DIR keeps the seeded database there and reuses it on the next run, since
// writing the county seed takes minutes and the parts work on copies of it.
const parts = process.env.BENCH_PARTS ? new Set(process.env.BENCH_PARTS.split(',').map((p) => p.trim())) : null;
const wanted = (part: string): boolean => parts === null || parts.has(part);
const keptDir = process.env.BENCH_DIR;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  if (keptDir) mkdirSync(keptDir, { recursive: true });
  try {
    const seedStart = performance.now();
    const township = generateTownship({ seed: 2026, households, countyCode: '350421', townshipCode: '350421101', asOf: '2026-11-23' });
    let counts = { households: township.households.length, members: township.households.reduce((n, h) => n + h.members.length, 0) };
    if (!existsSync(join(dataDir, databaseFileName))) {
      const opened = await openDatabase({ dataDir });
      counts = await writeSeed(
        opened.db,
        township,
        { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' },
        new Date(),
      );
      await opened.db.destroy();
      // The seed's search keys, built as a first opening builds them (in the background, search/catchUp.ts)
      // and waited for here, so that no part is timed while they are.
      const first = await createCore({ dataDir });
      await first.jobs.waitAll();
      await first.close();
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const sizeMb = statSync(join(dataDir, databaseFileName)).size / 1024 / 1024;

    if (wanted('households')) {
      const core = await createCore({ dataDir });
      const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 'bench');
      if (!login.ok) throw new Error(login.error.message);
      const office = await core.invoke('settings.office', {}, 'bench');
      if (!office.ok) throw new Error(office.error.message);
      const villages = (office.data as { villages: { id: string }[] }).villages;

      // Name prefixes as a clerk types them: a surname, or a surname and the first given character.
      const rng = createRng(7);
      const people = township.households.flatMap((h) => h.members.map((m) => m.name));
      const queries = Array.from({ length: runs }, (_, i) => {
        const name = people[Math.floor(rng() * people.length)]!;
        return {
          villageId: villages[Math.floor(rng() * villages.length)]!.id,
          search: i % 2 === 0 ? name.slice(0, 1) : name.slice(0, 2),
          sort: { column: 'headName' as const, direction: i % 3 === 0 ? ('desc' as const) : ('asc' as const) },
          offset: 0,
          limit: 50,
        };
      });
      for (const q of queries.slice(0, 10)) await core.invoke('households.list', q, 'bench'); // warm the page cache
      const times: number[] = [];
      let rowsSeen = 0;
      for (const q of queries) {
        const t = performance.now();
        const r = await core.invoke('households.list', q, 'bench');
        times.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
        rowsSeen += (r.data as { rows: unknown[] }).rows.length;
      }
      await core.close();
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      console.log(`households.list（村筛选 + 姓名前缀 + 排序 + 每页 50）× ${runs}`);
      console.log(`  数据：${counts.households} 户 / ${counts.members} 人，${villages.length} 个村；平均每次返回 ${(rowsSeen / runs).toFixed(1)} 行`);
      console.log(`  p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   （预算 p95 ≤ 30 ms：${p95 <= 30 ? '达标' : '超出'}）`);
      console.log(`  生成并写入示例数据：${seedSeconds.toFixed(1)} s；数据文件 ${sizeMb.toFixed(1)} MB`);
    }

    if (wanted('monitoring')) await monitoringBench(dataDir, township, runs);
    if (wanted('workbench')) await workbenchBench(dataDir, township, runs);
    if (wanted('paper')) await paperBench(dataDir, township);
    if (wanted('submission')) await submissionBench(dataDir, township);
    if (wanted('import')) await importBench(dataDir, township);
    if (wanted('posts')) await postsBench(dataDir, runs);
    if (wanted('employment')) await employmentBench(dataDir, runs);
    if (wanted('funds')) await fundsBench(dataDir);
    if (wanted('killLoop')) await killLoopBench();
  } finally {
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
