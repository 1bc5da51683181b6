import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { channels, isChannelName, mayCall, roleLabels, type ChannelName } from '../../shared/contract';
import { AppError, type AppErrorShape, type Result } from '../../shared/lib/result';
import { todayIso } from '../../shared/lib/dates';
import type { Clock, HandlerContext } from './context';
import { systemClock } from './context';
import { databaseFileName, openDatabase } from './db/open';
import { startWalCheckpointer, type WalCheckpointer } from './db/checkpointer';
import { join } from 'node:path';
import { acquireFolderLock, type FolderLock, type ProgramKind } from './lock';
import { estimatedNeed, isDiskFull, diskFullError } from './diskFull';
import { cleanBackupTemp } from './features/backups/service';
import { catchUpSearchKeysSoon, searchCatchUpKind } from './features/search/catchUp';
import { clearFormChanges } from './features/forms/signatureTodos';
import { importPendingAudit, pendingAuditWriter, writePendingAudit } from './pendingAudit';
import type { StoredFile } from '../../shared/contract/fileRefs';
import { cleanOldFiles, findStored, stageUpload, stageUploadStream } from './files/store';
import { JobRegistry } from './jobs';
import { startBackupSchedule } from './features/backups/scheduler';
import type { DB } from './db/schema';
import { createAuditWriter, type AuditWriter } from './auditWriter';
import type { Handler } from './handler';
import { handlers } from './handlers';
import { SessionStore, type Session } from './sessions';
import { inOneTransaction } from './transaction';

export interface Core {
  /** Parses, checks the caller, runs the handler and returns `{ ok, data | error }`; never throws. */
  invoke(channel: string, input: unknown, sessionKey: string): Promise<Result<unknown>>;
  /**
   * Runs a channel as the program itself (the command line, scheduled tasks): no session, acting
   * as an administrator named `actorName` in the audit log. The input is parsed as usual.
   */
  invokeAsSystem(actorName: string, channel: string, input: unknown): Promise<Result<unknown>>;
  /** Keeps bytes the clerk picked (browser upload, desktop open dialog) for a signed-in session. */
  stageUpload(sessionKey: string, fileName: string, bytes: Buffer): Result<StoredFile>;
  /**
   * Streams an upload into staging for a signed-in session (refused with NOT_SIGNED_IN before a
   * byte is read); an error the source throws (too large) propagates after the partial file is gone.
   */
  stageUploadStream(sessionKey: string, fileName: string, source: AsyncIterable<Buffer>): Promise<StoredFile>;
  /** True when that session is signed in and not locked (checked before an upload is read). */
  isSignedIn(sessionKey: string): boolean;
  /** Moves a session to a fresh key (the browser host's new cookie at sign-in, against fixation). */
  renewSession(oldKey: string, newKey: string): void;
  /** A produced file (export, document) for a signed-in session, or null. */
  outboxFile(sessionKey: string, fileId: string): (StoredFile & { path: string }) | null;
  /** The current connection; it changes after a restore. */
  readonly db: Kysely<DB>;
  readonly dataDir: string;
  readonly backupFile: string | null;
  readonly jobs: JobRegistry;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** Where unexpected errors are reported; tests silence it. */
  logError?: (err: unknown) => void;
  /** The daily automatic backup (both hosts turn it on; tests leave it off unless they test it). */
  autoBackup?: boolean;
  /** Who opens the folder, named in the lock so a second opener is told who holds it. */
  program?: ProgramKind;
  /**
   * Opens the database read-only and takes no lock (the command line's export while another
   * program holds the folder): no migrations, no writes; the audit rows of what it does (an export)
   * are left in the folder for the holder to add to the log.
   */
  readOnly?: boolean;
}

/** Who owns the jobs the core starts by itself (no session reads them). */
const coreJobOwner = 'core';

/** Channels that must not count as activity: the UI polls them without a person at the keys. */
const passiveChannels = new Set<ChannelName>(['users.me', 'settings.status', 'jobs.get']);
/** Channels a locked session may still call (to unlock or to sign out). */
const lockedChannels = new Set<ChannelName>(['users.me', 'users.unlock', 'users.logout', 'users.lock', 'settings.status']);
/** Channels a session signed in with an admin-chosen password may call before changing it. */
const passwordChangeChannels = new Set<ChannelName>(['users.me', 'users.changePassword', 'users.logout', 'users.lock', 'users.touch', 'settings.status']);

