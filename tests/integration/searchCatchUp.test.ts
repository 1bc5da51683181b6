// Issue 11 item 7: an import commits without building its search keys; a background job builds
// them afterwards, a chunk of households per short transaction (features/search/catchUp.ts). Until
// it has, the search still finds names, ID numbers and codes and says how many households are
// behind; a clerk's save meanwhile is neither slowed by the whole catch-up nor lost from the index.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract/fileImport';
import type { JobControl } from '../../electron/core/jobs';
import { createCore } from '../../electron/core/core';
import { stageUpload } from '../../electron/core/files/store';
import { applyImport } from '../../electron/core/features/files/import/apply';
import { planImport } from '../../electron/core/features/files/import/plan';
import { catchUpInChunks, searchCatchUp } from '../../electron/core/features/search/catchUp';
import { nameKeys } from '../../electron/core/features/search/keys';
import { adminContext, genHouseholds, importedHouseholds, nationalExportXlsx, parsedOf, testControl, type GenHousehold } from '../fixtures/importWorkbooks';
import { openTestOffice, TestClock, type TestOffice } from './harness';

let office: TestOffice;
const chunkBefore = searchCatchUp.chunk;
beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-10-10T02:00:00.000Z') });
  // Twelve households behind are four chunks: the background job, not the writer's own catch-up.
  searchCatchUp.chunk = 3;
});
/** Folders a test opened again (the harness leaves a folder it was given). */
const reopened: string[] = [];
afterEach(async () => {
  searchCatchUp.chunk = chunkBefore;
  await office.close();
  for (const dir of reopened.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function behind(): Promise<number> {
  const row = await office.core.db.selectFrom('search_dirty').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Twelve households written by the import's apply half alone (no channel, so no catch-up after it). */
async function importDirectly(): Promise<GenHousehold[]> {
  const gen = genHouseholds(12);
  const ctx = await adminContext(office);
  const plan = await planImport(ctx, parsedOf({ kind: 'households', records: importedHouseholds(gen, office.villages) }), testControl());
  await applyImport(ctx, plan, 'allOrNothing', testControl());
  return gen;
}

const fullPinyin = (name: string): string => nameKeys(name)[2]!;

async function memberIdsFound(q: string): Promise<string[]> {
  return (await office.call('search.query', { q })).members.map((m) => m.id);
}

async function memberByIdNumber(idNumber: string) {
  return office.core.db.selectFrom('members').select(['id', 'household_id']).where('id_number', '=', idNumber).executeTakeFirstOrThrow();
}

describe('search keys after an import', () => {
  it('the national import commits without them, a background job builds them, and then the pinyin finds the imported people', async () => {
    const file = await nationalExportXlsx({ valid: 12, invalid: 0, duplicates: 0 });
    const staged = stageUpload(office.dataDir, file.fileName, file.bytes);
    const started = await office.call('files.importPreview', { fileId: staged.fileId, kind: 'national' });
    const preview = (await office.core.jobs.wait(started.jobId)).result as ImportPreview;
    const applied = await office.core.jobs.wait((await office.call('files.importApply', { previewId: preview.previewId, mode: 'validOnly' })).jobId);
    expect(applied.status).toBe('done');
    const person = file.households[5]!.members[0]!;
    const { id } = await memberByIdNumber(person.idNumber);

    // Committed, keys not built yet: the search says so, and finds the person by name meanwhile.
    const early = await office.call('search.query', { q: person.name });
    // The job may have committed a chunk (three households) by the time the search reads.
    expect(early.keysBehind).toBeGreaterThanOrEqual(9);
    expect(early.members.map((m) => m.id)).toContain(id);

    await office.core.jobs.waitAll();
    expect(await behind()).toBe(0);
    const later = await office.call('search.query', { q: fullPinyin(person.name) });
    expect(later.keysBehind).toBe(0);
    expect(later.members.map((m) => m.id)).toContain(id);
    expect(await memberIdsFound(person.idNumber.slice(-6))).toContain(id);
  });

  it('says how many households are behind; their pinyin and last digits come once caught up', async () => {
    const gen = await importDirectly();
    const person = gen[0]!.members[0]!;
    const { id } = await memberByIdNumber(person.idNumber);
    const byName = await office.call('search.query', { q: person.name });
    expect(byName.keysBehind).toBe(12);
    expect(byName.members.map((m) => m.id)).toContain(id);
    expect(await memberIdsFound(person.idNumber)).toContain(id);
    expect(await memberIdsFound(fullPinyin(person.name))).not.toContain(id);

    const control = testControl();
    expect(await catchUpInChunks(office.core.db, control)).toBe(12);
    expect(control.reports.filter((r) => r.includes('户）'))).toHaveLength(4);
    expect((await office.call('search.query', { q: fullPinyin(person.name) })).keysBehind).toBe(0);
    expect(await memberIdsFound(fullPinyin(person.name))).toContain(id);
    expect(await memberIdsFound(person.idNumber.slice(-6))).toContain(id);
  });

  it('a clerk’s save rebuilds its own household only, not every household the import left behind', async () => {
    const gen = await importDirectly();
    const m = await memberByIdNumber(gen[3]!.members[1]!.idNumber);
    const detail = await office.call('households.get', { id: m.household_id });
    const member = detail.members.find((x) => x.id === m.id)!;
    await office.call('households.updateMember', { id: m.id, version: member.version, patch: { name: '欧阳锋' } });
    expect(await behind()).toBe(11);
    expect(await memberIdsFound('oyf')).toContain(m.id);
  });

  it('a save made while the catch-up runs is not lost from the index', async () => {
    const gen = await importDirectly();
    // The first household is rebuilt by the first chunk; the last one waits for the fourth.
    const first = await memberByIdNumber(gen[0]!.members[0]!.idNumber);
    const last = await memberByIdNumber(gen[11]!.members[0]!.idNumber);
    const versions = new Map<string, number>();
    for (const m of [first, last]) {
      const detail = await office.call('households.get', { id: m.household_id });
      versions.set(m.id, detail.members.find((x) => x.id === m.id)!.version);
    }
    const saves: Promise<unknown>[] = [];
    const control: JobControl = {
      signal: new AbortController().signal,
      throwIfCancelled: () => {},
      report: (done) => {
        // After the first chunk has committed: both saves queue between two chunks.
        if (done === 3 && saves.length === 0) {
          saves.push(office.call('households.updateMember', { id: first.id, version: versions.get(first.id)!, patch: { name: '欧阳锋' } }));
          saves.push(office.call('households.updateMember', { id: last.id, version: versions.get(last.id)!, patch: { name: '司马懿' } }));
        }
      },
    };
    await catchUpInChunks(office.core.db, control);
    await Promise.all(saves);
    expect(saves).toHaveLength(2);
    expect(await behind()).toBe(0);
    expect(await memberIdsFound('oyf')).toContain(first.id);
    expect(await memberIdsFound('simayi')).toContain(last.id);
    expect(await memberIdsFound(fullPinyin(gen[0]!.members[0]!.name))).not.toContain(first.id);
    expect(await memberIdsFound(fullPinyin(gen[11]!.members[0]!.name))).not.toContain(last.id);
  });

  it('what the last closing left behind is caught up in the background at the next start', async () => {
    const gen = await importDirectly();
    const person = gen[7]!.members[0]!;
    const dataDir = office.dataDir;
    const clock = office.clock;
    await office.core.close();
    reopened.push(dataDir);
    // Twelve behind (more than a chunk): the opening does not wait for them, and a closing cuts the job short.
    const core = await createCore({ dataDir, clock, logError: () => {} });
    expect(core.jobs.busy()).toBe(true);
    await core.close();
    office = await openTestOffice({ dataDir, clock });
    await office.core.jobs.waitAll();
    expect(await behind()).toBe(0);
    expect(await memberIdsFound(fullPinyin(person.name))).toContain((await memberByIdNumber(person.idNumber)).id);
  });
});
