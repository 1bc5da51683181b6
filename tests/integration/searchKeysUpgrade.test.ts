import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { migrations } from '../../electron/core/db/migrations';
import { householdKeys, memberKeys, nameKeys } from '../../electron/core/features/search/keys';
import { generateTownship } from '../../electron/cli/seed/generator';
import { writeSeed } from '../../electron/cli/seed/write';
import { openTestOffice, TestClock } from './harness';
import { seedAsOf, seedOffice } from './seededOffice';

// Migration 0031 slims search_keys (no source_at, a smaller key index) for the import's speed. An
// office upgrading keeps the keys it had and finds the same people, without rebuilding them.

const asOf = seedAsOf;
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-keys-upgrade-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('search keys across the upgrade to 0031', () => {
  it('keeps the keys the earlier version made, and a name, its initials and an ID tail still find the person', async () => {
    const before = migrations.slice(0, migrations.findIndex((m) => m.name === '0031_search_keys_slim'));
    expect(before.length).toBeLessThan(migrations.length);
    const old = (await openDatabase({ dataDir, migrations: before })).db;
    await writeSeed(old, generateTownship({ seed: 31, households: 30, countyCode: '350421', townshipCode: '350421101', asOf }), seedOffice, new Date(`${asOf}T01:00:00Z`));
    // The keys as the earlier version wrote them: with the record's updated_at as source_at.
    const rows: { key: string; kind: string; record_id: string; household_id: string; source_at: string }[] = [];
    for (const h of await old.selectFrom('households').select(['id', 'household_code', 'head_name', 'phone', 'updated_at']).execute()) {
      for (const key of householdKeys(h)) rows.push({ key, kind: 'household', record_id: h.id, household_id: h.id, source_at: h.updated_at });
    }
    const members = await old.selectFrom('members').select(['id', 'household_id', 'name', 'id_number', 'phone', 'updated_at']).execute();
    for (const m of members) {
      for (const key of memberKeys(m)) rows.push({ key, kind: 'member', record_id: m.id, household_id: m.household_id, source_at: m.updated_at });
    }
    for (const r of rows) {
      await old.insertInto('search_keys').values(r as never).execute();
    }
    await old.deleteFrom('search_dirty').execute();
    await old.destroy();

    const office = await openTestOffice({ dataDir, clock: new TestClock(`${asOf}T02:00:00.000Z`) });
    try {
      const db = office.core.db;
      expect(Number((await db.selectFrom('search_keys').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(rows.length);
      const person = members[7]!;
      for (const q of [person.name, nameKeys(person.name)[1]!, person.id_number.slice(-6)]) {
        const found = await office.call('search.query', { q });
        expect(found.members.map((m) => m.id), q).toContain(person.id);
      }
    } finally {
      await office.close();
    }
  });
});