interface OfficeCache {
  code: string;
  idleMinutes: number;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? ((err: unknown) => console.error(err));
  const readOnly = options.readOnly === true;
  // One writer per folder: the lock comes before the database is opened (or migrated).
  const lock: FolderLock | null = readOnly ? null : acquireFolderLock(options.dataDir, options.program ?? 'core');
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  let checkpointer: WalCheckpointer | null = null;
  const jobs = new JobRegistry(() => clock.now().getTime(), logError);
  try {
    opened = await openDatabase({ dataDir: options.dataDir, now: () => clock.now(), readOnly });
    if (!readOnly) {
      // The log's copy into the database file runs beside the writes, not inside their commits (db/checkpointer.ts).
      checkpointer = await startWalCheckpointer(opened.db, opened.file);
      await importPendingAudit(opened.db, options.dataDir);
      // The 签字已失效 check's notes of changed cases (migration 0028) since the last opening.
      await clearFormChanges(opened.db);
      // A backup killed midway leaves its work files (possibly a whole unencrypted copy) here.
      cleanBackupTemp(options.dataDir);
      // Search keys for rows written by the seed, outside the program, or by an import whose
      // catch-up the last closing cut short: a few at once, many in the background (search/catchUp.ts).
      await catchUpSearchKeysSoon(opened.db, (run) => jobs.start(searchCatchUpKind, coreJobOwner, run));
    }
  } catch (err) {
    await checkpointer?.stop().catch(() => undefined);
    lock?.release();
    throw isDiskFull(err) ? diskFullError(options.dataDir, estimatedNeed(options.dataDir)) : err;
  }
  let db = opened.db;
  const sessions = new SessionStore();
  if (!readOnly) cleanOldFiles(options.dataDir, clock.now().getTime());
  let replacing: Promise<void> | null = null;
  let office: OfficeCache | null = null;

  async function loadOffice(): Promise<OfficeCache | null> {
    if (office) return office;
    const row = await db.selectFrom('office').select(['office_code', 'idle_minutes']).where('deleted_at', 'is', null).executeTakeFirst();
    office = row ? { code: row.office_code, idleMinutes: row.idle_minutes } : null;
    return office;
  }

  async function replaceDatabase(fn: (databaseFile: string) => Promise<void>): Promise<void> {
    if (readOnly) throw new AppError('CONFLICT', '数据文件夹正被另一个程序使用，此处只能读取，不能恢复。请在那个程序中恢复，或先关闭它');
    if (replacing) throw new AppError('CONFLICT', '正在恢复数据，请稍候');
    // The search keys' catch-up resumes on the database that comes back; an import or an export waits.
    await jobs.cancelKind(searchCatchUpKind);
    if (jobs.busy()) throw new AppError('CONFLICT', '还有导入、导出或打印任务在进行，请等它完成后再恢复');
    const run = (async () => {
      await checkpointer?.stop();
      await db.destroy();
      try {
        await fn(join(options.dataDir, databaseFileName));
      } finally {
        const reopened = await openDatabase({ dataDir: options.dataDir, now: () => clock.now() });
        db = reopened.db;
        checkpointer = await startWalCheckpointer(db, reopened.file);
        office = null;
        sessions.signOutAll();
      }
      // The restore is done: a failure here leaves the notes for the next start, not a failed restore.
      await catchUpSearchKeysSoon(db, (job) => jobs.start(searchCatchUpKind, coreJobOwner, job)).catch(logError);
    })();
    replacing = run;
    try {
      await run;
    } finally {
      replacing = null;
    }
  }

