// The workbench and search part of `npm run bench` (issue 14): on the county-size township with
// the monitoring set, times the first opening of the core (which builds the search keys of every
// household and member once), the workbench (budget p95 ≤ 150 ms) and the search box (p95 ≤ 50 ms)
// through core.invoke as the admin.
import { sql } from 'kysely';
import { pinyin } from 'pinyin-pro';
import { createCore } from '../../electron/core/core';
import { createRng, type SeedTownship } from '../../electron/cli/seed/generator';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `call` per query; `before` (a write, say) runs first each time, outside the timing. */
async function time(queries: readonly unknown[], call: (q: unknown) => Promise<void>, before?: () => Promise<void>): Promise<{ p50: number; p95: number; max: number }> {
  for (const q of queries.slice(0, 5)) await call(q);
  const ms: number[] = [];
  for (const q of queries) {
    if (before) await before();
    const t = performance.now();
    await call(q);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1]! };
}

function line(title: string, r: { p50: number; p95: number; max: number }, budget: number): void {
  console.log(title);
  console.log(`  p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   max ${r.max.toFixed(2)} ms   （预算 p95 ≤ ${budget} ms：${r.p95 <= budget ? '达标' : '超出'}）`);
}

export async function workbenchBench(dataDir: string, township: SeedTownship, runs: number): Promise<void> {
  const openStart = performance.now();
  const core = await createCore({ dataDir });
  const openSeconds = (performance.now() - openStart) / 1000;
  try {
    const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 'bench');
    if (!login.ok) throw new Error(login.error.message);
    const keys = await core.db.selectFrom('search_keys').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const open = async () => {
      const r = await core.invoke('reports.workbench', {}, 'bench');
      if (!r.ok) throw new Error(`reports.workbench: ${r.error.message}`);
    };
    // Unchanged data; after a write that changes no figure (a phone number: the figures are kept);
    // and after a write to a column a figure reads before every call (everything counted again).
    const workbench = await time(Array.from({ length: runs }), open);
    const afterOther = await time(Array.from({ length: runs }), open, async () => {
      await sql`UPDATE households SET phone = phone WHERE rowid = 5`.execute(core.db);
    });
    const afterWrite = await time(Array.from({ length: runs }), open, async () => {
      await sql`UPDATE households SET last_visit_date = last_visit_date WHERE rowid = 5`.execute(core.db);
    });

    // What a clerk types: initials, the start of the full pinyin, the name, ID last 6 digits, a household code's start.
    const rng = createRng(14);
    const people = township.households.flatMap((h) => h.members.map((m) => ({ m, h })));
    const queries = Array.from({ length: runs }, (_, i) => {
      const { m, h } = people[Math.floor(rng() * people.length)]!;
      const syllables = pinyin(m.name, { toneType: 'none', type: 'array', surname: 'head' });
      switch (i % 5) {
        case 0:
          return syllables.map((s) => s[0]).join('');
        case 1:
          return syllables.join('').slice(0, 6);
        case 2:
          return m.name;
        case 3:
          return m.idNumber.slice(-6);
        default:
          return h.householdCode.slice(0, 12);
      }
    });
    let found = 0;
    const search = await time(queries, async (q) => {
      const r = await core.invoke('search.query', { q }, 'bench');
      if (!r.ok) throw new Error(`search.query: ${r.error.message}`);
      const d = r.data as { households: unknown[]; members: unknown[] };
      if (d.households.length + d.members.length > 0) found++;
    });

    console.log('');
    console.log(`工作台与查找：首次打开（为每户每人建立查找键）${openSeconds.toFixed(1)} s，共 ${Number(keys.n).toLocaleString('zh-CN')} 个查找键`);
    line(`reports.workbench（待办 + 全乡与各村关键数字 + 24 个月趋势；数据未变）× ${runs}`, workbench, 150);
    line(`reports.workbench（每次之前都改一户的电话：关键数字不受影响，沿用）× ${runs}`, afterOther, 150);
    line(`reports.workbench（每次之前都写入关键数字所读的列，全部重算）× ${runs}`, afterWrite, 150);
    line(`search.query（首字母 / 全拼前 6 个字母 / 姓名 / 身份证后 6 位 / 户编号前 12 位 轮换）× ${runs}，有结果 ${found + 0} 次（含预热）`, search, 50);
  } finally {
    await core.close();
  }
}
