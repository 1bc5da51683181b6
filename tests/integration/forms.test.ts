import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { printResultSchema } from '../../shared/contract/print';
import { negativeListItems, type NegativeListItem } from '../../shared/domain/monitoring';
import { findStored } from '../../electron/core/files/store';
import { adminPassword, openTestOffice, TestClock, type TestOffice } from './harness';
import { auditRows, householdInput, idOf, member } from './householdsFixtures';

// Approval forms and signatures: each form holds the household's facts with amounts in capitals,
// a signature is bound to the form's content and goes 已失效 when the record changes, nothing
// replaces a signature without a reason, approvals are the reviewer's, ink signatures take one scan.

let office: TestOffice;

beforeEach(async () => {
  office = await openTestOffice({ clock: new TestClock('2026-05-01T02:00:00.000Z') });
});
afterEach(async () => {
  await office.close();
});

/** A 1×1 PNG, as signature_pad would hand over (the core checks the PNG header and size). */
const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const noHits = () => Object.fromEntries(negativeListItems.map((k) => [k, false])) as Record<NegativeListItem, boolean>;

async function household(code: string, head = '张三') {
  const n = Number(code.slice(-3));
  const members = [
    member(head, idOf('19650312', 10 + n), 'head'),
    member('李四妹', idOf('19680720', 20 + n), 'spouse', { education: 'primary' }),
    member('张小明', idOf('19950105', 30 + n), 'son'),
  ];
  const { id } = await office.call('households.create', householdInput(office, { householdCode: code, members }));
  return { id, headId: members[0]!.idNumber };
}

type StepIn = InputOf<'monitoring.recordStep'>;
function step(id: string, s: StepIn['step'], date: string, over: Partial<StepIn> = {}): StepIn {
  return { id, step: s, date, people: ['王干部'], outcome: 'passed', ...over };
}

/** A case waiting at 乡镇审核: income 12,000 元 for three people (4,000 元 each). */
async function caseAtTownship(code = '3504211010010001', head = '张三') {
  const hh = await household(code, head);
  await office.call('income.save', { householdId: hh.id, year: 2025, wageFen: 1_200_000 });
  const d = await office.call('monitoring.open', {
    householdId: hh.id,
    clueSource: 'cadreVisit',
    clueDate: '2026-04-20',
    clueNote: '户主住院，医疗支出大',
    risks: ['illness', 'schooling'],
  });
  const id = d.case.id;
  await office.call('monitoring.recordStep', step(id, 'apply', '2026-04-21', { people: [head] }));
  await office.call('monitoring.recordStep', step(id, 'homeCheck', '2026-04-22', { people: ['王干部', '刘会计'], details: { negativeList: noHits() } }));
  await office.call('monitoring.recordStep', step(id, 'villageReview', '2026-04-23', { people: ['村支书', '村主任'] }));
  await office.call(
    'monitoring.recordStep',
    step(id, 'notice', '2026-04-24', { details: { notice: { startDate: '2026-04-24', endDate: '2026-04-28', place: '村务公开栏' } } }),
  );
  await office.call('monitoring.update', { id, category: 'unstableExited' });
  return { caseId: id, householdId: hh.id, headId: hh.headId };
}

function printedHtml(result: { file: { fileId: string } }): string {
  const file = findStored(office.dataDir, 'outbox', result.file.fileId);
  if (!file) throw new Error('printed file missing');
  return readFileSync(file.path, 'utf8');
}

async function blockOf(caseId: string, kind: string, block: string) {
  const s = await office.call('forms.status', { caseId });
  const form = s.forms.find((f) => f.kind === kind);
  const b = form?.blocks.find((x) => x.block === block);
  if (!form || !b) throw new Error(`no ${kind}/${block}`);
  return { form, block: b };
}

