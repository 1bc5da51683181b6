import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Manifest, ManifestFile, SubmissionResult } from '../../../../../shared/contract/fileExport';
import { exportLedgerLabels, ledgerLayouts, type ExportLedger } from '../../../../../shared/domain/ledgerLayouts';
import { parseQuarter, quarterCode, quarterLabel, quarterRange, type Quarter } from '../../../../../shared/domain/quarter';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import { safeFileName } from '../../../files/store';
import type { JobControl } from '../../../jobs';
import { writeLedgerFile, type SheetPlan } from '../../../files/export/ledgerFile';
import { householdSource, incomeSource, measureSource, monitoringSource, officeNames, visitSource } from './queries';
import { fsyncDir, hashFile, HashingFileSink } from '../../../files/export/sink';
import { summarySheets } from './summary';
import { diskFullError, isDiskFull } from '../../../diskFull';
import { checkOutsideProgramFolders } from '../../../files/export/paths';
import { submissionCacheKib, withPageCache } from '../../../db/pageCache';

// 季度报送 to a folder or a USB stick. The submission is built in a hidden work folder beside its
// final place (.城关乡_2026Q3季度报送.partial-<id>): every file is written under a temporary name,
// flushed, read back and hashed, renamed to its final name when all have passed, manifest.json
// last; then the work folder is renamed to the submission's name. So whatever moment the program
// is killed at, no folder with a submission's name exists without its manifest and every file.
// A failure removes the work folder; one left by a killed program is removed by the next
// submission into the same place.

interface PlannedFile {
  name: string;
  title: string;
  sheets: () => Promise<SheetPlan[]>;
}

function errorCode(err: unknown): string | null {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : null;
}

/** Refuses a folder that does not exist or cannot be written, with a message a clerk can act on. */
export function checkTargetFolder(targetDir: string): string {
  if (!isAbsolute(targetDir)) {
    throw new AppError('INVALID_INPUT', '请填写完整的文件夹路径，例如 E:\\ 或 D:\\报送（Windows），/media/usb（Linux）', { targetDir: '请填写完整路径' });
  }
  const dir = resolve(targetDir);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new AppError('NOT_FOUND', `找不到文件夹"${dir}"。请确认 U 盘已插好、路径填写正确，然后重试`, { targetDir: '文件夹不存在' });
  }
  if (!isDir) throw new AppError('INVALID_INPUT', `"${dir}"不是文件夹，请选择一个文件夹`, { targetDir: '不是文件夹' });
  const probe = join(dir, `.ledger-write-test-${randomUUID()}`);
  try {
    accessSync(dir, constants.W_OK);
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (err) {
    const code = errorCode(err);
    const why = code === 'ENOSPC' ? '空间已满' : code === 'EROFS' ? '是只读的（U 盘可能开着写保护开关）' : '不允许写入';
    throw new AppError('RULE', `文件夹"${dir}"${why}，无法保存报送。请换一个文件夹，或检查 U 盘后重试`, { targetDir: '无法写入' });
  }
  return dir;
}

/** The work folder's name: `.<submission folder>.partial-<id>`. */
const workSuffix = '.partial-';
/** A work folder untouched this long is a killed program's leftover. */
const leftoverAfterMs = 10 * 60_000;

/** Removes work folders a killed submission left in `targetDir` (never a complete submission). */
export function removeLeftovers(targetDir: string, nowMs = Date.now()): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(targetDir);
  } catch {
    return removed;
  }
  for (const name of entries) {
    if (!name.startsWith('.') || !name.includes(workSuffix)) continue;
    const path = join(targetDir, name);
    try {
      if (nowMs - statSync(path).mtimeMs < leftoverAfterMs) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // a read-only stick: the folder stays hidden and is never taken for a submission
    }
  }
  return removed;
}

/** The submission's own folder inside the target: 城关乡_2026Q3季度报送, then （2）, （3）… if taken. */
function submissionFolder(targetDir: string, townshipName: string, quarter: Quarter): string {
  const base = safeFileName(`${townshipName || '本乡镇'}_${quarterCode(quarter)}季度报送`);
  for (let n = 1; n < 100; n += 1) {
    const dir = join(targetDir, n === 1 ? base : `${base}（${n}）`);
    if (!existsSync(dir)) return dir;
  }
  throw new AppError('CONFLICT', `"${targetDir}"中已有许多份同一季度的报送文件夹，请先整理后再生成`);
}

