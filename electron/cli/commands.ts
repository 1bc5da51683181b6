import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { backupKindLabels, type BackupRun } from '../../shared/contract/backups';
import { exportResultSchema, submissionResultSchema, verifyFileStatusLabels, type VerifyReport } from '../../shared/contract/fileExport';
import { importApplyResultSchema, importPreviewSchema } from '../../shared/contract/fileImport';
import { jobStartedSchema } from '../../shared/contract/jobs';
import { exportLedgers, type ExportLedger } from '../../shared/domain/ledgerLayouts';
import { importKindLabels, importKinds, type ImportSource } from '../../shared/domain/importFields';
import { AppError, type AppErrorShape } from '../../shared/lib/result';
import { createCore, type Core } from '../core/core';
import { databaseFileName } from '../core/db/open';
import { currentHolder, heldMessage, programLabels } from '../core/lock';
import { findStored, stageUpload } from '../core/files/store';
import { copyFileComplete } from '../core/features/files/export/sink';
import { deliverFile } from '../core/features/files/export/deliver';
import { checkExportFileName, checkOutsideProgramFolders } from '../core/features/files/export/paths';
import { UsageError, type ParsedArgs } from './args';
import { checkDataFile } from './check';
import { resolveExportFilters } from './exportFilters';
import { settingsChannels } from '../../shared/contract/settings';
import { localDateTimeText } from '../../shared/lib/dates';
import type { Lang } from './help';

/** The name the command line acts under in the audit log. */
export const cliActor = '命令行';
const systemSessionKey = `system-${cliActor}`;

export interface CommandOutcome {
  /** 0 ok, 1 failed, 2 usage, 3 problems found. */
  exitCode: 0 | 1 | 2 | 3;
  data?: unknown;
  error?: AppErrorShape | { code: string; message: string };
  /** What a person reads on stdout (human mode). */
  lines: string[];
}

/** A refusal from the core (or a job) that ends the command. */
export class CommandFailed extends Error {
  constructor(readonly error: AppErrorShape | { code: string; message: string }) {
    super(error.message);
  }
}

export interface CommandEnv {
  args: ParsedArgs;
  lang: Lang;
  /** Progress lines go to stderr; silenced by --quiet. */
  progress(line: string): void;
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now(): Date;
}

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

function dataDirOf(env: CommandEnv, required: boolean): string | null {
  const flag = env.args.flags.get('--data') ?? env.env.LEDGER_DATA_DIR;
  if (!flag) {
    if (!required) return null;
    throw new UsageError(t(env.lang, '请用 --data 指定数据文件夹（或设置环境变量 LEDGER_DATA_DIR）', '--data DIR is required (or set LEDGER_DATA_DIR)'));
  }
  const dir = resolve(env.cwd, flag);
  if (!existsSync(join(dir, databaseFileName))) {
    throw new CommandFailed({
      code: 'NOT_FOUND',
      message: t(env.lang, `数据文件夹“${dir}”里没有台账数据文件（${databaseFileName}），请检查 --data`, `No ledger database (${databaseFileName}) in "${dir}"; check --data`),
    });
  }
  return dir;
}