describe('form documents', () => {
  it('each form of a case at 乡镇审核 holds the household facts, and amounts in capitals', async () => {
    const { caseId, headId } = await caseAtTownship();
    const status = await office.call('forms.status', { caseId });
    expect(status.forms.map((f) => f.kind)).toEqual(['form.application', 'form.collection', 'form.approval']);
    expect(status.forms.every((f) => f.blocks.every((b) => b.status === 'unsigned'))).toBe(true);
    expect(status.forms.find((f) => f.kind === 'form.approval')!.blocks.map((b) => b.suggestedSigner)).toEqual(['村支书', null, null]);
    expect(status.forms.find((f) => f.kind === 'form.collection')!.blocks.map((b) => b.suggestedSigner)).toEqual(['王干部', '刘会计', '张三']);

    const application = printedHtml(await office.call('forms.print', { kind: 'form.application', recordId: caseId }));
    expect(application).toContain('防止返贫监测对象个人申请及承诺授权书');
    expect(application).toContain('张三');
    expect(application).toContain(headId);
    expect(application).toContain('授权');
    expect(application).toContain('4,000.00 元');
    expect(application).toContain('人民币肆仟元整');

    const collection = printedHtml(await office.call('forms.print', { kind: 'form.collection', recordId: caseId }));
    expect(collection).toContain('信息采集表');
    expect(collection).toContain('李四妹');
    expect(collection).toContain('12,000.00 元');
    expect(collection).toContain('人民币壹万贰仟元整');
    expect(collection).toContain('王干部、刘会计');
    expect(collection).toContain('不愁吃');
    expect(collection).toContain('因病');

    const approvalResult = await office.call('forms.print', { kind: 'form.approval', recordId: caseId });
    const approval = printedHtml(approvalResult);
    expect(approval).toContain('识别审批表');
    expect(approval).toContain('2026-04-24 至 2026-04-28');
    expect(approval).toContain('村务公开栏');
    expect(approval).toContain('脱贫不稳定户');
    expect(approval).toContain('公示期间无异议');
    expect(approval).toContain('人民币柒仟贰佰陆拾元整'); // the 2025 line (7,260 元 by default)
    expect(approval).toContain('乡镇审核意见');
    // The footer's content code is the one forms.status shows.
    const code = status.forms.find((f) => f.kind === 'form.approval')!.contentCode;
    expect(approvalResult.documents[0]!.contentCode).toBe(code);
    expect(approval).toContain(code);

    // Plan forms come with monitoring; a plan form of a case still being identified is refused.
    expect((await office.fail('forms.print', { kind: 'form.measures', recordId: caseId })).code).toBe('RULE');
  });

  it('the plan and visit forms of an included case carry their facts', async () => {
    const { caseId, householdId } = await caseAtTownship();
    const reviewer = await office.loginAs('reviewer');
    await office.call('monitoring.recordStep', step(caseId, 'townshipReview', '2026-04-29', { people: ['乡镇领导'] }), reviewer);
    await office.call('monitoring.recordStep', step(caseId, 'countyDecision', '2026-04-30', { people: ['县乡村振兴局'] }), reviewer);
    const catalog = await office.call('measures.catalog', {});
    const health = catalog.types.find((t) => t.hasAmount) ?? catalog.types[0]!;
    await office.call('measures.create', {
      caseId,
      measureTypeCode: health.code,
      riskTypes: ['illness'],
      responsibleUnit: '镇卫生院',
      plannedDate: '2026-05-01',
      ...(health.hasAmount ? { amountFen: 350_000 } : {}),
    } as InputOf<'measures.create'>);
    await office.call('visits.create', { householdId, visitDate: '2026-05-01', visitors: ['王干部', '李明'], findings: '户主出院，正在康复' });

    const status = await office.call('forms.status', { caseId });
    expect(status.forms.map((f) => f.kind)).toEqual(['form.application', 'form.collection', 'form.approval', 'form.measures', 'form.visit']);
    const visitForm = status.forms.find((f) => f.kind === 'form.visit')!;
    expect(visitForm.recordLabel).toContain('2026-05-01');

    const measures = printedHtml(await office.call('forms.print', { kind: 'form.measures', recordId: caseId }));
    expect(measures).toContain('镇卫生院');
    expect(measures).toContain('帮扶资金合计');
    expect(health.hasAmount).toBe(true);
    expect(measures).toContain('3,500.00 元');
    expect(measures).toContain('人民币叁仟伍佰元整');

    const visit = printedHtml(await office.call('forms.print', { kind: 'form.visit', recordId: visitForm.recordId }));
    expect(visit).toContain('户主出院，正在康复');
    expect(visit).toContain('王干部、李明');
    expect(visit).toContain('走访人（一）');
  });
});

