// The employment part of `npm run bench` (issue 12): ~40 % of labour-age people of the bench's
// county seed get job spells, then the 外出务工台账 query (village × 务工地域 × year filters, one
// page of 100) is timed through core.invoke as the admin. Budget: p95 ≤ 50 ms.
import type { InputOf } from '../../shared/contract';
import { workAreas } from '../../shared/domain/employment';
import { todayIso } from '../../shared/lib/dates';
import { createCore } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { writeEmployment } from '../../electron/cli/seed/employmentWrite';
import { createRng } from '../../electron/cli/seed/generator';

const budgetMs = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function employmentBench(dataDir: string, runs: number): Promise<{ p50: number; p95: number }> {
  const today = todayIso(new Date());
  const opened = await openDatabase({ dataDir });
  const writeStart = performance.now();
  const counts = await writeEmployment(opened.db, { seed: 2026, asOf: today, now: new Date() });
  const writeSeconds = (performance.now() - writeStart) / 1000;
  await opened.db.destroy();
  console.log(`务工记录：劳动年龄 ${counts.labourAge} 人，${counts.withSpells} 人有务工记录，共 ${counts.spells} 条（写入 ${writeSeconds.toFixed(1)} s）`);
  return timeMigrantLedger(dataDir, runs, today);
}

/** Times the 外出务工台账 query on a data folder that already holds spells. */
export async function timeMigrantLedger(dataDir: string, runs: number, today: string): Promise<{ p50: number; p95: number }> {
  const core = await createCore({ dataDir });
  try {
    const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 'bench');
    if (!login.ok) throw new Error(login.error.message);
    const office = await core.invoke('settings.office', {}, 'bench');
    if (!office.ok) throw new Error(office.error.message);
    const villages = (office.data as { villages: { id: string }[] }).villages;
    const rng = createRng(12);
    const year = Number(today.slice(0, 4));
    const queries = Array.from({ length: runs }, (_, i): InputOf<'employment.migrantLedger'> => {
      const q: InputOf<'employment.migrantLedger'> = { year: year - (i % 2), offset: i % 5 === 0 ? 100 : 0, limit: 100 };
      if (i % 4 !== 3) q.villageId = villages[Math.floor(rng() * villages.length)]!.id;
      if (i % 3 !== 0) q.area = workAreas[i % workAreas.length]!;
      return q;
    });
    const call = async (q: InputOf<'employment.migrantLedger'>) => {
      const r = await core.invoke('employment.migrantLedger', q, 'bench');
      if (!r.ok) throw new Error(r.error.message);
      return r.data as { total: number; rows: unknown[] };
    };
    for (const q of queries.slice(0, 10)) await call(q);
    const times: number[] = [];
    let total = 0;
    for (const q of queries) {
      const t = performance.now();
      const r = await call(q);
      times.push(performance.now() - t);
      total += r.total;
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    console.log(`employment.migrantLedger（村 × 务工地域 × 年度筛选，每页 100）× ${runs}`);
    console.log(`  平均符合条件 ${(total / runs).toFixed(0)} 条`);
    console.log(`  p50 ${p50.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   （预算 p95 ≤ ${budgetMs} ms：${p95 <= budgetMs ? '达标' : '超出'}）`);
    return { p50, p95 };
  } finally {
    await core.close();
  }
}
