import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { databaseFileName } from '../../db/open';
import { findStored } from '../../files/store';
import { createAuditWriter } from '../../auditWriter';
import { decryptAutoBackup, decryptFile, isAutoEncryptedBackup, isEncryptedBackup } from './crypto';
import { checkLedgerFile, fsyncDir, fsyncFile, integrityOk, onlineBackup } from './sqliteBackup';
import { backupDirs, describe, runRow, stamp, tempFile } from './store';

// Restoring a backup: check it, keep the current data as pre-restore, then swap the file in.

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
