import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { generateTownship } from '../../electron/cli/seed/generator';
import { writeSeed } from '../../electron/cli/seed/write';

const dataDir = mkdtempSync(join(tmpdir(), 'ledger-seed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const office = { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' };

it('writes a township the program can sign in to, list and open, and refuses to write twice', async () => {
  const township = generateTownship({ seed: 11, households: 600, countyCode: '350421', townshipCode: '350421101', asOf: '2026-11-23' });
  const people = township.households.reduce((n, h) => n + h.members.length, 0);
  const { db } = await openDatabase({ dataDir });
  expect(await writeSeed(db, township, office, new Date('2026-11-23T02:00:00Z'))).toEqual({ households: 600, members: people });
  await expect(writeSeed(db, township, office, new Date())).rejects.toThrow(/已有单位数据/);
  await db.destroy();

  const core = await createCore({ dataDir, logError: () => {} });
  try {
    expect((await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 's')).ok).toBe(true);
    const list = await core.invoke('households.list', { limit: 500 }, 's');
    if (!list.ok) throw new Error(list.error.message);
    const data = list.data as { total: number; rows: { householdCode: string; memberCount: number; headName: string }[] };
    expect(data.total).toBe(600);
    const first = township.households.find((h) => h.householdCode === data.rows[0]!.householdCode)!;
    expect(data.rows[0]).toMatchObject({ headName: first.members[0]!.name, memberCount: first.members.length });

    // The seeded people hold their ID numbers: registering one again is refused.
    const again = await core.invoke('households.checkId', { idNumber: first.members[0]!.idNumber }, 's');
    expect(again).toMatchObject({ ok: true, data: { holder: { householdCode: first.householdCode } } });
    const log = await core.invoke('audit.list', { channel: 'seed' }, 's');
    expect(log).toMatchObject({ ok: true, data: { total: 1 } });
  } finally {
    await core.close();
  }
});
