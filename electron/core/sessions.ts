import type { SessionUser } from '../../shared/contract/users';

/**
 * A session is one window (Electron) or one browser cookie (browser host). The core keeps them in
 * memory: a restart signs everyone out, which is what a shared office PC should do.
 */
export interface Session {
  readonly key: string;
  user: SessionUser | null;
  locked: boolean;
  lastActiveMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  get(key: string, nowMs: number): Session {
    let session = this.sessions.get(key);
    if (!session) {
      session = { key, user: null, locked: false, lastActiveMs: nowMs };
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Locks a signed-in session that has been idle longer than the office's setting. */
  applyIdleLock(session: Session, nowMs: number, idleMinutes: number): void {
    if (session.user && !session.locked && nowMs - session.lastActiveMs > idleMinutes * 60_000) {
      session.locked = true;
    }
  }

  /** Signs out every session of a user (deactivated or role changed by an admin). */
  signOutUser(userId: string): void {
    for (const s of this.sessions.values()) {
      if (s.user?.id === userId) {
        s.user = null;
        s.locked = false;
      }
    }
  }

  /** After a restore: the users and roles may differ, so everyone signs in again. */
  signOutAll(): void {
    for (const s of this.sessions.values()) {
      s.user = null;
      s.locked = false;
    }
  }
}
