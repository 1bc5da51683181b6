import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../electron/core/jobs';

// Closing the program cuts the search keys' catch-up short (it resumes at the next start), but
// waits for an import or an export to end.
describe('cancelling the jobs of one kind', () => {
  it('stops every running job of that kind, whoever started it, and leaves the others running', async () => {
    const jobs = new JobRegistry();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const loop = async (control: { throwIfCancelled(): void }) => {
      for (;;) {
        control.throwIfCancelled();
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const a = jobs.start('search.catchUp', 'core', loop);
    const b = jobs.start('search.catchUp', 'session-1', loop);
    const other = jobs.start('files.importApply', 'session-1', async () => {
      await gate;
      return 'written';
    });
    await jobs.cancelKind('search.catchUp');
    expect(jobs.get(a, 'core').status).toBe('cancelled');
    expect(jobs.get(b, 'session-1').status).toBe('cancelled');
    expect(jobs.get(other, 'session-1').status).toBe('running');
    expect(jobs.busy()).toBe(true);
    release();
    expect((await jobs.wait(other)).status).toBe('done');
  });
});
