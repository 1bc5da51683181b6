import { join, resolve } from 'node:path';
import { backupKindLabels, type BackupRun } from '../../shared/contract/backups';
import { databaseFileName } from '../core/db/open';
import { currentHolder, heldMessage } from '../core/lock';
import { checkDataFile } from './check';
import { localDateTimeText } from '../../shared/lib/dates';
import {
  type CommandEnv,
  CommandFailed,
  type CommandOutcome,
  call,
  dataDirOf,
  noPositionals,
  onePositional,
  passphraseOf,
  sizeText,
  t,
  withCore,
} from './commandKit';

// The data folder's own commands: backup, restore and check.

export async function backupCommand(env: CommandEnv): Promise<CommandOutcome> {
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

export async function restoreCommand(env: CommandEnv): Promise<CommandOutcome> {
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

export async function checkCommand(env: CommandEnv): Promise<CommandOutcome> {
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
