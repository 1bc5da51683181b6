import { readFileSync, statSync } from 'node:fs';
import type { Clock } from '../core/context';

/**
 * A clock the end-to-end tests can move: when LEDGER_TEST_CLOCK_FILE names a file holding an
 * ISO time, "now" is that time plus however long the host has run since the file last changed.
 * Workflows that span months (six months of monitoring before elimination) can then be clicked
 * through in one test. Only the browser host reads it, and only when the variable is set.
 */
export function fileClock(path: string): Clock {
  let mtimeMs = -1;
  let baseMs = 0;
  let readAt = 0;
  return {
    now() {
      const stat = statSync(path);
      if (stat.mtimeMs !== mtimeMs) {
        const text = readFileSync(path, 'utf8').trim();
        const parsed = Date.parse(text);
        if (Number.isNaN(parsed)) throw new Error(`测试时钟文件 ${path} 的内容"${text}"不是 ISO 时间`);
        mtimeMs = stat.mtimeMs;
        baseMs = parsed;
        readAt = Date.now();
      }
      return new Date(baseMs + (Date.now() - readAt));
    },
  };
}
