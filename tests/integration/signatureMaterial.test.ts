// What a signature vouches for (issue 15 item 3): the facts its decision rests on. A changed phone
// number, address, helper or note leaves every signature valid and is named as 签字后有非实质变更
// on the case, on a reprint and on 纸质件核验; a changed risk still voids it. Signatures made before
// this rule are checked the way they were made, so the upgrade itself voids none.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findStored } from '../../electron/core/files/store';
import { formChanges } from '../../electron/core/features/forms/formFields';
import { signedScopeHash } from '../../electron/core/features/forms/signedScope';
import { buildForm } from '../../electron/core/features/forms/documents';
import { formKinds } from '../../shared/domain/paper';
import { openTestOffice, type TestOffice } from './harness';
import { caseThroughElimination, type PaperCase } from './paperCase';

const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let office: TestOffice;
let paper: PaperCase;
let reviewer: string;

beforeEach(async () => {
  office = await openTestOffice();
  paper = await caseThroughElimination(office);
  reviewer = await office.loginAs('reviewer');
}, 120_000);
afterEach(async () => {
  await office.close();
});

async function countyBlock() {
  const s = await office.call('forms.status', { caseId: paper.caseId });
  const form = s.forms.find((f) => f.kind === 'form.approval')!;
  return { form, block: form.blocks.find((b) => b.block === 'county')! };
}

function printedHtml(fileId: string): string {
  return readFileSync(findStored(office.dataDir, 'outbox', fileId)!.path, 'utf8');
}

describe('signatures rest on material facts', () => {
  it('a new phone number and address leave the county signature valid and are named on the case, the reprint and 纸质件核验', async () => {
    await office.call('forms.sign', { kind: 'form.approval', recordId: paper.caseId, block: 'county', signerName: '赵局长', imagePng: png }, reviewer);
    const printed = await office.call('forms.print', { kind: 'form.approval', recordId: paper.caseId });
    const code = printed.documents[0]!.contentCode;

    await office.call('households.update', { id: paper.householdId, patch: { phone: '0598-2812399', address: '坪埠村一组 9 号' } });

    const { block } = await countyBlock();
    expect(block.status).toBe('valid');
    expect(block.informationalChanges).toEqual(['住址', '联系电话']);

    const reprint = printedHtml((await office.call('forms.print', { kind: 'form.approval', recordId: paper.caseId })).file.fileId);
    expect(reprint).toContain('签字后有非实质变更：住址、联系电话');
    expect(reprint).toContain('赵局长的签名');

    const verified = await office.call('print.verify', { code });
    if (!verified.found) throw new Error('not found');
    expect(verified.matches).toBe(false);
    expect(verified.informationalOnly).toBe(true);
    expect(verified.informationalChanges).toEqual(['住址', '联系电话']);
    expect(verified.changes).toContain('联系电话：13905981234 → 0598-2812399（非实质变更）');
    // Chinese only: no raw field path like household.phone.
    for (const c of verified.changes) expect(c).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('a changed risk still voids it, and 纸质件核验 says what changed in Chinese', async () => {
    await office.call('forms.sign', { kind: 'form.approval', recordId: paper.caseId, block: 'county', signerName: '赵局长', imagePng: png }, reviewer);
    const code = (await office.call('forms.print', { kind: 'form.approval', recordId: paper.caseId })).documents[0]!.contentCode;
    await office.core.db.updateTable('monitoring_cases').set({ category: 'suddenHardship' }).where('id', '=', paper.caseId).execute();
    const { block } = await countyBlock();
    expect(block.status).toBe('stale');
    expect(block.informationalChanges).toEqual([]);
    const verified = await office.call('print.verify', { code });
    if (!verified.found) throw new Error('not found');
    expect(verified.informationalOnly).toBe(false);
    expect(verified.changes).toEqual(['监测类别：脱贫不稳定户 → 突发严重困难户']);
  });

  it('a signature made before material fields keeps its old scope: still valid after the upgrade, void on a phone change as it was', async () => {
    await office.call('forms.sign', { kind: 'form.approval', recordId: paper.caseId, block: 'county', signerName: '赵局长', imagePng: png }, reviewer);
    // What 0009 leaves an old row as: version 1, the old hash, no signed data.
    const ctx = { db: office.core.db, today: () => '2026-11-09' } as unknown as Parameters<typeof buildForm>[0];
    const form = await buildForm(ctx, 'form.approval', paper.caseId);
    await office.core.db
      .updateTable('signatures')
      .set({ scope_version: 1, signed_data_json: null, content_hash: signedScopeHash('form.approval', 'county', form.data, 1) })
      .where('record_id', '=', paper.caseId)
      .execute();
    expect((await countyBlock()).block.status).toBe('valid');
    await office.call('households.update', { id: paper.householdId, patch: { phone: '0598-2812399' } });
    expect((await countyBlock()).block.status).toBe('stale');
  });

  it('every field of every form has a Chinese name (a new field without one fails here)', async () => {
    const ctx = { db: office.core.db, today: () => '2026-11-09' } as unknown as Parameters<typeof buildForm>[0];
    const visitId = (await office.core.db.selectFrom('visits').select('id').executeTakeFirst())?.id;
    for (const kind of formKinds) {
      if (kind === 'form.visit' && !visitId) continue;
      const form = await buildForm(ctx, kind, kind === 'form.visit' ? visitId! : paper.caseId);
      // Against an empty form every field is a change, so every field's name is listed.
      const changes = formChanges(kind, {}, form.data);
      expect(changes.length).toBeGreaterThan(5);
      for (const c of changes) expect(`${kind} ${c.text.split('：')[0]}`).not.toMatch(/ .*[A-Za-z]/);
    }
  });
});
