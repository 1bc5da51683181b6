import { afterEach, describe, expect, it } from 'vitest';
import { householdInput } from './householdsFixtures';
import { openTestOffice, type TestOffice } from './harness';

// The command line runs the same channels as a window, as the program itself: its input is still
// parsed and its changes are still audited, under the name it gives.

let office: TestOffice;
afterEach(async () => office?.close());

describe('channels run by the program itself (command line, scheduled tasks)', () => {
  it('parses the input and names the command line in the audit log', async () => {
    office = await openTestOffice();
    const input = householdInput(office, {});
    const created = await office.core.invokeAsSystem('命令行', 'households.create', input);
    expect(created.ok).toBe(true);
    const row = await office.core.db.selectFrom('audit_log').select(['user_name', 'channel']).where('channel', '=', 'households.create').executeTakeFirstOrThrow();
    expect(row.user_name).toBe('命令行');

    const refused = await office.core.invokeAsSystem('命令行', 'households.create', { ...input, householdCode: '!' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('does not let a window borrow the system session', async () => {
    office = await openTestOffice();
    const reply = await office.core.invoke('households.list', { offset: 0, limit: 10 }, 'system');
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
