import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestSchema, submissionResultSchema, type SubmissionResult } from '../../shared/contract/fileExport';
import { writeTestHooks } from '../../electron/core/files/export/sink';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

let office: TestOffice;
let target: string;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-10-08T02:00:00.000Z') });
  target = mkdtempSync(join(tmpdir(), 'ledger-usb-'));
  for (let i = 1; i <= 3; i++) {
    const village = office.villages[i % 2]!;
    const { id } = await office.call(
      'households.create',
      householdInput(office, {
        householdCode: `350421101001000${i}`,
        villageId: village.id,
        groupId: village.groups[0]!.id,
        members: [member('张三', idOf('19650312', 10 * i + 1), 'head'), member('李四妹', idOf('19680720', 10 * i + 2), 'spouse')],
      }),
    );
    await office.call('income.save', { householdId: id, year: 2025, wageFen: 2_000_000 * i });
    if (i === 1) await office.call('monitoring.open', { householdId: id, clueSource: 'cadreVisit', clueDate: '2026-08-03', risks: ['illness'] });
  }
});
afterEach(async () => {
  writeTestHooks.beforeChunk = null;
  await office.close();
  rmSync(target, { recursive: true, force: true });
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function submit(quarter = '2026Q3', dir = target): Promise<SubmissionResult> {
  const { jobId } = await office.call('files.submission', { quarter, targetDir: dir });
  const snap = await office.core.jobs.wait(jobId);
  if (snap.status !== 'done') throw new Error(`submission ${snap.status}: ${snap.error?.message ?? ''}`);
  return submissionResultSchema.parse(snap.result);
}

/** Every file under the target whose name is a final one (not a hidden .partial). */
function finalNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name);
}

