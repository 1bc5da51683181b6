import { createCore } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { writeFunds } from '../../electron/cli/seed/funds';
import { writeLoans } from '../../electron/cli/seed/loans';
import { writeFundPayments } from '../../electron/cli/seed/fundsPayments';

// Funds bench (issue 13): on the county seed extended with 5 years × 40 batches, 600 projects and
// 20,000 disbursements, 50,000 household payment lines and 3,000 loans — the 资金台账 and 项目库
// queries (budget p95 ≤ 50 ms) and one project's money trail (≤ 20 ms): the project page's money
// figures, and its 资金流向 page from batch to each household's bank result. The printed 资金流向表
// of the same data is timed beside them for reference: a print also cuts the page's font, hashes
// its data for the 核验码, logs the print and writes the file (the paper's own budgets are in the
// paper bench).

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(runs: number, fn: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn(i); // warm the page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function fundsBench(dataDir: string, asOf = '2026-11-23', runs = 100): Promise<void> {
  const opened = await openDatabase({ dataDir });
  const counts = await writeFunds(opened.db, { seed: 2026, asOf });
  const loans = await writeLoans(opened.db, { seed: 2026, asOf });
  const paid = await writeFundPayments(opened.db, { seed: 2026 });
  await opened.db.destroy();
  const core = await createCore({ dataDir });
  try {
    const login = await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 'funds-bench');
    if (!login.ok) throw new Error(login.error.message);
    const call = async (channel: 'funds.ledger' | 'funds.listProjects' | 'funds.getProject' | 'funds.trail' | 'funds.printTrail' | 'loans.ledger', input: unknown): Promise<unknown> => {
      const r = await core.invoke(channel, input, 'funds-bench');
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    };
    const year = Number(asOf.slice(0, 4));
    const all = (await call('funds.listProjects', {})) as { rows: { id: string }[] };
    const ids = all.rows.map((r) => r.id);
    console.log(
      `资金项目：${counts.batches} 个批次、${counts.projects} 个项目、${counts.allocations} 条分配、${counts.disbursements} 条拨付、` +
        `${paid.lists} 份到户发放清册共 ${paid.lines} 行`,
    );
    const verdict = (r: { p95: number }, budget: number | null) =>
      budget === null ? '（参照，不设预算）' : `（预算 p95 ≤ ${budget} ms：${r.p95 <= budget ? '达标' : '超出'}）`;
    const show = (label: string, r: { p50: number; p95: number }, budget: number | null, times = runs) =>
      console.log(`  ${label} × ${times}：p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   ${verdict(r, budget)}`);
    show('funds.ledger（资金台账，按年度）', await timed(runs, (i) => call('funds.ledger', { year: year - (i % 5) }).then(() => undefined)), 50);
    show('funds.listProjects（项目库台账，按年度）', await timed(runs, (i) => call('funds.listProjects', { year: year - (i % 5) }).then(() => undefined)), 50);
    show('funds.listProjects（全部 600 个项目）', await timed(runs, () => call('funds.listProjects', {}).then(() => undefined)), 50);
    show('funds.getProject（项目页：批次 → 分配 → 拨付）', await timed(runs, (i) => call('funds.getProject', { id: ids[(i * 37) % ids.length] }).then(() => undefined)), 20);
    const paying = (await core.db.selectFrom('payment_lists').select('project_id').distinct().where('project_id', 'is not', null).execute()).map((r) => r.project_id);
    // Each of the next project that pays households, warm-up included: a reprint of the same
    // characters skips the font's cut (print/fontCss.ts), which is not what a first print costs.
    let viewed = 0;
    show(
      'funds.trail（资金流向页：批次 → 分配 → 拨付 → 每户银行结果，一个项目 500 户）',
      await timed(runs, () => call('funds.trail', { projectId: paying[viewed++ % paying.length] }).then(() => undefined)),
      20,
    );
    let printed = 0;
    show(
      'funds.printTrail（打印同一资金流向表：另含字体裁切、核验码、留痕与写盘）',
      await timed(runs, () => call('funds.printTrail', { projectId: paying[printed++ % paying.length] }).then(() => undefined)),
      null,
    );
    console.log(`小额信贷：${loans.loans} 笔贷款、${loans.events} 条还款与贴息`);
    show('loans.ledger（小额信贷台账，一页 100 笔）', await timed(runs, (i) => call('loans.ledger', { year: year - (i % 5), limit: 100 }).then(() => undefined)), 50);
    show('loans.ledger（仅逾期）', await timed(runs, () => call('loans.ledger', { year, status: 'overdue', limit: 100 }).then(() => undefined)), 50);
  } finally {
    await core.close();
  }
}
