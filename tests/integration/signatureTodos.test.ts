import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminPassword, openTestOffice, TestClock, userPassword, type TestOffice } from './harness';
import { monitoredCase as caseThroughCounty, signaturePng as png } from './caseFixtures';

// The workbench's signature to-dos (issue 14 item 1): approval forms left unsigned, ink signatures
// waiting for their scan, and signatures a material change voided — exact counts before and after
// signing, after the scan, and after a changed risk; each count opens its list.

let office: TestOffice;
let reviewer: string;


beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-04-30T02:00:00.000Z') });
  reviewer = await office.loginAs('reviewer');
}, 60_000);
afterEach(async () => {
  await office.close();
});

async function setDay(date: string): Promise<void> {
  office.clock.set(date);
  await office.call('users.unlock', { password: adminPassword });
  await office.core.invoke('users.unlock', { password: userPassword }, reviewer);
}

/** A case taken through 县级审定 (监测中), with its helper 王干部. */
async function monitoredCase(code: string): Promise<string> {
  return (await caseThroughCounty(office, reviewer, code)).id;
}

async function counts() {
  const w = await office.call('reports.workbench', {});
  const of = (key: string) => w.todos.find((t) => t.key === key)!;
  return { stale: of('signature.stale').count, unsigned: of('signature.unsigned').count, scan: of('signature.scan').count, todo: of('signature.stale') };
}

describe('签字待办 on the workbench', () => {
  it('counts unsigned approval forms, ink signatures awaiting a scan and stale signatures exactly', async () => {
    const a = await monitoredCase('3504211010010001');
    const b = await monitoredCase('3504211010010002');
    await setDay('2026-05-02');
    expect(await counts()).toMatchObject({ stale: 0, unsigned: 2, scan: 0 });

    // Case a's approval form signed in all three blocks; case b's only by the village.
    await office.call('forms.sign', { kind: 'form.approval', recordId: a, block: 'village', signerName: '村主任', imagePng: png });
    await office.call('forms.sign', { kind: 'form.approval', recordId: a, block: 'township', signerName: '陈乡长', imagePng: png }, reviewer);
    await office.call('forms.sign', { kind: 'form.approval', recordId: a, block: 'county', signerName: '赵局长', imagePng: png }, reviewer);
    await office.call('forms.sign', { kind: 'form.approval', recordId: b, block: 'village', signerName: '村主任', imagePng: png });
    // Case b's information form: the head signs in ink; the scan comes later.
    const ink = await office.call('forms.markInk', { kind: 'form.collection', recordId: b, block: 'head', signerName: '张三' });
    let c = await counts();
    expect(c).toMatchObject({ stale: 0, unsigned: 1, scan: 1 });
    expect(c.todo.label).toContain('签字已失效');
    expect(c.todo.route).toBe('/forms/signatures?show=stale');

    const lists = await office.call('forms.signatureTodos', {});
    expect(lists.unsigned.map((i) => i.caseId)).toEqual([b]);
    expect(lists.awaitingScan).toMatchObject([{ caseId: b, formKind: 'form.collection', roleLabel: '户主' }]);

    const bytes = Buffer.from(png.slice(png.indexOf(',') + 1), 'base64');
    const staged = office.core.stageUpload('admin-session', '签字页.png', bytes);
    if (!staged.ok) throw new Error(staged.error.message);
    const head = ink.blocks.find((x) => x.block === 'head')!;
    await office.call('forms.attachScan', { signatureId: head.signature!.id, fileId: staged.data.fileId });
    expect(await counts()).toMatchObject({ stale: 0, unsigned: 1, scan: 0 });

    // A new risk is a material change: case a's three approval signatures are void, and case b's
    // village signature and ink head signature stand.
    await office.call('monitoring.update', { id: a, addRisks: [{ riskType: 'disaster', note: '山洪' }] });
    c = await counts();
    expect(c).toMatchObject({ stale: 3, unsigned: 1, scan: 0 });
    const after = await office.call('forms.signatureTodos', {});
    expect(after.stale.map((i) => `${i.caseId === a ? 'a' : 'b'}:${i.formKind}:${i.roleLabel ?? ''}`).sort()).toEqual(['a:form.approval:乡镇审核人', 'a:form.approval:县级审定人', 'a:form.approval:村委会负责人']);

    // Signing again clears them one by one.
    await office.call('forms.sign', { kind: 'form.approval', recordId: a, block: 'village', signerName: '村主任', imagePng: png });
    expect(await counts()).toMatchObject({ stale: 2, unsigned: 1, scan: 0 });
  });
});