describe('the elimination form', () => {
  it('shows the five preconditions, income against the line and the floor, with the investigators and approvers', async () => {
    const { caseId, householdId } = await caseAtTownship();
    const reviewer = await office.loginAs('reviewer');
    await office.call('monitoring.recordStep', step(caseId, 'townshipReview', '2026-04-29', { people: ['乡镇领导'] }), reviewer);
    await office.call('monitoring.recordStep', step(caseId, 'countyDecision', '2026-04-30', { people: ['县乡村振兴局'] }), reviewer);
    const catalog = await office.call('measures.catalog', {});
    for (const risk of ['illness', 'schooling'] as const) {
      const m = await office.call('measures.create', {
        caseId,
        measureTypeCode: catalog.types[0]!.code,
        riskTypes: [risk],
        responsibleUnit: '镇政府',
        plannedDate: '2026-05-01',
      } as InputOf<'measures.create'>);
      await office.call('measures.update', { id: m.id, status: 'done', doneDate: '2026-05-01' });
    }
    office.clock.set('2026-11-02');
    await office.call('users.unlock', { password: adminPassword });
    await office.call('income.save', { householdId, year: 2026, wageFen: 2_700_000 });
    expect((await office.call('forms.status', { caseId })).forms.map((f) => f.kind)).not.toContain('form.elimination');
    await office.call('monitoring.recordStep', step(caseId, 'nominate', '2026-11-01'));
    await office.call('monitoring.recordStep', step(caseId, 'homeCheck', '2026-11-02', { people: ['王干部', '刘会计'] }));

    const status = await office.call('forms.status', { caseId });
    const form = status.forms.find((f) => f.kind === 'form.elimination')!;
    expect(form.blocks.map((b) => [b.block, b.suggestedSigner])).toEqual([
      ['investigator1', '王干部'],
      ['investigator2', '刘会计'],
      ['head', '张三'],
      ['village', null],
      ['township', null],
      ['county', null],
    ]);
    const printed = printedHtml(await office.call('forms.print', { kind: 'form.elimination', recordId: caseId }));
    expect(printed).toContain('风险消除评估表');
    expect(printed).toContain('监测时间已满最短期限');
    expect(printed).toContain('非整户无劳动能力户');
    expect(printed).toContain('☑满足');
    expect(printed).toContain('9,000.00 元');
    expect(printed).toContain('人民币玖仟元整');
    expect(printed).toContain('风险消除收入底线');
    expect(printed).toContain('村民主评议意见');
  });
});

