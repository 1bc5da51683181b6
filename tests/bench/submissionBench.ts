import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core';
import type { SeedTownship } from '../../electron/cli/seed/generator';
import { submissionResultSchema, verifyReportSchema } from '../../shared/contract/fileExport';
import { quarterCode, submissionQuarterOn } from '../../shared/domain/quarter';
import { todayIso } from '../../shared/lib/dates';

// The county submission (季度报送) of the seeded county into a temp folder, through the core as
// the command line runs it: seconds and peak memory against the budgets (≤ 10 s, ≤ 400 MB), then
// its verify. It runs in a process of its own, as the program would: measured inside the bench's
// process, the peak memory also held the 30,000 generated households of the seed (730 MB).

const budgetSeconds = 10;
const budgetMb = 400;

export function submissionBench(dataDir: string, township: SeedTownship): void {
  void township;
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', dataDir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`季度报送子进程失败（退出码 ${r.status}）`);
}

async function child(dataDir: string): Promise<void> {
  const target = mkdtempSync(join(tmpdir(), 'ledger-bench-submission-'));
  const core = await createCore({ dataDir });
  try {
    const quarter = quarterCode(submissionQuarterOn(todayIso(new Date())));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const start = await core.invokeAsSystem('性能测试', 'files.submission', { quarter, targetDir: target });
    if (!start.ok) throw new Error(start.error.message);
    const snap = await core.jobs.wait((start.data as { jobId: string }).jobId);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (snap.status !== 'done') throw new Error(`submission ${snap.status}: ${snap.error?.message ?? ''}`);
    const result = submissionResultSchema.parse(snap.result);

    const verifyStart = performance.now();
    const verified = await core.invokeAsSystem('性能测试', 'files.verifySubmission', { dir: result.dir });
    const verifySeconds = (performance.now() - verifyStart) / 1000;
    if (!verified.ok) throw new Error(verified.error.message);
    const report = verifyReportSchema.parse(verified.data);

    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(`季度报送 ${quarter}（全部台账 + 分村汇总表 + manifest.json，写入临时文件夹）`);
    for (const f of result.files) console.log(`  ${f.name}：${f.rows} 行，${(f.size / 1024 / 1024).toFixed(1)} MB`);
    const maxRss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `  用时 ${seconds.toFixed(1)} s（预算 ≤ ${budgetSeconds} s：${seconds <= budgetSeconds ? '达标' : '超出'}）；运行期间内存峰值 RSS ${mb(peak)} MB，进程累计最高 ${maxRss.toFixed(0)} MB（预算 ≤ ${budgetMb} MB：${maxRss <= budgetMb ? '达标' : '超出'}）`,
    );
    console.log(`  核验报送包：${verifySeconds.toFixed(1)} s，${report.ok ? '完好' : '有问题'}`);
  } finally {
    await core.close();
    rmSync(target, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
