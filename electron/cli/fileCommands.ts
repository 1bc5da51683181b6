import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { exportResultSchema, submissionResultSchema, verifyFileStatusLabels, type VerifyReport } from '../../shared/contract/fileExport';
import { importApplyResultSchema, importPreviewSchema } from '../../shared/contract/fileImport';
import { exportLedgers, type ExportLedger } from '../../shared/domain/ledgerLayouts';
import { importKindLabels, sheetKinds, type ImportSource } from '../../shared/domain/importFields';
import { AppError } from '../../shared/lib/result';
import { currentHolder } from '../core/lock';
import { findStored, stageUpload } from '../core/files/store';
import { copyFileComplete } from '../core/files/export/sink';
import { deliverFile } from '../core/features/files/export/deliver';
import { checkExportFileName, checkOutsideProgramFolders } from '../core/files/export/paths';
import { UsageError } from './args';
import { resolveExportFilters } from './exportFilters';
import { decide, decisionOptions, missingLines } from './importDecisions';
import { settingsChannels } from '../../shared/contract/settings';
import {
  type CommandEnv,
  CommandFailed,
  type CommandOutcome,
  call,
  dataDirOf,
  noPositionals,
  onePositional,
  requireFlag,
  runJob,
  t,
  withCore,
  withReadingCore,
} from './commandKit';

// The commands about files: verify a printed or exported file, the submission package, export, import.

export async function verifyCommand(env: CommandEnv): Promise<CommandOutcome> {
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

export async function submissionCommand(env: CommandEnv): Promise<CommandOutcome> {
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

export async function exportCommand(env: CommandEnv): Promise<CommandOutcome> {
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

export async function importCommand(env: CommandEnv): Promise<CommandOutcome> {
  const file = resolve(env.cwd, onePositional(env, t(env.lang, '要导入的文件', 'the file to import')));
  // Without --kind the file is read as the national system's export: households, incomes and
  // cases in one preview and one transaction (issue 11).
  const kindFlag = env.args.flags.get('--kind');
  if (kindFlag !== undefined && !(sheetKinds as readonly string[]).includes(kindFlag)) {
    throw new UsageError(t(env.lang, `--kind 应为 ${sheetKinds.join('、')} 之一（不写时按国家系统导出名单导入）`, `--kind must be one of ${sheetKinds.join(', ')} (leave it out for a national export)`));
  }
  const kind = (kindFlag ?? 'national') as ImportSource;
  const modeFlag = env.args.flags.get('--mode') ?? 'all-or-nothing';
  if (!(modeFlag in importModesByFlag)) throw new UsageError(t(env.lang, '--mode 应为 all-or-nothing 或 valid-only', '--mode must be all-or-nothing or valid-only'));
  const mode = importModesByFlag[modeFlag as keyof typeof importModesByFlag];
  if (!existsSync(file)) throw new CommandFailed({ code: 'NOT_FOUND', message: t(env.lang, `找不到文件“${file}”`, `File not found: ${file}`) });
  const dataDir = dataDirOf(env, true)!;
  const decisionOpts = decisionOptions(env);

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
    // A monthly refresh: the households that change and the 文件中已无 rows, each decided by an option.
    const refresh = { changedHouseholds: preview.refresh?.changedTotal ?? 0, missing: preview.refresh?.missing ?? [] };
    if (refresh.changedHouseholds > 0) env.progress(t(env.lang, `  有变化的户 ${refresh.changedHouseholds}`, `  ${refresh.changedHouseholds} households change`));
    const decided = decide(env, refresh.missing, decisionOpts);
    const previewData = { kind: preview.kind, counts: preview.counts, parts: preview.parts, incomeYear: preview.incomeYear, duplicateRows: preview.duplicateRows, invalidTotal: preview.invalidTotal, sha256: preview.sha256 };
    if (!decided.ok) return { undecided: decided.undecided, preview: previewData, refresh, summary };
    const { decisions } = decided;
    const applied = await runJob(core, env, 'files.importApply', { previewId: preview.previewId, mode, decisions }, importApplyResultSchema);
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
    const byId = new Map(decisions.map((d) => [d.id, d]));
    return {
      undecided: null,
      preview: previewData,
      refresh: { changedHouseholds: refresh.changedHouseholds, missing: refresh.missing.map((m) => ({ ...m, decision: byId.get(m.id)! })) },
      applied: applied.counts,
      parts: applied.parts,
      errorWorkbook,
      summary,
    };
  });
  if (outcome.undecided) {
    // Nothing was written: the clerk names the choice and runs the command again.
    const { undecided, ...data } = outcome;
    return {
      exitCode: 2,
      data: { ...data, undecided },
      error: {
        code: 'DECISION_NEEDED',
        message: t(
          env.lang,
          `“文件中已无”有 ${undecided.length} 行（户或成员）没有处理决定，未导入任何数据。请加上 --missing keep（全部保留），或 --missing leave --leave-as 迁出 --leave-reason 原因 --leave-date 日期（全部减员），或用 --decisions 文件 逐行指定，再运行一次`,
          `${undecided.length} row(s) no longer in the file have no decision; nothing was imported. Add --missing keep, or --missing leave --leave-as movedOut --leave-reason TEXT --leave-date YYYY-MM-DD, or --decisions FILE, and run again`,
        ),
      },
      lines: [outcome.summary, ...missingLines(env, undecided, null)],
    };
  }
  const a = outcome.applied;
  return {
    exitCode: 0,
    data: outcome,
    lines: [
      outcome.summary,
      ...(outcome.refresh.changedHouseholds > 0 ? [t(env.lang, `有变化的户：${outcome.refresh.changedHouseholds}`, `Households changed: ${outcome.refresh.changedHouseholds}`)] : []),
      ...missingLines(env, outcome.refresh.missing, outcome.refresh.missing.map((m) => m.decision)),
      t(env.lang, `已导入 ${a.applied} 条（新增 ${a.new}，变更 ${a.changed}，不变 ${a.unchanged}）`, `Applied ${a.applied} (${a.new} new, ${a.changed} changed, ${a.unchanged} unchanged)`),
      ...(outcome.errorWorkbook ? [t(env.lang, `未导入的行见：${outcome.errorWorkbook}`, `Rows not imported: ${outcome.errorWorkbook}`)] : []),
    ],
  };
}