  function contextFor(channel: ChannelName, session: Session): HandlerContext {
    const ctx: HandlerContext = {
      db,
      jobs: {
        start: (kind, run) =>
          jobs.start(kind, session.key, async (control) => {
            try {
              return await run(control);
            } catch (err) {
              throw mapFailure(err);
            }
          }),
        get: (id) => jobs.get(id, session.key),
        cancel: (id) => jobs.cancel(id, session.key),
      },
      replaceDatabase,
      clock,
      channel,
      session,
      dataDir: options.dataDir,
      requireUser() {
        if (!session.user) throw new AppError('NOT_SIGNED_IN', '请先登录');
        return session.user;
      },
      async officeCode() {
        const o = await loadOffice();
        if (!o) throw new AppError('NOT_CONFIGURED', '尚未完成首次设置，请先填写单位和村组信息');
        return o.code;
      },
      invalidateOffice() {
        office = null;
      },
      signOutUser: (userId, exceptSessionKey) => sessions.signOutUser(userId, exceptSessionKey),
      nowIso: () => clock.now().toISOString(),
      today: () => todayIso(clock.now()),
      mutate(fn) {
        if (readOnly) return readOnlyMutate(fn, ctx);
        return db.transaction().execute((tx) =>
          fn(
            tx,
            createAuditWriter(tx, async () => ({
              userId: session.user?.id ?? null,
              userName: session.user?.displayName ?? '（未登录）',
              officeCode: await ctx.officeCode(),
              channel,
              at: ctx.nowIso(),
            })),
          ),
        );
      },
    };
    return ctx;
  }

