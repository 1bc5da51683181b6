import { describe, expect, it } from 'vitest';
import { refusedAll } from '../../electron/core/features/files/import/apply';
import { progress, type Writer } from '../../electron/core/features/files/import/write';
import { JobRegistry } from '../../electron/core/jobs';
import { progressWords } from '../../electron/core/progressWords';
import { importModeLabels } from '../../shared/contract/fileImport';

// Issue 15 item 9: the import's refusal names the options as the page labels them, and progress
// lines end in finished form.

describe('import words', () => {
  it('a refused all-or-nothing import names both options by their labels on the page', () => {
    const message = refusedAll(3).message;
    expect(message).toContain(`“${importModeLabels.allOrNothing}”`);
    expect(message).toContain(`“${importModeLabels.validOnly}”`);
    // Every option the message quotes is one the page shows.
    const quoted = [...message.matchAll(/[“"]([^”"]+)[”"]/g)].map((m) => m[1]);
    expect(quoted.every((q) => Object.values(importModeLabels).includes(q!))).toBe(true);
  });

  it('progress words say what was done at the last step', () => {
    expect(progressWords(2, 3, '正在生成第 2 / 3 份', '已生成 3 份')).toBe('正在生成第 2 / 3 份');
    expect(progressWords(3, 3, '正在生成第 3 / 3 份', '已生成 3 份')).toBe('已生成 3 份');
    expect(progressWords(0, 0, '正在读取…', '已读取')).toBe('正在读取…');
  });

  it("the import's write progress ends in 已写入 N 条", async () => {
    const jobs = new JobRegistry();
    const id = jobs.start('import', 'me', async (control) => {
      const w = { control, done: 0, total: 3 } as unknown as Writer;
      progress(w, 2);
      expect(jobs.get(id, 'me').message).toBe('正在写入…（2/3）');
      progress(w, 1);
      return 'ok';
    });
    expect((await jobs.wait(id)).message).toBe('已写入 3 条');
  });
});
