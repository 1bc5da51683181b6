import { copyFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { backupWarnAfterDays, type BackupRun, type BackupStatusInfo } from '../../../../shared/contract/backups';
import { addDays, daysBetween, todayIso } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { checkOutsideProgramFolders } from '../../files/export/paths';
import { diskFullError, isDiskFull } from '../../diskFull';
import { uuidv7 } from '../../ids';
import { createAutoBackupRecipient, encryptFile } from './crypto';
import { fsyncDir, fsyncFile, sha256OfFile } from './sqliteBackup';
import { autoBackupRecipient, backupDirs, describe, runRow, snapshot, stamp, takenAutoBackup, toRun } from './store';
import { backupRecipient } from '../../db/jsonColumns';

// The 数据备份 page: status, encryption of the automatic backups, the list, a backup on request.

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
        .values({ id, office_code: officeCode, created_at: at, updated_at: at, updated_by: user.id, deleted_at: null, delete_reason: null, recipient_json: backupRecipient.encode(recipient) })
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
