import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEmployment } from '../../electron/cli/seed/employmentWrite';
import { writeFunds } from '../../electron/cli/seed/funds';
import { writePosts } from '../../electron/cli/seed/postsWrite';
import { openDatabase } from '../../electron/core/db/open';
import { jsonColumns } from '../../electron/core/db/jsonColumns';
import { monitoredCase, signaturePng } from './caseFixtures';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { seedAsOf, writeSeededFolder } from './seededOffice';

// Every JSON column the codec module names decodes on an office seeded the way the command line
// seeds one (households, monitoring, employment, posts, funds) and then used through its channels;
// and no text column of the live schema holds JSON without a codec.

/**
 * Columns this office leaves empty, and why: the list must stay exact, so a seed that starts to
 * fill one (or a codec added for a column nobody fills here) makes this test name it.
 */
const notSeededHere: Record<string, string> = {
  // Printing runs in Chromium (print/render.ts); printVerify.test.ts prints and verifies through the codec.
  'printed_documents.data_json': 'printing needs Chromium',
  // The key is derived with scrypt at its full cost; backupEncryption.test.ts reads it through the codec.
  'backup_keys.recipient_json': 'an encrypted-backup key takes seconds of scrypt',
  // An asset needs a funds project taken through 验收; assets.test.ts reads both through the codec.
  'project_assets.value_sources': 'an asset needs a project through 验收',
  'asset_income_plan_steps.people': 'an asset needs a project through 验收',
};

/** Text columns that hold JSON on some rows but are not JSON columns, and why. */
const notJsonColumns: Record<string, string> = {
  // The record a paper was built from: an id or a year, and for a notice the JSON list of its rows.
  'printed_documents.record_ref': 'a reference whose form depends on the document kind',
};

let office: TestOffice;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-json-'));
  await writeSeededFolder(dataDir, { seed: 18, households: 80 });
  const opened = await openDatabase({ dataDir });
  try {
    const now = new Date(`${seedAsOf}T09:00:00Z`);
    await writeEmployment(opened.db, { seed: 18, asOf: seedAsOf, now });
    await writePosts(opened.db, seedAsOf, { seed: 18, months: 2 });
    await writeFunds(opened.db, { seed: 18, asOf: seedAsOf, years: 1, batchesPerYear: 2, projects: 6, disbursements: 10 });
  } finally {
    await opened.db.destroy();
  }
  office = await openTestOffice({ dataDir, clock: new TestClock(`${seedAsOf}T02:00:00.000Z`) });
  const reviewer = await office.loginAs('reviewer');
  const { id: caseId } = await monitoredCase(office, reviewer, '3504211019990001');
  await office.call('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'county', signerName: '赵局长', imagePng: signaturePng }, reviewer);
  await office.call('reports.monthlyMake', { month: '2026-10' });
  await office.call('measures.catalog', {});
  await office.call('files.saveImportPreset', { kind: 'loans', name: '明溪农商银行', mapping: { 年化利率: 'rate', 资金投向: 'use' }, version: null });
  const { suggested } = await office.call('employment.settings', {});
  await office.call('employment.saveSettings', { ...suggested, version: null });
  const catalog = await office.call('funds.catalog', {});
  await office.call('funds.saveSettings', { ...catalog.inForce, closeDate: null, version: null });
  await office.call('notices.saveSettings', { columns: ['headName', 'group', 'memberCount'], objectionPlace: null, objectionNote: null, noticePhone: null });
}, 600_000);

afterAll(async () => {
  await office.close();
});

async function textColumns(): Promise<{ table: string; column: string }[]> {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(office.core.db);
  const out: { table: string; column: string }[] = [];
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string; type: string }>`SELECT name, type FROM pragma_table_info(${name})`.execute(office.core.db);
    for (const c of cols.rows) if (c.type.toUpperCase() === 'TEXT') out.push({ table: name, column: c.name });
  }
  return out;
}

describe('JSON columns on a seeded office', () => {
  it('every JSON column the codec module names decodes on every row', async () => {
    const empty: string[] = [];
    for (const codec of jsonColumns) {
      const rows = await sql<{ v: string }>`SELECT ${sql.ref(codec.column)} AS v FROM ${sql.table(codec.table)} WHERE ${sql.ref(codec.column)} IS NOT NULL`.execute(office.core.db);
      if (rows.rows.length === 0) empty.push(`${codec.table}.${codec.column}`);
      for (const r of rows.rows) expect(() => codec.decode(r.v), `${codec.table}.${codec.column}: ${r.v.slice(0, 200)}`).not.toThrow();
    }
    expect(empty.sort()).toEqual(Object.keys(notSeededHere).sort());
  });

  it('no text column of the live schema holds JSON without a codec', async () => {
    const named = new Set([...jsonColumns.map((c) => `${c.table}.${c.column}`), ...Object.keys(notJsonColumns)]);
    const unnamed: string[] = [];
    for (const { table, column } of await textColumns()) {
      if (named.has(`${table}.${column}`)) continue;
      const hit = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}
        WHERE json_valid(${sql.ref(column)}) AND json_type(${sql.ref(column)}) IN ('array', 'object')`.execute(office.core.db);
      if (Number(hit.rows[0]!.n) > 0) unnamed.push(`${table}.${column}`);
    }
    expect(unnamed, '这些列存有 JSON，却不在 electron/core/db/jsonColumns 中：请为其加上编解码').toEqual([]);
  });

  it('the codec module names every column the schema files document as JSON', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = join(__dirname, '../../electron/core/db/schema');
    const named = new Set(jsonColumns.map((c) => c.column));
    const documented: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const col = /^\s+(\w+): /.exec(line)?.[1];
        if (!col) return;
        const doc = lines[i - 1] ?? '';
        if (col.endsWith('_json') || (/JSON/.test(doc) && /\*\//.test(doc))) documented.push(`${file}: ${col}`);
      });
    }
    expect(documented.length).toBeGreaterThan(20);
    expect(documented.filter((d) => !named.has(d.split(': ')[1]!))).toEqual([]);
  });
});