  async function invoke(name: string, rawInput: unknown, sessionKey: string, systemSession?: Session): Promise<Result<unknown>> {
    try {
      if (!isChannelName(name)) throw new AppError('NOT_FOUND', `程序没有"${name}"这项功能，请更新程序或联系技术支持`);
      const def = channels[name];
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      if (replacing) await replacing.catch(() => undefined);

      const nowMs = clock.now().getTime();
      const session = systemSession ?? sessions.get(sessionKey, nowMs);
      const o = await loadOffice();
      sessions.applyIdleLock(session, nowMs, o?.idleMinutes ?? 15);
      if (def.access !== 'public') {
        if (!session.user) throw new AppError('NOT_SIGNED_IN', '请先登录');
        if (session.locked && !lockedChannels.has(name)) {
          throw new AppError('LOCKED', '长时间未操作，程序已锁定。请输入密码解锁后继续');
        }
        if (session.mustChangePassword && !passwordChangeChannels.has(name)) {
          throw new AppError('FORBIDDEN', '该账号的密码由管理员设置，请先修改密码后再继续操作');
        }
        if (!mayCall(def.access, session.user.role)) {
          throw new AppError('FORBIDDEN', `当前账号（${roleLabels[session.user.role]}）无权进行此操作，如需办理请联系管理员`);
        }
      }
      if (session.user && !session.locked && !passiveChannels.has(name)) session.lastActiveMs = nowMs;

      const handler = handlers[name] as Handler<ChannelName>;
      const run = (ctx: HandlerContext) => handler(parsed.data as never, ctx);
      // One channel, one transaction: a mutating handler and every service it calls write in the
      // transaction opened here, so a failure after the first write leaves nothing (nor its audit
      // rows). A channel declared `ownTransaction` opens its own (see channel.ts); a read-only
      // core has no transaction to open (readOnlyMutate).
      const inTransaction = def.mutates && def.ownTransaction !== true && !readOnly;
      const output = inTransaction ? await inOneTransaction(contextFor(name, session), run) : await run(contextFor(name, session));
      const checked = def.output.safeParse(output);
      if (!checked.success) {
        logError(new Error(`${name} returned data that does not match its contract: ${checked.error.message}`));
        throw new AppError('INTERNAL', '程序内部错误：返回的数据不完整。数据未改动，请重试或联系技术支持');
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      return { ok: false, error: toErrorShape(mapFailure(err), logError) };
    }
  }

  /** A full disk, whichever layer noticed it, becomes the one message with the space missing. */
  function mapFailure(err: unknown): unknown {
    return isDiskFull(err) ? diskFullError(options.dataDir, estimatedNeed(options.dataDir)) : err;
  }

  /**
   * A read-only core's "transaction": the handler's writes fail (the connection is read-only); its
   * audit rows are kept in the folder and added to the log by the next program that opens it for writing.
   */
  async function readOnlyMutate<T>(fn: (tx: Transaction<DB>, audit: AuditWriter) => Promise<T>, ctx: HandlerContext): Promise<T> {
    const pending = pendingAuditWriter(async () => ({
      userId: ctx.session.user?.id ?? null,
      userName: ctx.session.user?.displayName ?? '（未登录）',
      officeCode: await ctx.officeCode(),
      channel: ctx.channel,
      at: ctx.nowIso(),
    }));
    // Writes through `db` fail with SQLITE_READONLY: the connection was opened read-only.
    const result = await fn(db as unknown as Transaction<DB>, pending.writer);
    writePendingAudit(options.dataDir, pending.rows);
    return result;
  }

  const signedIn = (sessionKey: string): boolean => {
    const session = sessions.get(sessionKey, clock.now().getTime());
    return session.user !== null && !session.locked;
  };

  const backups = options.autoBackup && !readOnly ? startBackupSchedule({ getDb: () => db, dataDir: options.dataDir, clock, logError }) : null;

  return {
    invoke: (name, input, sessionKey) => invoke(name, input, sessionKey),
    invokeAsSystem: (actorName, name, input) =>
      invoke(name, input, 'system', {
        key: `system-${actorName}`,
        user: { id: 'system', username: 'system', displayName: actorName, role: 'admin' },
        locked: false,
        mustChangePassword: false,
        lastActiveMs: clock.now().getTime(),
      }),
    stageUpload(sessionKey, fileName, bytes) {
      if (!signedIn(sessionKey)) return { ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录后再选择文件' } };
      try {
        return { ok: true, data: stageUpload(options.dataDir, fileName, bytes) };
      } catch (err) {
        return { ok: false, error: toErrorShape(isDiskFull(err) ? diskFullError(options.dataDir, bytes.length + estimatedNeed(options.dataDir)) : err, logError) };
      }
    },
    async stageUploadStream(sessionKey, fileName, source) {
      if (!signedIn(sessionKey)) throw new AppError('NOT_SIGNED_IN', '请先登录后再选择文件');
      return stageUploadStream(options.dataDir, fileName, source);
    },
    isSignedIn: signedIn,
    renewSession: (oldKey, newKey) => sessions.renew(oldKey, newKey, clock.now().getTime()),
    outboxFile: (sessionKey, fileId) => (signedIn(sessionKey) ? findStored(options.dataDir, 'outbox', fileId) : null),
    get db() {
      return db;
    },
    dataDir: options.dataDir,
    backupFile: opened.backupFile,
    jobs,
    async close() {
      backups?.stop();
      // Keys not built yet stay noted in search_dirty: the next start builds them.
      await jobs.cancelKind(searchCatchUpKind);
      await jobs.waitAll();
      try {
        // The second connection first: the program's own, closing last, copies what is left of the log.
        await checkpointer?.stop();
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}

function invalidInput(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in fields)) fields[path] = issue.message;
  }
  const first = error.issues[0]?.message ?? '填写有误';
  const more = error.issues.length > 1 ? `（共 ${error.issues.length} 处需要修改）` : '';
  return new AppError('INVALID_INPUT', `${first}${more}`, fields);
}

function toErrorShape(err: unknown, logError: (err: unknown) => void): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  const message = err instanceof Error ? err.message : String(err);
  if (/SQLITE_CONSTRAINT/.test(message) && /ux_members_current_id_number|members\.id_number/.test(message)) {
    return { code: 'DUPLICATE_ID', message: '该身份证号已登记在另一户的在册成员中，请核对后再录入' };
  }
  if (/SQLITE_BUSY|SQLITE_LOCKED/.test(message)) {
    return { code: 'CONFLICT', message: '数据文件正被其他程序占用，请稍后重试' };
  }
  if (/SQLITE_READONLY/.test(message)) {
    return { code: 'CONFLICT', message: '数据文件夹正被另一个程序使用，此处只能读取，不能保存。请在那个程序中操作，或先关闭它' };
  }
  logError(err);
  return { code: 'INTERNAL', message: `程序内部错误，操作未保存，请重试；如仍出错请联系技术支持（${message.slice(0, 120)}）` };
}
