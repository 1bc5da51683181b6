import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, InputOf, OutputOf, Role } from '../../shared/contract';
import type { Village } from '../../shared/contract/settings';
import type { AppErrorShape } from '../../shared/lib/result';
import { createCore, type Core } from '../../electron/core/core';

/** A clock a test can set, so "today" and idle time are the test's to decide. */
export class TestClock {
  private ms: number;
  constructor(iso = '2026-03-10T02:00:00.000Z') {
    this.ms = Date.parse(iso);
  }
  now = (): Date => new Date(this.ms);
  set(iso: string): void {
    this.ms = Date.parse(iso.length === 10 ? `${iso}T02:00:00.000Z` : iso);
  }
  advanceMinutes(n: number): void {
    this.ms += n * 60_000;
  }
}

export const adminPassword = 'Admin1234';
export const userPassword = 'Passw0rd1';

export const setupInput = {
  countyName: '明溪县',
  countyCode: '350421',
  townshipName: '城关乡',
  townshipCode: '350421101',
  phone: '0598-2812345',
  villages: [
    { name: '坪埠村', code: '350421101001', groups: ['一组', '二组', '三组'] },
    { name: '旦上村', code: '350421101002', groups: ['一组', '二组'] },
  ],
  admin: { username: 'admin', displayName: '林主任', password: adminPassword },
} satisfies InputOf<'settings.setup'>;

export class CallError extends Error {
  constructor(readonly error: AppErrorShape) {
    super(`${error.code}: ${error.message}`);
  }
}

export interface TestOffice {
  core: Core;
  dataDir: string;
  clock: TestClock;
  villages: Village[];
  /** Calls as the admin unless another session key is given; throws CallError on refusal. */
  call<C extends ChannelName>(channel: C, input: InputOf<C>, session?: string): Promise<OutputOf<C>>;
  /** Calls and expects a refusal; returns the error shape. */
  fail<C extends ChannelName>(channel: C, input: unknown, session?: string): Promise<AppErrorShape>;
  /** Creates a user with that role (once per role) and returns a signed-in session key. */
  loginAs(role: Role): Promise<string>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Reuse an existing data folder (to test re-opening); setup is skipped if already done. */
  dataDir?: string;
  setup?: boolean;
  clock?: TestClock;
}

export async function openTestOffice(options: OpenOptions = {}): Promise<TestOffice> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const clock = options.clock ?? new TestClock();
  const core = await createCore({ dataDir, clock, logError: () => {} });
  const adminSession = 'admin-session';

  async function call<C extends ChannelName>(channel: C, input: InputOf<C>, session = adminSession): Promise<OutputOf<C>> {
    const result = await core.invoke(channel, input, session);
    if (!result.ok) throw new CallError(result.error);
    return result.data as OutputOf<C>;
  }
  async function fail<C extends ChannelName>(channel: C, input: unknown, session = adminSession): Promise<AppErrorShape> {
    const result = await core.invoke(channel, input, session);
    if (result.ok) throw new Error(`${channel} should have been refused but returned ${JSON.stringify(result.data)}`);
    return result.error;
  }

  let villages: Village[] = [];
  if (options.setup !== false) {
    const status = await call('settings.status', {});
    if (!status.configured) await call('settings.setup', setupInput);
    await call('users.login', { username: 'admin', password: adminPassword });
    villages = (await call('settings.office', {})).villages;
  }

  const roleSessions = new Map<Role, string>();
  async function loginAs(role: Role): Promise<string> {
    const existing = roleSessions.get(role);
    if (existing) return existing;
    const username = `${role}1`;
    const users = await call('users.list', {});
    if (!users.rows.some((u) => u.username === username)) {
      await call('users.create', { username, displayName: `${role}测试`, role, password: userPassword });
    }
    const session = `${role}-session`;
    const { mustChangePassword } = await call('users.login', { username, password: userPassword }, session);
    // A new account must change the admin's password first (the core refuses all else until then);
    // the user sets the same test password again, which clears the rule as a real change would.
    if (mustChangePassword) await call('users.changePassword', { oldPassword: userPassword, newPassword: userPassword }, session);
    roleSessions.set(role, session);
    return session;
  }

  return {
    core,
    dataDir,
    clock,
    villages,
    call,
    fail,
    loginAs,
    close: async () => {
      await core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Setup takes a first automatic backup (issue 15 #16). Tests about backups themselves start from
 * an office without one: its file goes and its log row is marked deleted.
 */
export async function forgetSetupBackup(office: TestOffice): Promise<void> {
  rmSync(join(office.dataDir, 'backups', 'auto'), { recursive: true, force: true });
  await office.core.db
    .updateTable('backup_runs')
    .set({ deleted_at: office.clock.now().toISOString(), delete_reason: '测试：从没有备份的单位开始' })
    .where('deleted_at', 'is', null)
    .execute();
}