function failureMessage(err: unknown, targetDir: string, folder: string, leftBehind: boolean): string {
  const code = errorCode(err);
  const pulled = !existsSync(targetDir) || code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO';
  const cause = pulled
    ? `保存位置"${targetDir}"在写入过程中无法访问，U 盘可能已被拔出`
    : code === 'ENOSPC'
      ? 'U 盘（或磁盘）空间不足'
      : err instanceof AppError
        ? err.message
        : `写入时出错（${code ?? (err instanceof Error ? err.message.slice(0, 80) : String(err))}）`;
  const after = leftBehind
    ? `U 盘上可能还留有文件夹"${folder}"，其中不是完整的报送，请把这个文件夹删除`
    : '本次报送没有留下任何文件';
  return `报送未完成：${cause}。${after}。请重新插好 U 盘${code === 'ENOSPC' ? '并腾出空间' : ''}，再点"生成报送"重新生成。`;
}

async function writeJsonSafely(path: string, value: unknown): Promise<{ sha256: string; size: number }> {
  const sink = new HashingFileSink(path, 'manifest.json');
  try {
    const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    sink.end(bytes);
    await Promise.race([new Promise<void>((r) => sink.once('finish', () => r())), sink.failed]);
    return sink.syncAndClose();
  } catch (err) {
    sink.abandon();
    throw err;
  }
}

export async function latestIncomeYear(ctx: HandlerContext, upTo: number): Promise<number | null> {
  const r = await ctx.db
    .selectFrom('incomes')
    .select((eb) => eb.fn.max('year').as('y'))
    .where('deleted_at', 'is', null)
    .where('year', '<=', upTo)
    .executeTakeFirst();
  return r?.y === null || r?.y === undefined ? null : Number(r.y);
}