describe('files.submission', () => {
  it('writes the ledgers, the summary tables and a manifest with correct hashes and row counts', async () => {
    const result = await submit();
    expect(result.dir.startsWith(target)).toBe(true);
    expect(result.dir).toContain('城关乡_2026Q3季度报送');
    const names = readdirSync(result.dir).sort();
    expect(names).toEqual(
      ['manifest.json', '户籍台账.xlsx', '监测对象台账.xlsx', '帮扶措施台账.xlsx', '走访记录（本季度）.xlsx', '收入台账（2025年度）.xlsx', '汇总表.xlsx'].sort(),
    );
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(result.dir, 'manifest.json'), 'utf8')));
    expect(manifest.quarter).toBe('2026Q3');
    expect(manifest.quarterLabel).toBe('2026年第三季度');
    expect(manifest.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(manifest.office.townshipName).toBe('城关乡');
    expect(manifest.createdBy).toBe('林主任');
    for (const f of manifest.files) {
      expect(sha256(join(result.dir, f.name))).toBe(f.sha256);
      expect(readFileSync(join(result.dir, f.name)).length).toBe(f.size);
    }
    const rowsOf = (name: string) => manifest.files.find((f) => f.name === name)!.rows;
    expect(rowsOf('户籍台账.xlsx')).toBe(6);
    expect(rowsOf('监测对象台账.xlsx')).toBe(1);
    expect(rowsOf('收入台账（2025年度）.xlsx')).toBe(3);

    // The summary workbook: one sheet per table, a row per village and 合计.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(result.dir, '汇总表.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['户类型统计', '监测对象统计', '本季度新增与消除', '风险类型统计', '帮扶措施统计', '走访完成情况', '收入变化', 'R2务工就业', 'R3公益岗', 'R4资金进度', 'R5项目进度']);
    const kinds = wb.getWorksheet('户类型统计')!;
    // Title, office, quarter, who filled it in and the day, above the headings; printed on A4.
    expect(kinds.getRow(1).getCell(1).value).toBe('明溪县城关乡户类型统计（2026年第三季度）');
    expect(String(kinds.getRow(2).getCell(1).value)).toMatch(/^填报单位：明溪县城关乡\s+报送季度：2026年第三季度\s+填报人：林主任\s+填报日期：2026-\d{2}-\d{2}\s+审核人：$/);
    expect(kinds.getRow(3).getCell(2).value).toBe('在册户数');
    expect(kinds.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(kinds.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(kinds.headerFooter.oddFooter).toContain('&P');
    expect(kinds.rowCount).toBe(3 + office.villages.length + 1);
    expect(kinds.getRow(kinds.rowCount).getCell(1).value).toBe('合计');
    expect(kinds.getRow(kinds.rowCount).getCell(2).value).toBe(3);
    const quarterSheet = wb.getWorksheet('本季度新增与消除')!;
    expect(quarterSheet.getRow(quarterSheet.rowCount).getCell(2).value).toBe(1); // one new clue in Q3
    // R4 has a row per source and 合计, R5 a row per project (none here) and 合计.
    const r4Rows = wb.getWorksheet('R4资金进度')!.rowCount - 3;
    expect(wb.getWorksheet('R5项目进度')!.rowCount - 3).toBe(1);
    expect(rowsOf('汇总表.xlsx')).toBe(9 * (office.villages.length + 1) + r4Rows + 1);
    // 月报 R2/R3 of the quarter's last month, with the same title lines.
    const r2 = wb.getWorksheet('R2务工就业')!;
    expect(r2.getRow(1).getCell(1).value).toBe('明溪县城关乡R2务工就业（2026年第三季度）');
    expect(r2.getRow(3).getCell(2).value).toBe('劳动力');
    expect(r2.getRow(r2.rowCount).getCell(1).value).toBe('合计');

    // Audited; a second submission of the same quarter goes to its own folder.
    const log = await office.call('audit.list', { limit: 20 });
    expect(log.rows.some((r) => r.summary.startsWith('季度报送 2026年第三季度'))).toBe(true);
    const again = await submit();
    expect(again.dir).not.toBe(result.dir);
    expect(again.dir).toContain('（2）');
  });

  it('refuses a folder that does not exist, a file instead of a folder, a relative path and a quarter not yet begun', async () => {
    const missing = await office.fail('files.submission', { quarter: '2026Q3', targetDir: join(target, 'no-such-stick') });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('找不到文件夹');
    const file = join(target, 'a.txt');
    writeFileSync(file, 'x');
    expect((await office.fail('files.submission', { quarter: '2026Q3', targetDir: file })).message).toContain('不是文件夹');
    expect((await office.fail('files.submission', { quarter: '2026Q3', targetDir: 'usb' })).code).toBe('INVALID_INPUT');
    expect((await office.fail('files.submission', { quarter: '2027Q1', targetDir: target })).message).toContain('还没有开始');
    expect((await office.fail('files.submission', { quarter: '2026Q5', targetDir: target })).code).toBe('INVALID_INPUT');
  });

  it('leaves no final-named file when a write fails midway, and says so in Chinese', async () => {
    writeTestHooks.beforeChunk = (name) => {
      if (name === '帮扶措施台账.xlsx') throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    const { jobId } = await office.call('files.submission', { quarter: '2026Q3', targetDir: target });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.status).toBe('failed');
    expect(snap.error?.message).toContain('报送未完成');
    expect(snap.error?.message).toContain('没有留下任何文件');
    expect(snap.error?.message).toContain('重新生成');
    expect(finalNames(target)).toEqual([]);
    expect(readdirSync(target)).toEqual([]);
    const log = await office.call('audit.list', { limit: 20 });
    expect(log.rows.some((r) => r.summary.startsWith('季度报送'))).toBe(false);
  });

  it('leaves no final-named file when the stick is pulled (the target folder disappears) midway', async () => {
    const stick = join(target, 'stick');
    mkdirSync(stick);
    let pulled = false;
    writeTestHooks.beforeChunk = (name) => {
      // Two files are already written (under temporary names) when the stick goes.
      if (name === '帮扶措施台账.xlsx' && !pulled) {
        pulled = true;
        rmSync(stick, { recursive: true, force: true });
      }
    };
    const { jobId } = await office.call('files.submission', { quarter: '2026Q3', targetDir: stick });
    const snap = await office.core.jobs.wait(jobId);
    expect(pulled).toBe(true);
    expect(snap.status).toBe('failed');
    expect(snap.error?.message).toContain('U 盘可能已被拔出');
    // The stick comes back (the same folder re-created): nothing of that submission is on it.
    mkdirSync(stick, { recursive: true });
    expect(finalNames(stick)).toEqual([]);
  });
});

