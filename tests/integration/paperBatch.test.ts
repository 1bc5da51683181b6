import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildForm } from '../../electron/core/features/forms/documents';
import { buildForms } from '../../electron/core/features/forms/documents/batch';
import { loadCaseRows } from '../../electron/core/features/monitoring/caseBatch';
import { detail } from '../../electron/core/features/monitoring/service';
import { layoutDocuments } from '../../electron/core/features/print/layout';
import { contentCode } from '../../electron/core/features/print/hash';
import { adminContext } from '../fixtures/importWorkbooks';
import { openTestOffice, TestClock, type TestOffice } from './harness';
import { seedAsOf, writeSeededFolder } from './seededOffice';

// Paper speed (issue 15 #6): a batch of forms reads its cases' rows with one query per table, and
// must print exactly what building each form alone prints; a case's visits are found by an index.

const asOf = seedAsOf;
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-paperbatch-'));
let office: TestOffice;

beforeAll(async () => {
  await writeSeededFolder(dataDir, { seed: 15, households: 150 });
  office = await openTestOffice({ dataDir, clock: new TestClock(`${asOf}T02:00:00.000Z`) });
}, 120_000);
afterAll(async () => {
  await office.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function caseIds(): Promise<string[]> {
  const rows = await office.core.db.selectFrom('monitoring_cases').select('id').where('deleted_at', 'is', null).orderBy('case_code').execute();
  return rows.map((r) => r.id);
}

describe('a batch of forms', () => {
  it('gives every case page the same detail from the batch rows as from its own queries', async () => {
    const ids = await caseIds();
    expect(ids.length).toBeGreaterThan(10);
    const rows = await loadCaseRows(office.core.db, [...ids, 'no-such-case']);
    expect(rows.size).toBe(ids.length);
    for (const id of ids) expect(await detail(office.core.db, id, asOf, rows.get(id)), id).toEqual(await detail(office.core.db, id, asOf));
  });

  it('builds each kind of form exactly as building it alone does: same body, hash and signature blocks', async () => {
    const ctx = await adminContext(office);
    const ids = await caseIds();
    for (const kind of ['form.application', 'form.collection', 'form.approval', 'form.measures', 'form.elimination'] as const) {
      const seen: number[] = [];
      const batch = await buildForms(ctx, kind, ids, (_f, i) => seen.push(i));
      expect(seen).toEqual(ids.map((_, i) => i));
      for (const [i, id] of ids.entries()) {
        const one = await buildForm(ctx, kind, id);
        const b = batch[i]!;
        expect(b.recordRef, `${kind} ${id}`).toBe(id);
        expect(b.body.value, `${kind} ${id}`).toBe(one.body.value);
        expect(b.hash, `${kind} ${id}`).toBe(one.hash);
        expect(b.blocks, `${kind} ${id}`).toEqual(one.blocks);
        expect(b.blockHash('county'), `${kind} ${id}`).toBe(one.blockHash('county'));
      }
    }
  });

  it('lays out a batch with the forms’ own CSS once, in the head, and nothing else of a body moved', async () => {
    const ctx = await adminContext(office);
    const forms = await buildForms(ctx, 'form.approval', (await caseIds()).slice(0, 3));
    const docs = forms.map((f) => ({ kind: f.kind, title: f.title, recordCode: f.recordCode, contentCode: contentCode(f.hash), body: f.body }));
    const out = layoutDocuments(docs, { fileTitle: '识别审批表', printedBy: '林主任', printedAt: '2026-11-23 10:00' });
    const head = out.slice(0, out.indexOf('</head>'));
    expect(out.match(/<style>/g)).toHaveLength(2);
    expect(head.match(/<style>/g)).toHaveLength(2);
    expect(head).toContain('[data-kind^="form."] table.grid');
    for (const f of forms) expect(out).toContain(f.body.value.replace(/^\s*<style>[\s\S]*?<\/style>/, ''));
  });
});

describe('a case’s visits', () => {
  it('are read through their own index, not a scan of every visit', async () => {
    // The query of repository.visitsOf.
    const q = office.core.db.selectFrom('visits').select(['id', 'visit_date', 'visitors', 'kind', 'findings']).where('case_id', '=', 'x').where('deleted_at', 'is', null).orderBy('visit_date').compile();
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(q.sql.replace('?', "'x'"))}`.execute(office.core.db);
    expect(plan.rows.map((r) => r.detail).join('\n')).toContain('USING INDEX ix_visits_case');
  });
});
