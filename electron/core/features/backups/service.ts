import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import {
  backupWarnAfterDays,
  type BackupKind,
  type BackupRun,
  type BackupStatusInfo,
} from '../../../../shared/contract/backups';
import { backupsToKeep } from '../../../../shared/domain/backupRetention';
import { addDays, daysBetween, todayIso } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { databaseFileName } from '../../db/open';
import type { BackupRunTable, DB } from '../../db/schema';
import { findStored } from '../../files/store';
import { checkOutsideProgramFolders } from '../files/export/paths';
import { diskFullError, isDiskFull, mapDiskFull } from '../../diskFull';
import { createAuditWriter } from '../audit/writer';
import { uuidv7 } from '../../ids';
import {
  createAutoBackupRecipient,
  decryptAutoBackup,
  decryptFile,
  encryptFile,
  encryptFileForRecipient,
  isAutoEncryptedBackup,
  isEncryptedBackup,
  parseRecipient,
  type AutoBackupRecipient,
} from './crypto';
import { checkLedgerFile, fsyncDir, fsyncFile, integrityOk, onlineBackup, sha256OfFile } from './sqliteBackup';

// Where backups live in the data folder:
//   backups/auto/ledger-YYYY-MM-DD.sqlite      the daily automatic backup (kept 7/4/12)
//   backups/manual/…                            a manual backup when no folder was chosen
//   backups/pre-restore-<time>.sqlite           the data as it was just before a restore
//   backups/tmp/                                work files (removed after each operation)
// Every backup is logged in backup_runs, so the settings page can say when the last one ran.

/** The writer of rows no person wrote (the automatic backup, retention). */
export const systemActor = 'system';

export function backupDirs(dataDir: string) {
  const root = join(dataDir, 'backups');
  return { root, auto: join(root, 'auto'), manual: join(root, 'manual'), tmp: join(root, 'tmp') };
}

/**
 * Empties backups/tmp: work files of a backup or restore that was killed midway (a snapshot there
 * is a whole unencrypted copy of the data). Called when the core opens the folder, before anything
 * else can be using it.
 */
export function cleanBackupTemp(dataDir: string): void {
  const dirs = backupDirs(dataDir);
  const remove = (path: string) => {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Open in another program (Windows): tried again at the next start.
    }
  };
  if (existsSync(dirs.tmp)) for (const name of readdirSync(dirs.tmp)) remove(join(dirs.tmp, name));
  // A killed automatic backup's half-written file (never a complete backup: those are renamed).
  if (existsSync(dirs.auto)) for (const name of readdirSync(dirs.auto)) if (name.endsWith('.partial')) remove(join(dirs.auto, name));
}

const autoNamePattern = /^ledger-(\d{4}-\d{2}-\d{2})\.sqlite(?:\.enc)?$/;
export function autoBackupFile(dataDir: string, day: string, encrypted = false): string {
  return join(backupDirs(dataDir).auto, `ledger-${day}.sqlite${encrypted ? '.enc' : ''}`);
}

/** Today's automatic backup, plain or encrypted, if it was taken. */
function takenAutoBackup(dataDir: string, day: string): { file: string; encrypted: boolean } | null {
  for (const encrypted of [true, false]) {
    const file = autoBackupFile(dataDir, day, encrypted);
    if (existsSync(file)) return { file, encrypted };
  }
  return null;
}

/**
 * Test seam for the "killed backup" tests: awaited right after the plaintext snapshot is taken
 * (before it is encrypted or copied). Always null in the program.
 */
export const backupTestHooks: { afterSnapshot: ((snapshotFile: string) => Promise<void> | void) | null } = { afterSnapshot: null };

