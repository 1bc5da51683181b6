import type { SessionUser } from '../../shared/contract/users';

/**
 * A session is one window (Electron) or one browser cookie (browser host). The core keeps them in
 * memory: a restart signs everyone out, which is what a shared office PC should do.
 */
export interface Session {
  readonly key: string;
  user: SessionUser | null;
  locked: boolean;
  /** Signed in with a password an admin chose: only changing it (or signing out) is allowed. */
  mustChangePassword: boolean;
  lastActiveMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  get(key: string, nowMs: number): Session {
    let session = this.sessions.get(key);
    if (!session) {
      session = { key, user: null, locked: false, mustChangePassword: false, lastActiveMs: nowMs };
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

  /** Signs out every session of a user (deactivated, role or password changed) but `exceptKey`. */
  signOutUser(userId: string, exceptKey?: string): void {
    for (const s of this.sessions.values()) {
      if (s.user?.id === userId && s.key !== exceptKey) {
        s.user = null;
        s.locked = false;
        s.mustChangePassword = false;
      }
    }
  }

  /**
   * Moves a session's state to a fresh key and leaves the old key signed out. The browser host
   * calls it at sign-in, so a session id a client chose (or planted) never becomes a signed-in one.
   */
  renew(oldKey: string, newKey: string, nowMs: number): void {
    const old = this.get(oldKey, nowMs);
    this.sessions.set(newKey, { key: newKey, user: old.user, locked: old.locked, mustChangePassword: old.mustChangePassword, lastActiveMs: old.lastActiveMs });
    this.sessions.delete(oldKey);
  }

  /** After a restore: the users and roles may differ, so everyone signs in again. */
  signOutAll(): void {
    for (const s of this.sessions.values()) {
      s.user = null;
      s.locked = false;
      s.mustChangePassword = false;
    }
  }
}
