/**
 * Counts password attempts per key (a login name, a client) BEFORE the password is checked.
 * `begin` is synchronous — check and increment with no await between them — so forty guesses sent
 * at once cannot all pass the check while the first ones are still hashing: from the limit on,
 * every further attempt is refused unchecked until the wait is over.
 */
export class AttemptLimiter {
  private readonly entries = new Map<string, { count: number; untilMs: number }>();

  constructor(
    private readonly max: number,
    private readonly lockoutMs: number,
  ) {}

  /** True when the attempt may be checked (and counts it as a failure until `succeeded`). */
  begin(key: string, nowMs: number): boolean {
    const e = this.entries.get(key) ?? { count: 0, untilMs: 0 };
    if (e.untilMs > nowMs) return false;
    if (this.entries.size > 10_000) this.prune(nowMs);
    e.count++;
    if (e.count >= this.max) e.untilMs = nowMs + this.lockoutMs;
    this.entries.set(key, e);
    return true;
  }

  /** The attempts counted so far for that key (the current run of failures). */
  count(key: string): number {
    return this.entries.get(key)?.count ?? 0;
  }

  // Many different names (a guesser inventing them) must not grow the map without end.
  private prune(nowMs: number): void {
    for (const [key, e] of this.entries) if (e.untilMs <= nowMs) this.entries.delete(key);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
