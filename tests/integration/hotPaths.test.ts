import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { migrations } from '../../electron/core/db/migrations';
import { countPendingItems, pendingItems } from '../../electron/core/features/pending/repository';
import { countPendingDetails } from '../../electron/core/features/pending/service';
import { pendingKinds } from '../../shared/contract/pending';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { seedAsOf, writeSeededFolder } from './seededOffice';

// What the workbench and the start-up did on every visit or opening that they need not (review
// findings): the 待补充 count, the search-key catch-up, and the posts settings' defaults.

const asOf = seedAsOf;
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-hotpaths-'));
const clock = new TestClock(`${asOf}T02:00:00.000Z`);
let office: TestOffice;

beforeAll(async () => {
  await writeSeededFolder(dataDir, { seed: 9, households: 150 });
  const opened = await openDatabase({ dataDir });
  // Give every 待补充 kind that the seed may lack a few items, as an import would leave them.
  const db = opened.db;
  const someMembers = await db.selectFrom('members').select('id').where('deleted_at', 'is', null).where('status', '=', 'current').limit(4).execute();
  await db.updateTable('members').set({ health: 'disabled', disability_category: null, disability_grade: null }).where('id', 'in', someMembers.map((m) => m.id)).execute();
  const notOrdinary = await db.selectFrom('households').select('id').where('kind', '<>', 'ordinary').where('deleted_at', 'is', null).limit(3).execute();
  await db.updateTable('households').set({ helper_name: '' }).where('id', 'in', notOrdinary.map((h) => h.id)).execute();
  const someIncomes = await db.selectFrom('incomes').select('id').where('deleted_at', 'is', null).limit(5).execute();
  await db.updateTable('incomes').set({ source: 'nationalPerCapita' }).where('id', 'in', someIncomes.map((i) => i.id)).execute();
  await db.destroy();
  office = await openTestOffice({ dataDir, clock });
}, 120_000);
afterAll(async () => {
  await office.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the 待补充 count on the workbench', () => {
  it('counts per kind in SQL exactly the items the list shows, and the workbench shows the same total', async () => {
    const db = office.core.db;
    let total = 0;
    for (const kind of pendingKinds) {
      const items = await pendingItems(db, kind, asOf);
      expect(await countPendingItems(db, kind, asOf), kind).toBe(items.length);
      total += items.length;
    }
    for (const kind of ['disability', 'helper', 'incomeBreakdown'] as const) expect((await pendingItems(db, kind, asOf)).length, kind).toBeGreaterThan(0);
    expect(await countPendingDetails(db, asOf)).toBe(total);
    const list = await office.call('pending.list', {});
    expect(list.total).toBe(total);
    const wb = await office.call('reports.workbench', {});
    expect(wb.todos.find((t) => t.key === 'pending.details')?.count).toBe(total);
  });
});

describe('the workbench figures after a write', () => {
  it('are kept after writes that change no figure, and recomputed after one that does', async () => {
    const db = office.core.db;
    const version = async () => Number((await db.selectFrom('figures_version').select('n').executeTakeFirstOrThrow()).n);
    const before = await office.call('reports.workbench', {});
    const n0 = await version();
    const h = await db.selectFrom('households').select(['id', 'kind']).where('deleted_at', 'is', null).where('status', '=', 'active').where('kind', '=', 'ordinary').executeTakeFirstOrThrow();
    // A phone number, a helper's name, an audit row: the figures stand.
    await db.updateTable('households').set({ phone: '13900000000', helper_name: '张三' }).where('id', '=', h.id).execute();
    await office.call('users.list', {});
    expect(await version()).toBe(n0);
    // The household becomes 脱贫户: a figure moves and the workbench shows it at once.
    await db.updateTable('households').set({ kind: 'povertyExited' }).where('id', '=', h.id).execute();
    expect(await version()).toBeGreaterThan(n0);
    const after = await office.call('reports.workbench', {});
    expect(after.township.households.povertyExited).toBe(before.township.households.povertyExited + 1);
    expect(after.township.households.ordinary).toBe(before.township.households.ordinary - 1);
  });
});