/** The recipient the automatic backups are encrypted for, or null when they are not encrypted. */
export async function autoBackupRecipient(db: Db): Promise<AutoBackupRecipient | null> {
  const row = await db.selectFrom('backup_keys').select('recipient_json').where('deleted_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
  return row ? parseRecipient(row.recipient_json) : null;
}

/** Local time as YYYYMMDD-HHmmss, for file names a clerk can read and sort. */
function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

type Db = Kysely<DB> | Transaction<DB>;

function toRun(row: BackupRunTable): BackupRun {
  return {
    id: row.id,
    kind: row.kind,
    file: row.file,
    fileName: basename(row.file),
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    encrypted: row.encrypted === 1,
    finishedAt: row.finished_at,
    exists: existsSync(row.file),
  };
}

interface RunRecord {
  kind: BackupKind;
  file: string;
  sizeBytes: number;
  sha256: string;
  encrypted: boolean;
}

function runRow(record: RunRecord, officeCode: string, updatedBy: string, now: Date): BackupRunTable {
  const at = now.toISOString();
  return {
    id: uuidv7(now.getTime()),
    office_code: officeCode,
    created_at: at,
    updated_at: at,
    updated_by: updatedBy,
    deleted_at: null,
    delete_reason: null,
    kind: record.kind,
    file: record.file,
    size_bytes: record.sizeBytes,
    sha256: record.sha256,
    encrypted: record.encrypted ? 1 : 0,
    finished_at: at,
  };
}

async function describe(file: string, kind: BackupKind, encrypted: boolean): Promise<RunRecord> {
  return { kind, file, sizeBytes: statSync(file).size, sha256: await sha256OfFile(file), encrypted };
}

async function officeCodeOf(db: Db): Promise<string | null> {
  const row = await db.selectFrom('office').select('office_code').where('deleted_at', 'is', null).executeTakeFirst();
  return row?.office_code ?? null;
}

function tempFile(dataDir: string, suffix: string, now: Date): string {
  const dir = backupDirs(dataDir).tmp;
  mkdirSync(dir, { recursive: true });
  return join(dir, `${uuidv7(now.getTime())}${suffix}`);
}

/** A verified online-backup copy of the live database in backups/tmp (the caller removes it). */
async function snapshot(dataDir: string, now: Date): Promise<string> {
  const temp = tempFile(dataDir, '.sqlite', now);
  const live = join(dataDir, databaseFileName);
  try {
    await onlineBackup(live, temp);
  } catch (err) {
    rmSync(temp, { force: true });
    // The copy needs about the database's size of free space in the data folder.
    throw mapDiskFull(err, dataDir, statSync(live).size);
  }
  try {
    await backupTestHooks.afterSnapshot?.(temp);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  if (!(await integrityOk(temp))) {
    rmSync(temp, { force: true });
    throw new AppError('INTERNAL', '备份副本未通过完整性检查，未计为备份。请重试；如仍失败，请在命令行运行 check 检查数据文件');
  }
  return temp;
}

// ---------------------------------------------------------------------------------------------
// Automatic backups (the scheduler)

export interface AutoBackupDeps {
  db: Kysely<DB>;
  dataDir: string;
  now: Date;
}

/**
 * Takes today's automatic backup unless it exists. Returns the file written, or null when there
 * was nothing to do (already taken today, or the office is not set up yet: nothing to back up).
 */
export async function takeAutoBackupIfDue({ db, dataDir, now }: AutoBackupDeps): Promise<string | null> {
  const day = todayIso(now);
  const officeCode = await officeCodeOf(db);
  if (!officeCode) return null;
  const taken = takenAutoBackup(dataDir, day);
  if (taken) {
    // Taken already; log it if the log lacks it (the program closed mid-way, or data was restored).
    const logged = await db.selectFrom('backup_runs').select('id').where('file', '=', taken.file).where('deleted_at', 'is', null).executeTakeFirst();
    if (!logged) await db.insertInto('backup_runs').values(runRow(await describe(taken.file, 'auto', taken.encrypted), officeCode, systemActor, now)).execute();
    return null;
  }
  const recipient = await autoBackupRecipient(db);
  const target = autoBackupFile(dataDir, day, recipient !== null);
  mkdirSync(backupDirs(dataDir).auto, { recursive: true });
  const temp = await snapshot(dataDir, now);
  const partial = `${target}.partial`;
  try {
    if (recipient) {
      // Streamed into the backups folder; the plaintext snapshot stays in backups/tmp (inside the
      // data folder, beside the live database) and goes in the finally below.
      await encryptFileForRecipient(temp, partial, recipient);
      renameSync(partial, target);
    } else {
      renameSync(temp, target);
    }
    fsyncDir(backupDirs(dataDir).auto);
  } catch (err) {
    rmSync(partial, { force: true });
    throw mapDiskFull(err, dataDir, statSync(temp).size);
  } finally {
    rmSync(temp, { force: true });
  }
  const record = await describe(target, 'auto', recipient !== null);
  // No person took it: no audit row; the log row names the program as its writer.
  await db.insertInto('backup_runs').values(runRow(record, officeCode, systemActor, now)).execute();
  return target;
}

/**
 * Applies the 7 daily / 4 weekly / 12 monthly rule to the automatic backups (only those: manual
 * and pre-restore copies are the admin's to remove). Returns the files deleted.
 */
export async function applyRetention({ db, dataDir, now }: AutoBackupDeps): Promise<string[]> {
  const dir = backupDirs(dataDir).auto;
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .map((name) => ({ name, match: autoNamePattern.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map((f) => ({ id: join(dir, f.name), at: f.match[1]! }));
  const keep = backupsToKeep(files, todayIso(now));
  const removed: string[] = [];
  for (const f of files) {
    if (keep.has(f.id)) continue;
    try {
      rmSync(f.id, { force: true });
      removed.push(f.id);
    } catch {
      // A copy open in another program (Windows) is tried again at the next check.
    }
  }
  if (removed.length > 0) {
    const at = now.toISOString();
    await db
      .updateTable('backup_runs')
      .set({ deleted_at: at, delete_reason: '按保留规则（7 日 / 4 周 / 12 月）删除', updated_at: at, updated_by: systemActor })
      .where('kind', '=', 'auto')
      .where('deleted_at', 'is', null)
      .where('file', 'in', removed)
      .execute();
  }
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Channels

export async function backupStatus(ctx: HandlerContext): Promise<BackupStatusInfo> {
  const today = ctx.today();
  const last = await ctx.db
    .selectFrom('backup_runs')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where('kind', 'in', ['auto', 'manual'])
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();
  // Until a first backup exists the age counts from the setup day, so a new office is not warned
  // minutes after setup (issue 15 #16); null only when even the setup date is unknown.
  const since = last?.finished_at ?? (await ctx.db.selectFrom('office').select('created_at').where('deleted_at', 'is', null).executeTakeFirst())?.created_at;
  const ageDays = since ? Math.max(0, daysBetween(todayIso(new Date(since)), today)) : null;
  const takenToday = takenAutoBackup(ctx.dataDir, today) !== null;
  return {
    last: last ? { at: last.finished_at, kind: last.kind, file: last.file } : null,
    ageDays,
    warn: ageDays === null || ageDays > backupWarnAfterDays,
    warnAfterDays: backupWarnAfterDays,
    nextAutoDate: takenToday ? addDays(today, 1) : today,
    autoDir: backupDirs(ctx.dataDir).auto,
    autoEncrypted: (await autoBackupRecipient(ctx.db)) !== null,
  };
}

export async function setAutoEncryption(ctx: HandlerContext, input: { enabled: true; passphrase: string } | { enabled: false }): Promise<{ autoEncrypted: boolean }> {
  const user = ctx.requireUser();
  const officeCode = await ctx.officeCode();
  // scrypt before the transaction: the write lock is not held for a tenth of a second of hashing.
  const recipient = input.enabled ? await createAutoBackupRecipient(input.passphrase) : null;
  const at = ctx.nowIso();
  await ctx.mutate(async (tx, audit) => {
    const current = await tx.selectFrom('backup_keys').select('id').where('deleted_at', 'is', null).execute();
    const reason = input.enabled ? '管理员更换了自动备份口令' : '管理员关闭了自动备份加密';
    for (const row of current) {
      await tx.updateTable('backup_keys').set({ deleted_at: at, delete_reason: reason, updated_at: at, updated_by: user.id }).where('id', '=', row.id).execute();
    }
    const id = uuidv7(ctx.clock.now().getTime());
    if (recipient) {
      await tx
        .insertInto('backup_keys')
        .values({ id, office_code: officeCode, created_at: at, updated_at: at, updated_by: user.id, deleted_at: null, delete_reason: null, recipient_json: JSON.stringify(recipient) })
        .execute();
    }
    // The passphrase is never logged, nor anything derived from it.
    await audit.record({
      entity: 'backup',
      entityId: recipient ? id : (current[0]?.id ?? id),
      summary: recipient
        ? current.length > 0
          ? '更换自动备份的加密口令（此前的自动备份仍用原口令恢复）'
          : '开启自动备份加密（恢复这些备份时需要输入口令）'
        : '关闭自动备份加密（此后的自动备份不再加密）',
      before: { autoEncrypted: current.length > 0 },
      after: { autoEncrypted: recipient !== null },
    });
  });
  return { autoEncrypted: recipient !== null };
}

export async function listBackups(ctx: HandlerContext): Promise<{ rows: BackupRun[]; autoDir: string; manualDir: string }> {
  const rows = await ctx.db.selectFrom('backup_runs').selectAll().where('deleted_at', 'is', null).orderBy('finished_at', 'desc').execute();
  const dirs = backupDirs(ctx.dataDir);
  return { rows: rows.map(toRun), autoDir: dirs.auto, manualDir: dirs.manual };
}

function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function runManualBackup(ctx: HandlerContext, input: { targetDir?: string | undefined; passphrase?: string | undefined }): Promise<BackupRun> {
  const user = ctx.requireUser();
  const officeCode = await ctx.officeCode();
  const now = ctx.clock.now();
  const dir = input.targetDir ?? backupDirs(ctx.dataDir).manual;
  if (!isAbsolute(dir)) {
    throw new AppError('INVALID_INPUT', '请填写完整的文件夹路径（例如 E:\\台账备份 或 /media/u盘/备份）', { targetDir: '请填写完整的文件夹路径' });
  }
  const targetDir = resolve(dir);
  // A whole copy of the data must not land where the browser host serves files (or elsewhere in
  // the program's own folders, bar the data folder's backups).
  checkOutsideProgramFolders(targetDir, ctx.dataDir, [backupDirs(ctx.dataDir).root]);
  try {
    mkdirSync(targetDir, { recursive: true });
  } catch {
    throw new AppError('RULE', `无法写入文件夹“${targetDir}”：请检查U盘是否插好、是否写保护，或换一个文件夹`, { targetDir: '无法写入这个文件夹' });
  }
  const encrypted = input.passphrase !== undefined;
  const name = `ledger-${officeCode}-${stamp(now)}.sqlite${encrypted ? '.enc' : ''}`;
  const final = join(targetDir, name);
  const partial = `${final}.partial`;
  const snap = await snapshot(ctx.dataDir, now);
  try {
    try {
      if (input.passphrase !== undefined) {
        await encryptFile(snap, partial, input.passphrase);
      } else {
        copyFileSync(snap, partial);
        fsyncFile(partial);
        // Read back from the drive: the copy on the stick must be the snapshot, byte for byte.
        if ((await sha256OfFile(partial)) !== (await sha256OfFile(snap))) {
          throw new AppError('RULE', '写入U盘后读回的内容与原数据不一致，备份无效。请换一个U盘或文件夹重试');
        }
      }
      renameSync(partial, final);
      fsyncDir(targetDir);
    } catch (err) {
      rmSync(partial, { force: true });
      if (err instanceof AppError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      if (isDiskFull(err)) throw diskFullError(targetDir, statSync(snap).size);
      throw new AppError('RULE', `写入“${targetDir}”失败，备份未完成（可能U盘被拔出或写保护）。请检查后重试（${message.slice(0, 80)}）`);
    }
  } finally {
    rmSync(snap, { force: true });
  }
  const record = await describe(final, 'manual', encrypted);
  const row = runRow(record, officeCode, user.id, now);
  await ctx.mutate(async (tx, audit) => {
    await tx.insertInto('backup_runs').values(row).execute();
    await audit.record({
      entity: 'backup',
      entityId: row.id,
      summary: `手动备份数据到 ${final}（${humanSize(record.sizeBytes)}，${encrypted ? '已加密' : '未加密'}）`,
      after: { file: final, sizeBytes: record.sizeBytes, sha256: record.sha256, encrypted },
    });
  });
  return toRun(row);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A backup id from the list, a staged file (picked in the window) or a full path → the file. */
async function resolveRestoreSource(ctx: HandlerContext, file: string): Promise<string> {
  if (uuidPattern.test(file)) {
    const run = await ctx.db.selectFrom('backup_runs').select('file').where('id', '=', file).where('deleted_at', 'is', null).executeTakeFirst();
    if (run) return run.file;
    const staged = findStored(ctx.dataDir, 'staging', file);
    if (staged) return staged.path;
    throw new AppError('NOT_FOUND', '找不到这份备份（可能已按保留规则删除），请从列表中重新选择');
  }
  if (!isAbsolute(file)) throw new AppError('INVALID_INPUT', '请填写备份文件的完整路径', { file: '请填写完整路径' });
  return resolve(file);
}

export interface RestoreResult {
  restoredFrom: string;
  preRestoreFile: string;
  officeName: string;
  signedOut: true;
}

export async function restoreBackup(ctx: HandlerContext, input: { file: string; passphrase?: string | undefined }): Promise<RestoreResult> {
  const user = ctx.requireUser();
  const source = await resolveRestoreSource(ctx, input.file);
  if (!existsSync(source) || !statSync(source).isFile()) {
    throw new AppError('NOT_FOUND', `找不到备份文件“${source}”，请检查路径或U盘是否插好`, { file: '找不到这个文件' });
  }
  const live = join(ctx.dataDir, databaseFileName);
  if (resolve(source) === resolve(live)) throw new AppError('RULE', '这是正在使用的数据文件本身，不能用它恢复。请选择一份备份');
  const now = ctx.clock.now();

  // 1. A private, checked copy: decrypted if need be. Nothing of the live data is touched yet.
  const checked = tempFile(ctx.dataDir, '.sqlite', now);
  try {
    if (isAutoEncryptedBackup(source)) {
      if (!input.passphrase) {
        throw new AppError('INVALID_INPUT', '这份自动备份已加密，请输入管理员设置的自动备份口令', { passphrase: '请输入口令' });
      }
      await decryptAutoBackup(source, checked, input.passphrase);
    } else if (isEncryptedBackup(source)) {
      if (!input.passphrase) {
        throw new AppError('INVALID_INPUT', '这份备份已加密，请输入备份时设置的口令', { passphrase: '请输入口令' });
      }
      await decryptFile(source, checked, input.passphrase);
    } else {
      copyFileSync(source, checked);
    }
    const info = await checkLedgerFile(checked);

    // 2. The data as it is now, kept as a copy (and its log carried into the restored data below).
    const carried = await ctx.db.selectFrom('backup_runs').selectAll().execute();
    const preRestoreFile = join(backupDirs(ctx.dataDir).root, `pre-restore-${stamp(now)}.sqlite`);
    mkdirSync(backupDirs(ctx.dataDir).root, { recursive: true });
    await onlineBackup(live, preRestoreFile);
    if (!(await integrityOk(preRestoreFile))) {
      rmSync(preRestoreFile, { force: true });
      throw new AppError('INTERNAL', '恢复前保留当前数据的副本失败，未做恢复。请检查磁盘空间后重试');
    }
    const preRecord = await describe(preRestoreFile, 'pre-restore', false);

    // 3. The swap: the core closes the database, we replace the file, the core reopens and migrates it.
    await ctx.replaceDatabase(async (dbFile) => {
      const incoming = `${dbFile}.restoring`;
      copyFileSync(checked, incoming);
      fsyncFile(incoming);
      // The database was closed cleanly (checkpointed), so -wal/-shm hold nothing of value; a stale
      // WAL must never be replayed onto the restored file, so they go before the rename.
      rmSync(`${dbFile}-wal`, { force: true });
      rmSync(`${dbFile}-shm`, { force: true });
      renameSync(incoming, dbFile);
      fsyncDir(ctx.dataDir);
    });

    // 4. In the restored data: the backup log continues, and the restore is on the record.
    // The swap signed every session out, this one too: the audit names the admin captured above.
    const officeCode = await ctx.officeCode();
    const preRow = runRow(preRecord, officeCode, user.id, now);
    await ctx.mutate(async (tx) => {
      const audit = createAuditWriter(tx, async () => ({
        userId: user.id,
        userName: user.displayName,
        officeCode,
        channel: ctx.channel,
        at: ctx.nowIso(),
      }));
      for (const row of carried) await tx.insertInto('backup_runs').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();
      await tx.insertInto('backup_runs').values(preRow).execute();
      await audit.record({
        entity: 'backup',
        entityId: preRow.id,
        summary: `从备份恢复数据：${source}；恢复前的数据（含此后的操作日志）已另存为 ${preRestoreFile}`,
        after: { restoredFrom: source, preRestoreFile, migrations: info.migrations.length },
      });
    });
    return { restoredFrom: source, preRestoreFile, officeName: info.officeName ?? '', signedOut: true };
  } finally {
    rmSync(checked, { force: true });
  }
}