async function withCore<T>(dataDir: string, run: (core: Core) => Promise<T>, readOnly = false): Promise<T> {
  const core = await createCore({ dataDir, program: 'cli', readOnly, logError: (err) => console.error(err) });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

/**
 * For commands that only read (export): the core as usual, or — when another program holds the
 * folder — a read-only one, so an export can be taken while the office works.
 */
async function withReadingCore<T>(env: CommandEnv, dataDir: string, run: (core: Core) => Promise<T>): Promise<T> {
  const holder = currentHolder(dataDir);
  if (!holder) return withCore(dataDir, run);
  env.progress(t(env.lang, `数据文件夹正被“${programLabels[holder.program]}”使用，以只读方式打开`, `The data folder is in use (${holder.program}); opening it read-only`));
  return withCore(dataDir, run, true);
}

async function call(core: Core, channel: string, input: unknown): Promise<unknown> {
  const result = await core.invokeAsSystem(cliActor, channel, input);
  if (!result.ok) throw new CommandFailed(result.error);
  return result.data;
}

/** Starts a job channel, prints its progress, waits, and returns its parsed result. */
async function runJob<S extends z.ZodType>(core: Core, env: CommandEnv, channel: string, input: unknown, schema: S): Promise<z.output<S>> {
  const { jobId } = jobStartedSchema.parse(await call(core, channel, input));
  let last = '';
  const show = () => {
    try {
      const s = core.jobs.get(jobId, systemSessionKey);
      const line = s.total > 0 ? `${s.message} ${s.done}/${s.total}` : s.message;
      if (line !== last) env.progress(line);
      last = line;
    } catch {
      // The job is gone (finished and pruned): nothing to show.
    }
  };
  const timer = setInterval(show, 250);
  try {
    const snapshot = await core.jobs.wait(jobId);
    if (snapshot.status === 'failed') throw new CommandFailed(snapshot.error ?? { code: 'INTERNAL', message: '任务失败' });
    if (snapshot.status === 'cancelled') throw new CommandFailed({ code: 'CONFLICT', message: '任务已取消，数据未改动' });
    return schema.parse(snapshot.result);
  } finally {
    clearInterval(timer);
  }
}

async function passphraseOf(env: CommandEnv): Promise<string | undefined> {
  const name = env.args.flags.get('--passphrase-env');
  if (name !== undefined) {
    const value = env.env[name];
    if (!value) throw new UsageError(t(env.lang, `环境变量 ${name} 没有设置或为空`, `Environment variable ${name} is not set or empty`));
    return value;
  }
  if (env.args.switches.has('--passphrase-stdin')) {
    const first = (await env.readStdin()).split(/\r?\n/)[0] ?? '';
    if (!first) throw new UsageError(t(env.lang, '标准输入的第一行没有口令', 'No passphrase on the first line of standard input'));
    return first;
  }
  return undefined;
}

function requireFlag(env: CommandEnv, name: string, what: string): string {
  const v = env.args.flags.get(name);
  if (v === undefined || v.trim() === '') throw new UsageError(t(env.lang, `请用 ${name} 指定${what}`, `${name} is required`));
  return v;
}

function onePositional(env: CommandEnv, what: string): string {
  const [first, ...rest] = env.args.positionals;
  if (!first) throw new UsageError(t(env.lang, `请给出${what}`, `Missing ${what}`));
  if (rest.length > 0) throw new UsageError(t(env.lang, `多余的参数：${rest.join(' ')}`, `Unexpected arguments: ${rest.join(' ')}`));
  return first;
}

function noPositionals(env: CommandEnv): void {
  if (env.args.positionals.length > 0) {
    throw new UsageError(t(env.lang, `多余的参数：${env.args.positionals.join(' ')}`, `Unexpected arguments: ${env.args.positionals.join(' ')}`));
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

// ---------------------------------------------------------------------------------------------

async function backupCommand(env: CommandEnv): Promise<CommandOutcome> {
  noPositionals(env);
  const dataDir = dataDirOf(env, true)!;
  const out = env.args.flags.get('--out');
  const passphrase = await passphraseOf(env);
  const run = (await withCore(dataDir, (core) =>
    call(core, 'backups.run', { ...(out ? { targetDir: resolve(env.cwd, out) } : {}), ...(passphrase !== undefined ? { passphrase } : {}) }),
  )) as BackupRun;
  return {
    exitCode: 0,
    data: run,
    lines: [
      t(env.lang, `已备份：${run.file}`, `Backed up: ${run.file}`),
      t(env.lang, `大小 ${sizeText(run.sizeBytes)}，${run.encrypted ? '已加密' : '未加密'}`, `Size ${sizeText(run.sizeBytes)}, ${run.encrypted ? 'encrypted' : 'not encrypted'}`),
      `SHA-256 ${run.sha256}`,
    ],
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function restoreCommand(env: CommandEnv): Promise<CommandOutcome> {
  const file = onePositional(env, t(env.lang, '要恢复的备份文件', 'the backup file'));
  const dataDir = dataDirOf(env, true)!;
  const passphrase = await passphraseOf(env);
  const target = uuidPattern.test(file) ? file : resolve(env.cwd, file);
  // Never swap the file under another program's open connection: it would keep writing into the
  // replaced file and every save it acknowledges afterwards would be lost.
  const holder = currentHolder(dataDir);
  if (holder) {
    throw new CommandFailed({
      code: 'CONFLICT',
      message: t(env.lang, `${heldMessage(holder)}。恢复只能在没有其他程序打开数据文件夹时进行，或在那个程序的“数据备份”页中恢复`, `The data folder is in use (${holder.program}, pid ${holder.pid}); close it or restore from within it`),
    });
  }
  env.progress(t(env.lang, '正在检查备份并恢复…', 'Checking the backup and restoring…'));
  const result = (await withCore(dataDir, (core) =>
    call(core, 'backups.restore', { file: target, ...(passphrase !== undefined ? { passphrase } : {}) }),
  )) as { restoredFrom: string; preRestoreFile: string; officeName: string };
  return {
    exitCode: 0,
    data: result,
    lines: [
      t(env.lang, `已从 ${result.restoredFrom} 恢复（${result.officeName}）`, `Restored from ${result.restoredFrom} (${result.officeName})`),
      t(env.lang, `恢复前的数据已另存为 ${result.preRestoreFile}`, `The data as it was is kept in ${result.preRestoreFile}`),
      t(env.lang, '所有用户需重新登录。', 'Everyone must sign in again.'),
    ],
  };
}

async function checkCommand(env: CommandEnv): Promise<CommandOutcome> {
  noPositionals(env);
  const dataDir = dataDirOf(env, true)!;
  const report = await checkDataFile(join(dataDir, databaseFileName), env.now());
  const lines = [
    `${t(env.lang, '数据文件', 'Data file')}: ${report.file}`,
    `${t(env.lang, '完整性检查', 'Integrity check')}: ${report.integrity.length === 1 && report.integrity[0] === 'ok' ? t(env.lang, '正常', 'ok') : report.integrity.join('; ')}`,
    `${t(env.lang, '外键检查', 'Foreign key check')}: ${report.foreignKeyProblems.length === 0 ? t(env.lang, '正常', 'ok') : report.foreignKeyProblems.length}`,
    `${t(env.lang, '待执行的升级', 'Pending migrations')}: ${report.pendingMigrations.length === 0 ? t(env.lang, '无', 'none') : report.pendingMigrations.join(', ')}`,
    `${t(env.lang, '最近一次备份', 'Last backup')}: ${
      report.lastBackup
        ? `${localDateTimeText(report.lastBackup.at)}（${backupKindLabels[report.lastBackup.kind as keyof typeof backupKindLabels] ?? report.lastBackup.kind}，${report.lastBackupAgeDays} ${t(env.lang, '天前', 'days ago')}）`
        : t(env.lang, '无', 'none')
    }`,
    ...report.problems.map((p) => `${t(env.lang, '问题', 'Problem')}: ${p}`),
  ];
  if (report.ok) return { exitCode: 0, data: report, lines: [...lines, t(env.lang, '检查通过。', 'All checks passed.')] };
  return {
    exitCode: 3,
    data: report,
    error: { code: 'PROBLEMS_FOUND', message: t(env.lang, `发现 ${report.problems.length} 个问题`, `${report.problems.length} problem(s) found`) },
    lines,
  };
}

async function verifyCommand(env: CommandEnv): Promise<CommandOutcome> {
  const dir = resolve(env.cwd, onePositional(env, t(env.lang, '要核对的报送文件夹', 'the submission folder')));
  // The county can verify without an office's data: a throwaway data folder serves the core.
  // A folder held by another program is not needed at all: verifying reads only the submission.
  const given = dataDirOf(env, false);
  const dataDir = given && !currentHolder(given) ? given : null;
  const scratch = dataDir ? null : mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  try {
    const report = (await withCore(dataDir ?? scratch!, (core) => call(core, 'files.verifySubmission', { dir }))) as VerifyReport;
    const lines = [
      `${report.office.townshipName} ${report.quarterLabel}（${report.createdBy}，${report.createdAt}）`,
      ...report.files.map((f) => `  ${verifyFileStatusLabels[f.status]}  ${f.name}`),
    ];
    if (report.ok) return { exitCode: 0, data: report, lines: [...lines, t(env.lang, '全部文件完好。', 'Every file is intact.')] };
    const count = report.missing.length + report.extra.length + report.truncated.length + report.altered.length;
    return {
      exitCode: 3,
      data: report,
      error: { code: 'PROBLEMS_FOUND', message: t(env.lang, `${count} 个文件有问题`, `${count} file(s) with problems`) },
      lines,
    };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function submissionCommand(env: CommandEnv): Promise<CommandOutcome> {
  noPositionals(env);
  const quarter = requireFlag(env, '--quarter', t(env.lang, '季度（例如 2026Q3）', 'the quarter'));
  const out = resolve(env.cwd, requireFlag(env, '--out', t(env.lang, '报送文件写到哪个文件夹', 'the target folder')));
  const dataDir = dataDirOf(env, true)!;
  mkdirSync(out, { recursive: true });
  const result = await withCore(dataDir, (core) => runJob(core, env, 'files.submission', { quarter, targetDir: out }, submissionResultSchema));
  return {
    exitCode: 0,
    data: result,
    lines: [
      t(env.lang, `已生成报送：${result.dir}`, `Submission written: ${result.dir}`),
      ...result.files.map((f) => `  ${f.name}  ${f.rows} ${t(env.lang, '行', 'rows')}  ${f.sha256.slice(0, 12)}…`),
    ],
  };
}

async function exportCommand(env: CommandEnv): Promise<CommandOutcome> {
  noPositionals(env);
  const ledger = requireFlag(env, '--ledger', t(env.lang, '台账', 'the ledger'));
  if (!(exportLedgers as readonly string[]).includes(ledger)) {
    throw new UsageError(t(env.lang, `--ledger 应为 ${exportLedgers.join('、')} 之一`, `--ledger must be one of ${exportLedgers.join(', ')}`));
  }
  const format = env.args.flags.get('--format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(t(env.lang, '--format 应为 xlsx 或 csv', '--format must be xlsx or csv'));
  const outFlag = requireFlag(env, '--out', t(env.lang, '导出文件的保存位置', 'the output file'));
  const out = resolve(env.cwd, outFlag);
  // A folder when it exists as one or is written as one (ending in / or \\); otherwise the file's name.
  const outIsDir = /[\\/]$/.test(outFlag) || (existsSync(out) && statSync(out).isDirectory());
  let filters: unknown = {};
  const filtersText = env.args.flags.get('--filters');
  if (filtersText !== undefined) {
    try {
      filters = JSON.parse(filtersText) as unknown;
    } catch {
      throw new UsageError(t(env.lang, '--filters 应为 JSON，例如 \'{"village":"坪埠村"}\'', '--filters must be JSON'));
    }
  }
  const dataDir = dataDirOf(env, true)!;
  try {
    checkOutsideProgramFolders(outIsDir ? out : dirname(out), dataDir);
    if (!outIsDir) checkExportFileName(basename(out));
  } catch (err) {
    if (err instanceof AppError) throw new CommandFailed(err.toShape());
    throw err;
  }
  const result = await withReadingCore(env, dataDir, async (core) => {
    const { villages } = settingsChannels['settings.office'].output.parse(await call(core, 'settings.office', {}));
    const resolved = resolveExportFilters(ledger as ExportLedger, filters, villages, env.lang);
    const r = await runJob(core, env, 'files.export', { ledger, format, filters: resolved }, exportResultSchema);
    const produced = findStored(dataDir, 'outbox', r.file.fileId);
    if (!produced) throw new CommandFailed({ code: 'NOT_FOUND', message: '找不到生成的文件，请重试' });
    const target = outIsDir ? join(out, produced.fileName) : out;
    mkdirSync(dirname(target), { recursive: true });
    try {
      deliverFile(produced.path, target, dataDir, produced.size);
    } catch (err) {
      if (err instanceof AppError) throw new CommandFailed(err.toShape());
      throw err;
    }
    return { file: target, rows: r.rows, size: produced.size };
  });
  return { exitCode: 0, data: result, lines: [t(env.lang, `已导出 ${result.rows} 行：${result.file}`, `Exported ${result.rows} rows: ${result.file}`)] };
}

const importModesByFlag = { 'all-or-nothing': 'allOrNothing', 'valid-only': 'validOnly' } as const;

async function importCommand(env: CommandEnv): Promise<CommandOutcome> {
  const file = resolve(env.cwd, onePositional(env, t(env.lang, '要导入的文件', 'the file to import')));
  // Without --kind the file is read as the national system's export: households, incomes and
  // cases in one preview and one transaction (issue 11).
  const kindFlag = env.args.flags.get('--kind');
  if (kindFlag !== undefined && !(importKinds as readonly string[]).includes(kindFlag)) {
    throw new UsageError(t(env.lang, `--kind 应为 ${importKinds.join('、')} 之一（不写时按国家系统导出名单导入）`, `--kind must be one of ${importKinds.join(', ')} (leave it out for a national export)`));
  }
  const kind = (kindFlag ?? 'national') as ImportSource;
  const modeFlag = env.args.flags.get('--mode') ?? 'all-or-nothing';
  if (!(modeFlag in importModesByFlag)) throw new UsageError(t(env.lang, '--mode 应为 all-or-nothing 或 valid-only', '--mode must be all-or-nothing or valid-only'));
  const mode = importModesByFlag[modeFlag as keyof typeof importModesByFlag];
  if (!existsSync(file)) throw new CommandFailed({ code: 'NOT_FOUND', message: t(env.lang, `找不到文件“${file}”`, `File not found: ${file}`) });
  const dataDir = dataDirOf(env, true)!;

  const outcome = await withCore(dataDir, async (core) => {
    const staged = stageUpload(dataDir, basename(file), readFileSync(file));
    const preview = await runJob(core, env, 'files.importPreview', { fileId: staged.fileId, kind }, importPreviewSchema);
    const c = preview.counts;
    const summary = t(
      env.lang,
      `读取 ${c.rows} 行：新增 ${c.new}，变更 ${c.changed}，不变 ${c.unchanged}，有误 ${c.invalid}`,
      `${c.rows} rows read: ${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.invalid} invalid`,
    );
    env.progress(summary);
    for (const part of preview.parts) {
      env.progress(
        t(
          env.lang,
          `  ${importKindLabels[part.part]}：新增 ${part.new}，变更 ${part.changed}，不变 ${part.unchanged}，有误 ${part.invalid}，不适用 ${part.notApplicable}`,
          `  ${part.part}: ${part.new} new, ${part.changed} changed, ${part.unchanged} unchanged, ${part.invalid} invalid, ${part.notApplicable} not applicable`,
        ),
      );
    }
    if (preview.incomeYear) env.progress(t(env.lang, `  收入年度 ${preview.incomeYear.year}（${preview.incomeYear.from}）`, `  income year ${preview.incomeYear.year} (${preview.incomeYear.from})`));
    if (preview.duplicateRows > 0) env.progress(t(env.lang, `  重复行 ${preview.duplicateRows}（只读一次）`, `  ${preview.duplicateRows} duplicate rows (read once)`));
    // Each reason names its line already (第 N 行：…).
    for (const row of preview.invalidRows.slice(0, 20)) env.progress(`  ${row.reason}`);
    if (preview.invalidTotal > 20) env.progress(t(env.lang, `  …共 ${preview.invalidTotal} 行有误`, `  …${preview.invalidTotal} invalid rows in all`));
    if (preview.missingRequired.length > 0) {
      throw new CommandFailed({
        code: 'RULE',
        message: t(env.lang, `文件缺少必需的列：${preview.missingRequired.join('、')}。请在桌面程序中导入并对应列`, `Required columns missing: ${preview.missingRequired.join(', ')}`),
      });
    }
    const applied = await runJob(core, env, 'files.importApply', { previewId: preview.previewId, mode }, importApplyResultSchema);
    let errorWorkbook: string | null = null;
    if (applied.errorWorkbook) {
      const produced = findStored(dataDir, 'outbox', applied.errorWorkbook.fileId);
      if (produced) {
        const errorsFlag = env.args.flags.get('--errors');
        errorWorkbook = errorsFlag
          ? resolve(env.cwd, errorsFlag)
          : join(dirname(file), `${basename(file, extname(file))}.错误清单${extname(produced.fileName) || '.xlsx'}`);
        mkdirSync(dirname(errorWorkbook), { recursive: true });
        copyFileComplete(produced.path, errorWorkbook);
      }
    }
    return {
      preview: { kind: preview.kind, counts: preview.counts, parts: preview.parts, incomeYear: preview.incomeYear, duplicateRows: preview.duplicateRows, invalidTotal: preview.invalidTotal, sha256: preview.sha256 },
      applied: applied.counts,
      parts: applied.parts,
      errorWorkbook,
      summary,
    };
  });
  const a = outcome.applied;
  return {
    exitCode: 0,
    data: outcome,
    lines: [
      outcome.summary,
      t(env.lang, `已导入 ${a.applied} 条（新增 ${a.new}，变更 ${a.changed}，不变 ${a.unchanged}）`, `Applied ${a.applied} (${a.new} new, ${a.changed} changed, ${a.unchanged} unchanged)`),
      ...(outcome.errorWorkbook ? [t(env.lang, `未导入的行见：${outcome.errorWorkbook}`, `Rows not imported: ${outcome.errorWorkbook}`)] : []),
    ],
  };
}

export const commands: Record<string, (env: CommandEnv) => Promise<CommandOutcome>> = {
  import: importCommand,
  export: exportCommand,
  submission: submissionCommand,
  verify: verifyCommand,
  backup: backupCommand,
  restore: restoreCommand,
  check: checkCommand,
};
