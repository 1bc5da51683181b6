import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedTownship } from '../../electron/cli/seed/generator';
import { submissionResultSchema, verifyReportSchema } from '../../shared/contract/fileExport';
import { startBuiltHost } from './builtHost';

// The county submission (季度报送) of the seeded county into a temp folder, in the program as it
// ships: the built browser host, driven over HTTP as the 季度报送 page drives it (builtHost.ts).
// Seconds and peak memory against the budgets (≤ 10 s, ≤ 400 MB), then its verify. The peak is the
// host's high-water mark reset once signed in, so it covers the submission alone; measured inside
// the bench's own process it also held the 30,000 generated households of the seed (730 MB), and
// under tsx the loader's ~90 MB.

const budgetSeconds = 10;
const budgetMb = 400;

export async function submissionBench(dataDir: string, township: SeedTownship): Promise<void> {
  void township;
  const target = mkdtempSync(join(tmpdir(), 'ledger-bench-submission-'));
  const host = await startBuiltHost(dataDir, { username: 'admin', password: 'Admin1234' });
  try {
    const { quarter } = await host.call<{ quarter: string }>('files.submissionDefaults', {});
    host.resetPeak();
    const started = performance.now();
    const start = await host.call<{ jobId: string }>('files.submission', { quarter, targetDir: target });
    const snap = await host.finished(start.jobId);
    const seconds = (performance.now() - started) / 1000;
    const peakMb = host.peakRssMb();
    if (snap.status !== 'done') throw new Error(`submission ${snap.status}: ${snap.error?.message ?? ''}`);
    const result = submissionResultSchema.parse(snap.result);

    const verifyStart = performance.now();
    const report = verifyReportSchema.parse(await host.call('files.verifySubmission', { dir: result.dir }));
    const verifySeconds = (performance.now() - verifyStart) / 1000;

    console.log(`季度报送 ${quarter}（全部台账 + 分村汇总表 + manifest.json，写入临时文件夹；构建后的浏览器方式）`);
    for (const f of result.files) console.log(`  ${f.name}：${f.rows} 行，${(f.size / 1024 / 1024).toFixed(1)} MB`);
    console.log(
      `  用时 ${seconds.toFixed(1)} s（预算 ≤ ${budgetSeconds} s：${seconds <= budgetSeconds ? '达标' : '超出'}）；内存峰值 RSS ${peakMb.toFixed(0)} MB（登录后起算；预算 ≤ ${budgetMb} MB：${peakMb <= budgetMb ? '达标' : '超出'}）`,
    );
    console.log(`  核验报送包：${verifySeconds.toFixed(1)} s，${report.ok ? '完好' : '有问题'}`);
  } finally {
    await host.stop();
    rmSync(target, { recursive: true, force: true });
  }
}
