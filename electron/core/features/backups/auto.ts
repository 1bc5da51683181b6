import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { backupsToKeep } from '../../../../shared/domain/backupRetention';
import { todayIso } from '../../../../shared/lib/dates';
import type { DB } from '../../db/schema';
import { mapDiskFull } from '../../diskFull';
import { encryptFileForRecipient } from './crypto';
import { fsyncDir } from './sqliteBackup';
import {
  autoBackupFile,
  autoBackupRecipient,
  autoNamePattern,
  backupDirs,
  describe,
  officeCodeOf,
  runRow,
  snapshot,
  systemActor,
  takenAutoBackup,
} from './store';

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