describe('files.verifySubmission', () => {
  it('reports ok for an untouched submission, also when given the folder above it', async () => {
    const result = await submit();
    const report = await office.call('files.verifySubmission', { dir: result.dir });
    expect(report.ok).toBe(true);
    expect(report.files.every((f) => f.status === 'ok')).toBe(true);
    expect(report.quarter).toBe('2026Q3');
    const fromParent = await office.call('files.verifySubmission', { dir: target });
    expect(fromParent.ok).toBe(true);
    expect(fromParent.dir).toBe(result.dir);
  });

  it('catches a flipped byte, a truncated file, a missing file and an extra file', async () => {
    const { dir } = await submit();
    const flip = join(dir, '户籍台账.xlsx');
    const bytes = readFileSync(flip);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(flip, bytes);
    const cut = join(dir, '监测对象台账.xlsx');
    truncateSync(cut, Math.floor(readFileSync(cut).length / 2));
    rmSync(join(dir, '汇总表.xlsx'));
    writeFileSync(join(dir, '说明.txt'), '多出来的文件');

    const report = await office.call('files.verifySubmission', { dir });
    expect(report.ok).toBe(false);
    expect(report.altered).toEqual(['户籍台账.xlsx']);
    expect(report.truncated).toEqual(['监测对象台账.xlsx']);
    expect(report.missing).toEqual(['汇总表.xlsx']);
    expect(report.extra).toEqual(['说明.txt']);
    expect(report.files.find((f) => f.name === '帮扶措施台账.xlsx')?.status).toBe('ok');
  });

  it('refuses a folder without a manifest and a damaged manifest', async () => {
    const empty = join(target, 'empty');
    mkdirSync(empty);
    expect((await office.fail('files.verifySubmission', { dir: empty })).message).toContain('manifest.json');
    const { dir } = await submit();
    writeFileSync(join(dir, 'manifest.json'), '{ not json');
    expect((await office.fail('files.verifySubmission', { dir })).message).toContain('已损坏');
  });
});

describe('files.submissionCheck', () => {
  it('lists the county rules with their hits', async () => {
    const village = office.villages[0]!;
    const { id } = await office.call(
      'households.create',
      householdInput(office, {
        householdCode: '3504211010010009',
        members: [member('王老汉', idOf('19500101', 91), 'head', { workStatus: 'welfarePost' }), member('王大', idOf('19800101', 93), 'son')],
        villageId: village.id,
        groupId: village.groups[0]!.id,
      }),
    );
    const secure = { status: 'secure' as const, note: null };
    await office.call('visits.create', {
      householdId: id,
      visitDate: '2026-09-10',
      visitors: ['王干部'],
      findings: '自来水管冻裂，饮水困难',
      guarantees: { food: secure, clothing: secure, education: secure, medical: secure, housing: secure, water: { status: 'atRisk', note: '管道损坏' } },
    });
    const check = await office.call('files.submissionCheck', { quarter: '2026Q3' });
    expect(check.rules.map((r) => r.kind)).toEqual(['noMeasureAfterMonth', 'quickElimination', 'waterNotMonitored', 'elderlyWelfarePost', 'pupilWorking', 'workerNoMobile']);
    const byKind = Object.fromEntries(check.rules.map((r) => [r.kind, r]));
    expect(byKind.waterNotMonitored!.items.map((i) => i.householdCode)).toEqual(['3504211010010009']);
    expect(byKind.elderlyWelfarePost!.items.map((i) => i.detail)).toEqual(['王老汉（出生 1950-01-01）']);
    expect(byKind.noMeasureAfterMonth!.count).toBe(0);
    expect(byKind.quickElimination!.count).toBe(0);
  });
});
