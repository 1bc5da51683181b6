import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../electron/core/jobs';

// A job's last words are what the clerk reads under a full progress bar: in finished form.
describe('job progress words', () => {
  it('a job that ends while its last report says 正在… reads 已完成', async () => {
    const jobs = new JobRegistry();
    const id = jobs.start('export', 'me', async (control) => {
      control.report(3, 3, '正在写入户籍台账：3 行');
      return 'ok';
    });
    const done = await jobs.wait(id);
    expect(done).toMatchObject({ status: 'done', done: 3, total: 3, message: '已完成' });
  });

  it('a finished report is kept as it was said', async () => {
    const jobs = new JobRegistry();
    const id = jobs.start('print', 'me', async (control) => {
      control.report(3, 3, '已排版 3 份');
      return 'ok';
    });
    expect((await jobs.wait(id)).message).toBe('已排版 3 份');
  });
});
