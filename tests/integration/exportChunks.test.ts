import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportResultSchema } from '../../shared/contract/fileExport';
import { readXlsxRows } from '../../electron/core/files/xlsx/xlsxReader';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { householdInput, idOf, member } from './householdsFixtures';

// 户籍台账 reads the list's order first and then its households a chunk of 500 at a time, the next
// chunk while this one is written (issue 11.7: the quarterly submission's memory). A county-sized
// list must still come out exactly in the page's order, every household with its members.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

/** Copies of every row of `table` matching `where`, `n` = 2…copies+1, with `replace`d columns (SQL over h and n). */
async function copyRows(table: string, alias: string, where: string, copies: number, replace: Record<string, string>) {
  const info = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(office.core.db);
  const names = info.rows.map((c) => c.name);
  const values = names.map((c) => replace[c] ?? `${alias}.${c}`);
  await sql
    .raw(
      `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ${copies + 1})
       INSERT INTO ${table} (${names.join(', ')}) SELECT ${values.join(', ')} FROM ${table} AS ${alias}, n WHERE ${where}`,
    )
    .execute(office.core.db);
}

describe('户籍台账 in chunks', () => {
  it('writes 1,200 households (three chunks) in the order the list sorts them, each with its members', async () => {
    const village = office.villages[0]!;
    const members = [member('张三', idOf('19650312', 100), 'head'), member('李四妹', idOf('19680720', 101), 'spouse')];
    const { id } = await office.call('households.create', householdInput(office, { householdCode: '3504211010010001', villageId: village.id, groupId: village.groups[0]!.id, members }));
    // 1,199 more by SQL (a channel call each would take minutes). Head names repeat, so the list's
    // tie-break (household code) decides much of the order, and codes do not follow insertion.
    await copyRows('households', 'h', `h.id = '${id}'`, 1199, {
      id: `printf('%s-%04d', h.id, n.i)`,
      household_code: `printf('35042110100%05d', (n.i * 7919) % 100000)`,
      head_name: `'户主' || (n.i % 37)`,
    });
    await copyRows('members', 'm', `m.household_id = '${id}'`, 1199, {
      id: `printf('%s-%04d', m.id, n.i)`,
      household_id: `printf('%s-%04d', m.household_id, n.i)`,
      id_number: `substr(m.id_number, 1, 12) || printf('%06d', n.i)`,
      name: `m.name || n.i`,
    });

    const expected = await sql<{ household_code: string; name: string }>`
      SELECT h.household_code, m.name FROM households AS h JOIN members AS m ON m.household_id = h.id
      ORDER BY h.head_name DESC, h.household_code ASC, h.id ASC, m.sort_order, m.id`.execute(office.core.db);
    expect(expected.rows).toHaveLength(2400);

    const { jobId } = await office.call('files.export', { ledger: 'households', format: 'xlsx', filters: { sort: { column: 'headName', direction: 'desc' } } });
    const snap = await office.core.jobs.wait(jobId);
    expect(snap.status).toBe('done');
    const result = exportResultSchema.parse(snap.result);
    expect(result.rows).toBe(2400);
    const path = office.core.outboxFile('admin-session', result.file.fileId)!.path;

    const rows: { seq: unknown; code: unknown; name: unknown }[] = [];
    let header: unknown[] = [];
    for await (const row of readXlsxRows(path)) {
      if (row.line === 1) header = row.cells;
      else rows.push({ seq: row.cells[0], code: row.cells[header.indexOf('户编号')], name: row.cells[header.indexOf('姓名')] });
    }
    expect(rows.map((r) => r.seq)).toEqual(expected.rows.map((_, i) => i + 1));
    expect(rows.map((r) => `${String(r.code)} ${String(r.name)}`)).toEqual(expected.rows.map((r) => `${r.household_code} ${r.name}`));
  });
});
