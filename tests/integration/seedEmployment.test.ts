import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../shared/lib/dates';
import { createCore, type Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { writeEmployment } from '../../electron/cli/seed/employmentWrite';
import { generateTownship } from '../../electron/cli/seed/generator';
import { writePosts } from '../../electron/cli/seed/postsWrite';
import { writeSeed } from '../../electron/cli/seed/write';
import { writeWorkshops } from '../../electron/cli/seed/workshopsWrite';

// The example data's employment part (issue 12's bench: 1,500 posts, 24 months of attendance, and
// 帮扶车间 with their staff): every seeded post has its holder in the seed month, agreements last
// at most a year, and the workshops show in the 帮扶车间台账 with rewards by the settings' tiers.

const asOf = '2026-11-23';
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-seed-employment-'));
let core: Core;
let posts: Awaited<ReturnType<typeof writePosts>>;
let workshops: Awaited<ReturnType<typeof writeWorkshops>>;

beforeAll(async () => {
  const township = generateTownship({ seed: 11, households: 600, countyCode: '350421', townshipCode: '350421101', asOf });
  const { db } = await openDatabase({ dataDir });
  await writeSeed(db, township, { countyName: '明溪县', countyCode: '350421', townshipName: '城关乡', townshipCode: '350421101', adminUsername: 'admin', adminPassword: 'Admin1234' }, new Date(`${asOf}T02:00:00Z`));
  await writeEmployment(db, { seed: 11, asOf, now: new Date(`${asOf}T02:00:00Z`) });
  workshops = await writeWorkshops(db, { seed: 11, asOf, now: new Date(`${asOf}T02:00:00Z`) });
  posts = await writePosts(db, asOf, { months: 24, posts: 40 });
  await db.destroy();
  core = await createCore({ dataDir, logError: () => {} });
  expect((await core.invoke('users.login', { username: 'admin', password: 'Admin1234' }, 's')).ok).toBe(true);
});
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the seed’s 公益性岗位', () => {
  it('writes at least the posts asked for, one place each, every one held in the seed month', async () => {
    expect(posts.posts).toBeGreaterThanOrEqual(40);
    expect(posts.posts).toBeLessThan(40 + 10); // rounding up per village, not a multiple
    const rows = await core.db.selectFrom('welfare_posts').select(['id', 'places']).execute();
    expect(rows).toHaveLength(posts.posts);
    expect(new Set(rows.map((r) => r.places))).toEqual(new Set([1]));
    const heldNow = await core.db
      .selectFrom('welfare_months as w')
      .innerJoin('welfare_appointments as a', 'a.id', 'w.appointment_id')
      .select((eb) => eb.fn.count<number>('a.post_id').distinct().as('n'))
      .where('w.month', '=', asOf.slice(0, 7))
      .where('a.status', '=', 'onDuty')
      .executeTakeFirstOrThrow();
    expect(Number(heldNow.n)).toBe(posts.posts);
  });

  it('gives each holder one agreement of at most a year per year, and 24 months of attendance on the agreement covering each', async () => {
    const appointments = await core.db.selectFrom('welfare_appointments').selectAll().orderBy('start_date').execute();
    expect(appointments).toHaveLength(posts.posts * 2);
    for (const a of appointments) expect(a.end_date! < addMonths(a.start_date!, 12)).toBe(true);
    const ended = appointments.filter((a) => a.status === 'left');
    expect(ended).toHaveLength(posts.posts);
    expect(new Set(ended.map((a) => a.left_reason))).toEqual(new Set(['合同期满']));
    expect(posts.months).toBe(posts.posts * 24);
    const outside = await core.db
      .selectFrom('welfare_months as w')
      .innerJoin('welfare_appointments as a', 'a.id', 'w.appointment_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`w.month < substr(a.start_date, 1, 7) or w.month > substr(a.end_date, 1, 7)`)
      .executeTakeFirstOrThrow();
    expect(Number(outside.n)).toBe(0);
    // The seed month's grid of a village lists its holders (the bench's monthly list reads these).
    const village = await core.db.selectFrom('welfare_posts').select('village_id').executeTakeFirstOrThrow();
    const grid = await core.invoke('posts.monthGrid', { villageId: village.village_id, month: asOf.slice(0, 7) }, 's');
    expect(grid.ok && (grid.data as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
  });
});

describe('the seed’s 帮扶车间', () => {
  it('writes workshops with staff as 就业帮扶车间 spells, shown with their rewards in the ledger', async () => {
    expect(workshops.workshops).toBeGreaterThan(0);
    const spells = await core.db.selectFrom('employment_spells').select(['channel', 'workshop_id', 'member_id']).where('workshop_id', 'is not', null).execute();
    expect(spells).toHaveLength(workshops.staff);
    expect(new Set(spells.map((s) => s.channel))).toEqual(new Set(['workshop']));
    // Nobody has two open spells: staff were taken among people without one.
    const open = await core.db.selectFrom('employment_spells').select('member_id').where('end_date', 'is', null).where('deleted_at', 'is', null).execute();
    expect(new Set(open.map((s) => s.member_id)).size).toBe(open.length);
    const ledger = await core.invoke('workshops.ledger', { year: 2026, limit: 100 }, 's');
    if (!ledger.ok) throw new Error(ledger.error.message);
    const rows = (ledger.data as { total: number; rows: { staffInYear: number; rewardFen: number; lastCheckOn: string | null }[] }).rows;
    expect(rows).toHaveLength(workshops.workshops);
    expect(rows.reduce((n, r) => n + r.staffInYear, 0)).toBe(workshops.staff);
    expect(rows.every((r) => r.lastCheckOn !== null)).toBe(true);
    expect(rows.some((r) => r.rewardFen > 0)).toBe(true);
  });
});
