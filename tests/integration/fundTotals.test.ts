import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batch, intoLibrary, project, setDay } from './fundsFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';

// fund_project_totals (migration 0027): the 项目库台账's Σ allocated / Σ disbursed per project are
// kept by triggers on the entry tables instead of summed on every listing. They must equal the
// entries summed afresh after entries, reversals, a hand-written entry and a soft deletion.

let office: TestOffice;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-03-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

async function fresh(projectId: string) {
  const r = await sql<{ a: number; d: number }>`SELECT
      (SELECT COALESCE(SUM(amount_fen), 0) FROM fund_allocations WHERE project_id = ${projectId} AND deleted_at IS NULL) AS a,
      (SELECT COALESCE(SUM(amount_fen), 0) FROM fund_disbursements WHERE project_id = ${projectId} AND deleted_at IS NULL) AS d`.execute(office.core.db);
  return { allocatedFen: r.rows[0]!.a, disbursedFen: r.rows[0]!.d };
}

async function listed(projectId: string) {
  const { rows } = await office.call('funds.listProjects', {});
  const row = rows.find((r) => r.id === projectId)!;
  return { allocatedFen: row.allocatedFen, disbursedFen: row.disbursedFen };
}

describe('项目资金合计 kept by triggers', () => {
  it('lists the same sums as the entries summed afresh, through allocations, reversals, a hand-written entry and a soft deletion', async () => {
    const b = await batch(office);
    const p = await intoLibrary(office, await project(office));
    const q = await intoLibrary(office, await project(office, { name: '旦上村产业路' }));
    expect(await listed(p.id)).toEqual({ allocatedFen: 0, disbursedFen: 0 });
    await setDay(office, '2026-04-05');
    await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 120_000_00 });
    await office.call('funds.allocate', { batchId: b.id, projectId: q.id, date: '2026-04-05', amountFen: 30_000_00 });
    const d = await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 12_000_00, voucherNo: '记-1', payeeKind: 'contractor', stage: 'advance' });
    await office.call('funds.disburse', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 8_000_00, voucherNo: '记-2', payeeKind: 'contractor', stage: 'progress' });
    await office.call('funds.reverseDisbursement', { id: d.disbursements[0]!.id, date: '2026-04-05', note: '录错' });
    const extra = await office.call('funds.allocate', { batchId: b.id, projectId: p.id, date: '2026-04-05', amountFen: 1 });
    await office.call('funds.reverseAllocation', { id: extra.allocations.find((x) => x.amountFen === 1)!.id, date: '2026-04-05', note: '多分了一分' });
    expect(await listed(p.id)).toEqual({ allocatedFen: 120_000_00, disbursedFen: 8_000_00 });
    expect(await listed(p.id)).toEqual(await fresh(p.id));
    expect(await listed(q.id)).toEqual({ allocatedFen: 30_000_00, disbursedFen: 0 });

    // A soft-deleted entry stops counting; a row written by hand (the seed, an import) counts.
    await office.core.db.updateTable('fund_allocations').set({ deleted_at: '2026-04-06T00:00:00.000Z', delete_reason: '测试' }).where('project_id', '=', q.id).execute();
    expect(await listed(q.id)).toEqual({ allocatedFen: 0, disbursedFen: 0 });
    const row = await office.core.db.selectFrom('fund_disbursements').selectAll().where('project_id', '=', p.id).limit(1).executeTakeFirstOrThrow();
    await office.core.db.insertInto('fund_disbursements').values({ ...row, id: `${row.id.slice(0, -4)}ffff`, voucher_no: '记-9', amount_fen: 500, reverses_id: null }).execute();
    expect(await listed(p.id)).toEqual({ allocatedFen: 120_000_00, disbursedFen: 8_000_00 + 500 });
    expect(await listed(p.id)).toEqual(await fresh(p.id));
    expect(await listed(q.id)).toEqual(await fresh(q.id));
  });
});