describe('search keys at start-up', () => {
  it('builds the keys of seeded data once; a second opening rebuilds nothing, yet catches a row written outside the program', async () => {
    const db = office.core.db;
    // Two households no earlier test has left noted for a rebuild.
    const households = await db
      .selectFrom('households')
      .select(['id', 'head_name'])
      .where('deleted_at', 'is', null)
      .where('id', 'not in', db.selectFrom('search_dirty').select('household_id'))
      .orderBy('household_code')
      .limit(2)
      .execute();
    const [dropped, edited] = households as [{ id: string; head_name: string }, { id: string; head_name: string }];
    expect(await db.selectFrom('search_keys').select('key').where('household_id', '=', dropped.id).execute()).not.toHaveLength(0);
    // Keys removed behind the program's back stay removed: the opening does not scan every record.
    await db.deleteFrom('search_keys').where('household_id', '=', dropped.id).execute();
    // A household renamed straight in the file (as a seed or a hand edit would) is noted by the trigger.
    await db.updateTable('households').set({ head_name: '欧阳锋' }).where('id', '=', edited.id).execute();
    await office.close();
    office = await openTestOffice({ dataDir, clock });
    const db2 = office.core.db;
    expect(await db2.selectFrom('search_keys').select('key').where('household_id', '=', dropped.id).execute()).toHaveLength(0);
    const found = await office.call('search.query', { q: 'oyf' });
    expect(found.households.map((h) => h.id)).toContain(edited.id);
    expect(Number((await db2.selectFrom('search_dirty').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });
});

describe('公益岗设置 defaults', () => {
  it('come from the program like the thresholds, with no seeded row; saving a year replaces them', async () => {
    const fresh = await openTestOffice({ clock: new TestClock('2026-03-10T02:00:00.000Z') });
    try {
      const s = await fresh.call('posts.settings', {});
      expect(s.saved).toEqual([]);
      expect(s.inForce).toEqual({ year: 2026, minAge: 16, maxAgeMale: 60, maxAgeFemale: 60, warnAge: 70, noticeDays: 3, maxTermMonths: 12, source: 'default' });
      await fresh.call('posts.saveSettings', { year: 2026, version: null, minAge: 18, maxAgeMale: 60, maxAgeFemale: 55, warnAge: 70, noticeDays: 5, maxTermMonths: 12 });
      const after = await fresh.call('posts.settings', {});
      expect(after.inForce).toMatchObject({ year: 2026, minAge: 18, noticeDays: 5, source: 'saved' });
    } finally {
      await fresh.close();
    }
  });

  it('keep a year-2000 row an admin had edited before the upgrade, and retire the untouched seeded one', async () => {
    // An office upgrading from the version before 0022 (later migrations rely on what 0022 made).
    const before = migrations.slice(0, migrations.findIndex((m) => m.name === '0022_hot_paths'));
    const dirs = [mkdtempSync(join(tmpdir(), 'ledger-posts-')), mkdtempSync(join(tmpdir(), 'ledger-posts-'))];
    try {
      for (const dir of dirs) await (await openDatabase({ dataDir: dir, migrations: before })).db.destroy();
      const edited = (await openDatabase({ dataDir: dirs[1]!, migrations: before })).db;
      await edited.updateTable('post_settings').set({ notice_days: 7, version: 2, updated_by: 'someone' }).where('year', '=', 2000).execute();
      await edited.destroy();
      const untouched = (await openDatabase({ dataDir: dirs[0]! })).db;
      expect(await untouched.selectFrom('post_settings').select('year').where('deleted_at', 'is', null).execute()).toEqual([]);
      await untouched.destroy();
      const kept = (await openDatabase({ dataDir: dirs[1]! })).db;
      expect(await kept.selectFrom('post_settings').select(['year', 'notice_days']).where('deleted_at', 'is', null).execute()).toEqual([{ year: 2000, notice_days: 7 }]);
      await kept.destroy();
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