export async function startSubmission(ctx: HandlerContext, input: { quarter: string; targetDir: string }): Promise<string> {
  const quarter = parseQuarter(input.quarter);
  if (!quarter) throw new AppError('INVALID_INPUT', '季度格式应为 年份Q季度，例如 2026Q3', { quarter: '季度格式有误' });
  const { from, to } = quarterRange(quarter);
  if (from > ctx.today()) throw new AppError('RULE', `${quarterLabel(quarter)}还没有开始，请选择已经开始或已经结束的季度`, { quarter: '季度尚未开始' });
  const targetDir = checkTargetFolder(input.targetDir);
  checkOutsideProgramFolders(targetDir, ctx.dataDir);
  const user = ctx.requireUser();
  const office = await officeNames(ctx.db);

  const build = async (control: JobControl): Promise<SubmissionResult> => {
    const incomeYear = await latestIncomeYear(ctx, quarter.year);
    const officeLabel = `${office.countyName}${office.townshipName}`;
    // A summary table goes to the county on paper too: it says whose it is, for when, and who made it.
    const withTitles = (sheets: SheetPlan[]): SheetPlan[] =>
      sheets.map((s) => ({
        ...s,
        preamble: [
          `${officeLabel}${s.name}（${quarterLabel(quarter)}）`,
          `填报单位：${officeLabel}\u3000\u3000报送季度：${quarterLabel(quarter)}\u3000\u3000填报人：${user.displayName}\u3000\u3000填报日期：${ctx.today()}\u3000\u3000审核人：`,
        ],
      }));
    const ledger = (l: ExportLedger, sheets: () => Promise<SheetPlan['rows']>): PlannedFile => ({
      name: `${exportLedgerLabels[l]}.xlsx`,
      title: exportLedgerLabels[l],
      sheets: async () => [{ name: exportLedgerLabels[l], columns: ledgerLayouts[l], rows: await sheets() }],
    });
    const plan: PlannedFile[] = [
      ledger('households', () =>
        householdSource(ctx, { flags: [], status: 'active', search: '', sort: { column: 'householdCode', direction: 'asc' } }),
      ),
      ledger('monitoring', () =>
        monitoringSource(ctx, { status: 'all', search: '', sort: { column: 'caseCode', direction: 'asc' } }),
      ),
      ledger('measures', () => measureSource(ctx, { caseStatus: 'all' })),
      { ...ledger('visits', () => visitSource(ctx, { from, to })), name: '走访记录（本季度）.xlsx', title: `走访记录（${from} 至 ${to}）` },
      ...(incomeYear === null ? [] : [{ ...ledger('income', () => incomeSource(ctx, { year: incomeYear })), name: `收入台账（${incomeYear}年度）.xlsx`, title: `收入台账（${incomeYear}年度）` }]),
      { name: '汇总表.xlsx', title: `分村汇总表（${quarterLabel(quarter)}）`, sheets: async () => withTitles(await summarySheets(ctx, quarter, incomeYear)) },
    ];

    removeLeftovers(targetDir);
    const finalFolder = submissionFolder(targetDir, office.townshipName, quarter);
    const folder = join(targetDir, `.${basename(finalFolder)}${workSuffix}${randomUUID().slice(0, 8)}`);
    const steps = plan.length + 2;
    const written: (ManifestFile & { partial: string })[] = [];
    try {
      mkdirSync(folder);
      for (const [i, file] of plan.entries()) {
        control.throwIfCancelled();
        if (!existsSync(targetDir)) throw Object.assign(new Error('target folder is gone'), { code: 'ENOENT' });
        control.report(i, steps, `正在生成 ${file.name}…`);
        const partial = join(folder, `.${file.name}.partial`);
        const sheets = await file.sheets();
        const w = await writeLedgerFile(partial, file.name, 'xlsx', sheets, control, (rows) =>
          control.report(i, steps, `正在写入 ${file.name}：${rows} 行`),
          { title: file.title, office: officeLabel, date: ctx.today() },
        );
        // What is on the stick now must be what was sent: read it back.
        control.report(i, steps, `正在核对 ${file.name}…`);
        const check = await hashFile(partial);
        if (check.sha256 !== w.sha256 || check.size !== w.size) {
          throw new AppError('RULE', `${file.name} 写入后读回的内容与写入的不一致（U 盘可能有故障）`);
        }
        fsyncDir(folder);
        written.push({ name: file.name, title: file.title, sha256: w.sha256, size: w.size, rows: w.rows, partial });
      }

      control.throwIfCancelled();
      control.report(plan.length, steps, '正在启用文件名…');
      for (const f of written) renameSync(f.partial, join(folder, f.name));
      fsyncDir(folder);

      const files: ManifestFile[] = written.map(({ partial: _partial, ...f }) => f);
      const manifest: Manifest = {
        format: 'ledger-submission/1',
        office,
        quarter: quarterCode(quarter),
        quarterLabel: quarterLabel(quarter),
        period: { from, to },
        createdBy: user.displayName,
        createdAt: ctx.nowIso(),
        files,
      };
      control.report(plan.length + 1, steps, '正在写入报送清单 manifest.json…');
      const manifestPartial = join(folder, '.manifest.json.partial');
      const m = await writeJsonSafely(manifestPartial, manifest);
      const mCheck = await hashFile(manifestPartial);
      if (mCheck.sha256 !== m.sha256) throw new AppError('RULE', 'manifest.json 写入后读回的内容与写入的不一致（U 盘可能有故障）');
      renameSync(manifestPartial, join(folder, 'manifest.json'));
      fsyncDir(folder);
      // Last: the complete folder takes the submission's name.
      if (existsSync(finalFolder)) throw new AppError('CONFLICT', `"${finalFolder}"刚被另一份报送占用，请重新生成`);
      renameSync(folder, finalFolder);
      fsyncDir(targetDir);

      await ctx.mutate(async (_tx, audit) => {
        await audit.record({
          entity: 'submission',
          entityId: `${office.townshipCode}-${quarterCode(quarter)}`,
          summary: `季度报送 ${quarterLabel(quarter)}：${files.length} 个文件写入"${finalFolder}"`,
          after: { quarter: quarterCode(quarter), folder: finalFolder, files: files.map((f) => ({ name: f.name, rows: f.rows, sha256: f.sha256 })) },
        });
      });
      return { dir: finalFolder, files, manifest };
    } catch (err) {
      let leftBehind: boolean;
      try {
        rmSync(folder, { recursive: true, force: true });
      } catch {
        // the drive is gone or refuses: checked below
      }
      try {
        leftBehind = existsSync(folder) && readdirSync(folder).length > 0;
      } catch {
        leftBehind = false;
      }
      if (control.signal.aborted) throw err;
      // A full drive says so in the one message every write path uses, with the space still needed
      // (at least twice what this submission had written when it ran out).
      if (isDiskFull(err) && existsSync(targetDir) && !leftBehind) {
        throw diskFullError(targetDir, 2 * written.reduce((sum, f) => sum + f.size, 0) + 1024 * 1024);
      }
      throw new AppError('RULE', failureMessage(err, targetDir, folder, leftBehind));
    }
  };
  // The page cache SQLite keeps is memory too: the submission reads each table once, front to back,
  // and is as fast with a small one (issue 11.7).
  return ctx.jobs.start('files.submission', (control: JobControl) => withPageCache(ctx.db, submissionCacheKib, () => build(control)));
}
