// The monitoring part of `npm run bench` (issue 3, item 10): the county-scale monitoring set
// (3 years of thresholds and incomes, ~3,000 cases, ~15,000 measures, ~30,000 visits for 30,000
// households) is added to the bench's township, then the ledger query with two filters and the
// 待办 (due / overdue) query are timed through core.invoke as the admin. Budget: p95 ≤ 50 ms each.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { InputOf } from '../../shared/contract';
import { monitoringCategories, riskTypes } from '../../shared/domain/monitoring';
import { caseSortColumns } from '../../shared/contract/monitoring';
import { todayIso } from '../../shared/lib/dates';
import { createCore } from '../../electron/core/core';
import { databaseFileName, openDatabase } from '../../electron/core/db/open';
import { createRng, type SeedTownship } from '../../electron/cli/seed/generator';
import { generateMonitoring } from '../../electron/cli/seed/monitoringGenerator';
import { seedCatalog, writeMonitoring } from '../../electron/cli/seed/monitoringWrite';

const budgetMs = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Timed<I> {
  p50: number;
  p95: number;
  max: number;
  slowest: I;
  meanRows: number;
  meanTotal: number;
}

async function time<I>(queries: readonly I[], call: (q: I) => Promise<{ rows: number; total: number }>): Promise<Timed<I>> {
  for (const q of queries.slice(0, 10)) await call(q); // warm the page cache (and first-use work)
  const times: { ms: number; q: I }[] = [];
  let rows = 0;
  let total = 0;
  for (const q of queries) {
    const t = performance.now();
    const r = await call(q);
    times.push({ ms: performance.now() - t, q });
    rows += r.rows;
    total += r.total;
  }
  times.sort((a, b) => a.ms - b.ms);
  const ms = times.map((t) => t.ms);
  return {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: ms[ms.length - 1]!,
    slowest: times[times.length - 1]!.q,
    meanRows: rows / queries.length,
    meanTotal: total / queries.length,
  };
}

function report<I>(title: string, r: Timed<I>): void {
  console.log(title);
  console.log(`  平均每次返回 ${r.meanRows.toFixed(1)} 行（符合条件 ${r.meanTotal.toFixed(1)} 条）`);
  console.log(
    `  p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   max ${r.max.toFixed(2)} ms   （预算 p95 ≤ ${budgetMs} ms：${r.p95 <= budgetMs ? '达标' : '超出'}）`,
  );
  if (r.p95 > budgetMs) console.log(`  最慢的一次输入：${JSON.stringify(r.slowest)}`);
}

/** Adds the monitoring set to the bench's data folder (no core open) and times the two queries. */
export async function monitoringBench(dataDir: string, township: SeedTownship, runs: number): Promise<void> {
  const today = todayIso(new Date());
  const genStart = performance.now();
  const data = generateMonitoring(township, { seed: 2026, asOf: today, catalog: seedCatalog().types });
  const genSeconds = (performance.now() - genStart) / 1000;
  const opened = await openDatabase({ dataDir });
  const writeStart = performance.now();
  const counts = await writeMonitoring(opened.db, township, data, new Date());
  const writeSeconds = (performance.now() - writeStart) / 1000;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(opened.db);
  await opened.db.destroy();
  const sizeMb = statSync(join(dataDir, databaseFileName)).size / 1024 / 1024;

  const core = await createCore({ dataDir });
  try {
    const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 'bench');
    if (!login.ok) throw new Error(login.error.message);
    const office = await core.invoke('settings.office', {}, 'bench');
    if (!office.ok) throw new Error(office.error.message);
    const villages = (office.data as { villages: { id: string }[] }).villages;

    const rng = createRng(11);
    const pickOne = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
    const statuses = ['open', 'identifying', 'monitoring', 'eliminated'] as const;
    // Two filters each, rotating through the pairs a township clerk uses most; page of 50, sorted.
    const listQueries = Array.from({ length: runs }, (_, i): InputOf<'monitoring.list'> => {
      const sort = { column: caseSortColumns[i % caseSortColumns.length]!, direction: i % 2 === 0 ? ('asc' as const) : ('desc' as const) };
      const base = { sort, offset: 0, limit: 50 };
      switch (i % 4) {
        case 0:
          return { ...base, villageId: pickOne(villages).id, status: pickOne(statuses) };
        case 1:
          return { ...base, category: pickOne(monitoringCategories), riskType: pickOne(riskTypes) };
        case 2:
          return { ...base, villageId: pickOne(villages).id, riskType: pickOne(riskTypes) };
        default:
          return { ...base, status: pickOne(statuses), category: pickOne(monitoringCategories) };
      }
    });
    const month = today.slice(0, 7);
    const dueWithVillage = Array.from({ length: runs }, (): InputOf<'visits.due'> => ({ month, villageId: pickOne(villages).id, offset: 0, limit: 50 }));
    const dueAll = Array.from({ length: runs }, (_, i): InputOf<'visits.due'> => ({ month, offset: i % 4 === 0 ? 50 * (i % 5) : 0, limit: 50 }));

    const list = await time(listQueries, async (q) => {
      const r = await core.invoke('monitoring.list', q, 'bench');
      if (!r.ok) throw new Error(`monitoring.list: ${r.error.message}`);
      const d = r.data as { rows: unknown[]; total: number };
      return { rows: d.rows.length, total: d.total };
    });
    const due = async (q: InputOf<'visits.due'>) => {
      const r = await core.invoke('visits.due', q, 'bench');
      if (!r.ok) throw new Error(`visits.due: ${r.error.message}`);
      const d = r.data as { rows: unknown[]; total: number };
      return { rows: d.rows.length, total: d.total };
    };
    const dueVillage = await time(dueWithVillage, due);
    const dueNoFilter = await time(dueAll, due);

    console.log('');
    console.log(`监测数据（${today}）：${counts.thresholdYears} 个年度标准，${counts.incomes} 条收入，${counts.cases} 个监测对象（${counts.risks} 项风险、${counts.steps} 个流程步骤、${counts.objections} 条异议），`);
    console.log(`  ${counts.measures} 条帮扶措施，${counts.visits} 次走访，${counts.scheduled} 户在走访周期内`);
    console.log(`  生成 ${genSeconds.toFixed(1)} s，写入 ${writeSeconds.toFixed(1)} s；数据文件 ${sizeMb.toFixed(1)} MB`);
    report(`monitoring.list（两项筛选轮换：村+状态 / 类别+风险 / 村+风险 / 状态+类别；排序轮换；每页 50）× ${runs}`, list);
    report(`visits.due（本月 ${month}，按村筛选，每页 50）× ${runs}`, dueVillage);
    report(`visits.due（本月 ${month}，不筛选，每页 50，部分翻页）× ${runs}`, dueNoFilter);
  } finally {
    await core.close();
  }
}