describe('signatures', () => {
  it('a reviewer signs the township block; a change of the record makes it 已失效; re-signing keeps the old row', async () => {
    const { caseId } = await caseAtTownship();
    const reviewer = await office.loginAs('reviewer');
    const clerk = await office.loginAs('clerk');

    // Approvals are the reviewer's.
    const refused = await office.fail('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'county', signerName: '赵局长', imagePng: png }, clerk);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('县级审定人');
    // A block the form does not have, and a picture that is not a PNG, are refused.
    expect((await office.fail('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'head', signerName: '张三', imagePng: png })).code).toBe('INVALID_INPUT');
    expect(
      (await office.fail('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'township', signerName: '乡镇领导', imagePng: 'data:image/png;base64,AAAA' }))
        .code,
    ).toBe('INVALID_INPUT');

    const signed = await office.call('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'township', signerName: '乡镇领导', imagePng: png }, reviewer);
    const township = signed.blocks.find((b) => b.block === 'township')!;
    expect(township.status).toBe('valid');
    expect(township.signature).toMatchObject({ signerName: '乡镇领导', roleLabel: '乡镇审核人', method: 'screen', signedOn: '2026-05-01' });
    const printed = printedHtml(await office.call('forms.print', { kind: 'form.approval', recordId: caseId }));
    expect(printed).toContain(`<img src="${png}"`);
    expect(printed).toContain('（乡镇领导）');
    expect((await auditRows(office, township.signature!.id)).some((a) => a.summary.includes('乡镇领导 屏幕签字'))).toBe(true);

    // Nothing silently replaces a standing signature.
    const again = await office.fail('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'township', signerName: '另一领导', imagePng: png }, reviewer);
    expect(again.code).toBe('RULE');
    expect(again.message).toContain('原因');

    // The record changes: a risk is added → the signature no longer matches.
    await office.call('monitoring.update', { id: caseId, addRisks: [{ riskType: 'disaster', note: '山洪' }] });
    const stale = await blockOf(caseId, 'form.approval', 'township');
    expect(stale.block.status).toBe('stale');
    expect(stale.form.contentCode).not.toBe(signed.contentCode);
    const stalePrint = printedHtml(await office.call('forms.print', { kind: 'form.approval', recordId: caseId }));
    expect(stalePrint).not.toContain('<img src="data:image/png');
    expect(stalePrint).toContain('原签字已失效');

    // Signing again, with the reason the page asks for: valid again, the old row kept and superseded.
    const resigned = await office.call(
      'forms.sign',
      { kind: 'form.approval', recordId: caseId, block: 'township', signerName: '乡镇领导', imagePng: png, replaceReason: '新增风险类型后重新审核' },
      reviewer,
    );
    const now = resigned.blocks.find((b) => b.block === 'township')!;
    expect(now.status).toBe('valid');
    expect(now.signature!.id).not.toBe(township.signature!.id);
    expect(now.replaced).toHaveLength(1);
    expect(now.replaced[0]).toMatchObject({ id: township.signature!.id, supersededReason: '新增风险类型后重新审核' });
    const rows = await office.core.db.selectFrom('signatures').selectAll().where('record_id', '=', caseId).orderBy('signed_at').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.superseded_by).toBe(rows[1]!.id);

    // An income change also moves the content: the same signature goes stale again.
    const hh = (await office.call('monitoring.get', { id: caseId })).household.id;
    await office.call('income.save', { householdId: hh, year: 2025, wageFen: 1_260_000 });
    expect((await blockOf(caseId, 'form.approval', 'township')).block.status).toBe('stale');
  });

  it('a signature covers its own step and what came before it: later steps of the workflow do not void it', async () => {
    const { caseId } = await caseAtTownship();
    const reviewer = await office.loginAs('reviewer');
    await office.call('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'village', signerName: '村主任', imagePng: png });
    // The township records its review, then its leader signs the approval form.
    await office.call('monitoring.recordStep', step(caseId, 'townshipReview', '2026-05-01', { people: ['乡镇领导'] }), reviewer);
    await office.call('forms.sign', { kind: 'form.approval', recordId: caseId, block: 'township', signerName: '乡镇领导', imagePng: png }, reviewer);
    // The county decides: the case is included. The signatures already on the form still stand.
    await office.call('monitoring.recordStep', step(caseId, 'countyDecision', '2026-05-01', { people: ['县乡村振兴局'] }), reviewer);
    expect((await blockOf(caseId, 'form.approval', 'village')).block.status).toBe('valid');
    expect((await blockOf(caseId, 'form.approval', 'township')).block.status).toBe('valid');
    // What the signers saw changes (a risk is added): both signatures are void.
    await office.call('monitoring.update', { id: caseId, addRisks: [{ riskType: 'disaster', note: '山洪' }] });
    expect((await blockOf(caseId, 'form.approval', 'village')).block.status).toBe('stale');
    expect((await blockOf(caseId, 'form.approval', 'township')).block.status).toBe('stale');
  });

  it('ink on paper waits for the scan; the scan is attached once, only to an ink signature', async () => {
    const { caseId } = await caseAtTownship();
    const ink = await office.call('forms.markInk', { kind: 'form.collection', recordId: caseId, block: 'head', signerName: '张三' });
    const head = ink.blocks.find((b) => b.block === 'head')!;
    expect(head.status).toBe('awaitingScan');
    expect(head.signature?.method).toBe('ink');
    const inkPrint = printedHtml(await office.call('forms.print', { kind: 'form.collection', recordId: caseId }));
    expect(inkPrint).not.toContain('已附签字页扫描件');

    const bytes = Buffer.from(png.slice(png.indexOf(',') + 1), 'base64');
    const staged = office.core.stageUpload('admin-session', '签字页.png', bytes);
    if (!staged.ok) throw new Error(staged.error.message);
    const attached = await office.call('forms.attachScan', { signatureId: head.signature!.id, fileId: staged.data.fileId });
    expect(attached.blocks.find((b) => b.block === 'head')!.status).toBe('valid');
    const row = await office.core.db.selectFrom('signatures').selectAll().where('id', '=', head.signature!.id).executeTakeFirstOrThrow();
    expect(row.scan_file).toBe(`attachments/${row.id}.png`);
    expect(row.scan_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(existsSync(join(office.dataDir, row.scan_file!))).toBe(true);
    expect(printedHtml(await office.call('forms.print', { kind: 'form.collection', recordId: caseId }))).toContain('已附签字页扫描件');

    // Once only.
    const second = office.core.stageUpload('admin-session', '签字页2.png', bytes);
    if (!second.ok) throw new Error(second.error.message);
    expect((await office.fail('forms.attachScan', { signatureId: head.signature!.id, fileId: second.data.fileId })).code).toBe('CONFLICT');

    // Only for ink: a screen signature has its image.
    const screen = await office.call('forms.sign', { kind: 'form.collection', recordId: caseId, block: 'investigator1', signerName: '王干部', imagePng: png });
    const inv = screen.blocks.find((b) => b.block === 'investigator1')!;
    expect((await office.fail('forms.attachScan', { signatureId: inv.signature!.id, fileId: second.data.fileId })).code).toBe('RULE');

    // A file that is not a scan is refused.
    const text = office.core.stageUpload('admin-session', 'notes.txt', Buffer.from('hello'));
    if (!text.ok) throw new Error(text.error.message);
    const other = await office.call('forms.markInk', { kind: 'form.collection', recordId: caseId, block: 'investigator2', signerName: '刘会计' });
    const inv2 = other.blocks.find((b) => b.block === 'investigator2')!;
    expect((await office.fail('forms.attachScan', { signatureId: inv2.signature!.id, fileId: text.data.fileId })).code).toBe('INVALID_INPUT');
  });
});

describe('batch print', () => {
  it('prints the approval forms of every case waiting at 乡镇审核 in one job', async () => {
    await caseAtTownship('3504211010010001', '张三');
    await caseAtTownship('3504211010010002', '王五');
    const other = await household('3504211010010003', '赵六');
    await office.call('monitoring.open', { householdId: other.id, clueSource: 'selfReport', clueDate: '2026-04-25', risks: ['illness'] });

    const list = await office.call('forms.batchCases', { kind: 'form.approval', step: 'townshipReview' });
    expect(list.cases.map((c) => c.headName)).toEqual(['张三', '王五']);

    const { jobId } = await office.call('forms.printBatch', { kind: 'form.approval', step: 'townshipReview' });
    const done = await office.core.jobs.wait(jobId);
    expect(done.status).toBe('done');
    const result = printResultSchema.parse(done.result);
    expect(result.documents).toHaveLength(2);
    expect(result.documents.every((d) => d.kind === 'form.approval')).toBe(true);
    const text = printedHtml(result);
    expect(text).toContain('张三');
    expect(text).toContain('王五');
    expect(text).not.toContain('赵六');

    const none = await office.fail('forms.printBatch', { kind: 'form.approval', step: 'countyDecision' });
    expect(none.code).toBe('RULE');
  });
});
