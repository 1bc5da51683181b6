import type { ParsedInputOf } from '../../../../shared/contract';
import type { FormBlockStatus, FormStatus, FormsStatus, SignatureInfo } from '../../../../shared/contract/forms';
import type { PrintResult } from '../../../../shared/contract/print';
import { blockDef, formBlocks, type SignatureBlock } from '../../../../shared/domain/formBlocks';
import type { CaseStatus } from '../../../../shared/domain/monitoring';
import { documentKindShortLabels, type FormKind } from '../../../../shared/domain/paper';
import { currentSignature, signatureStatusLabels, statusOf } from '../../../../shared/domain/signatureStatus';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { canonicalJson, contentCode } from '../print/hash';
import { printDocuments } from '../print/render';
import { newRowMeta, touched } from '../../rows';
import { findCase } from '../monitoring/repository';
import { copyScan } from './attachments';
import { buildForm, type BuiltForm, type FactsCache } from './documents';
import { buildForms } from './documents/batch';
import * as repo from './repository';
import { currentScopeVersion } from './signedScope';
import type { SignatureRecord } from './repository';
import { progressWords } from '../../progressWords';

const ENTITY = 'signature';

/** The smallest PNG a drawn signature can be, and the largest kept (the contract caps the text too). */
const MIN_SIGNATURE_BYTES = 60;
const MAX_SIGNATURE_BYTES = 600 * 1024;

// ---------------------------------------------------------------------------------------------
// Which forms a case has

/** The case's forms at its stage: identification forms always; plan and elimination forms once monitored. */
function caseKinds(status: CaseStatus, activeWorkflow: string | null, hasEliminationSteps: boolean): FormKind[] {
  const kinds: FormKind[] = ['form.application', 'form.collection', 'form.approval'];
  if (status === 'monitoring' || status === 'eliminated') kinds.push('form.measures');
  if (activeWorkflow === 'elimination' || status === 'eliminated' || hasEliminationSteps) kinds.push('form.elimination');
  return kinds;
}

async function requireCaseRow(ctx: HandlerContext, caseId: string) {
  const c = await findCase(ctx.db, caseId);
  if (!c || c.deleted_at !== null) throw new AppError('NOT_FOUND', '找不到该监测案件，可能已被删除，请刷新后重试');
  return c;
}

async function kindsOfCase(ctx: HandlerContext, caseId: string): Promise<FormKind[]> {
  const c = await requireCaseRow(ctx, caseId);
  const elimination = await ctx.db
    .selectFrom('case_steps')
    .select('id')
    .where('case_id', '=', caseId)
    .where('workflow', '=', 'elimination')
    .where('round', '=', c.round)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return caseKinds(c.status, c.active_workflow, elimination !== undefined);
}

/** Refuses a form that does not belong to the record (a plan form of a case still being identified). */
async function requireApplicable(ctx: HandlerContext, kind: FormKind, recordId: string): Promise<void> {
  if (kind === 'form.visit') return; // the builder refuses a visit that is not a case's
  const kinds = await kindsOfCase(ctx, recordId);
  if (!kinds.includes(kind)) {
    throw new AppError('RULE', `该案件当前阶段还没有「${documentKindShortLabels[kind]}」，请在案件进入相应流程后再办理`);
  }
}

// ---------------------------------------------------------------------------------------------
// Status

async function userNames(ctx: HandlerContext): Promise<Map<string, string>> {
  const rows = await ctx.db.selectFrom('users').select(['id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

function info(r: SignatureRecord, names: Map<string, string>): SignatureInfo {
  return {
    id: r.id,
    signerName: r.signer_name,
    roleLabel: r.role_label,
    method: r.method,
    signedOn: r.signed_on,
    signedAt: r.signed_at,
    contentCode: contentCode(r.content_hash),
    scanAttachedAt: r.scan_attached_at,
    recordedBy: names.get(r.updated_by) ?? r.updated_by,
  };
}

async function formStatus(ctx: HandlerContext, form: BuiltForm, names: Map<string, string>): Promise<FormStatus> {
  const rows = await repo.signaturesOf(ctx.db, form.kind, form.recordRef);
  const blocks: FormBlockStatus[] = form.blocks.map((v) => {
    const mine = rows.filter((r) => r.block === v.def.block);
    const replaced = mine
      .filter((r) => r.superseded_by !== null)
      .reverse()
      .map((r) => ({ ...info(r, names), supersededReason: r.superseded_reason }));
    return {
      block: v.def.block,
      roleLabel: v.def.roleLabel,
      reviewerOnly: v.def.reviewerOnly,
      optional: v.def.optional,
      status: v.status,
      signature: v.row ? info(v.row, names) : null,
      replaced,
      suggestedSigner: form.signers[v.def.block] ?? null,
      informationalChanges: v.informationalChanges,
    };
  });
  return {
    kind: form.kind,
    recordId: form.recordRef,
    title: form.title,
    recordLabel: form.recordLabel,
    contentCode: contentCode(form.hash),
    complete: blocks.every((b) => b.optional || b.status === 'valid'),
    blocks,
  };
}

export async function status(ctx: HandlerContext, caseId: string): Promise<FormsStatus> {
  const kinds = await kindsOfCase(ctx, caseId);
  const visits = await repo.visitIdsOfCase(ctx.db, caseId);
  const cache: FactsCache = new Map();
  const names = await userNames(ctx);
  const forms: FormStatus[] = [];
  let householdCode = '';
  for (const kind of kinds) {
    const form = await buildForm(ctx, kind, caseId, cache);
    householdCode = form.recordCode;
    forms.push(await formStatus(ctx, form, names));
  }
  for (const v of visits) forms.push(await formStatus(ctx, await buildForm(ctx, 'form.visit', v.id, cache), names));
  const c = await requireCaseRow(ctx, caseId);
  return { caseId, caseCode: c.case_code, householdCode, forms };
}

async function statusOfOne(ctx: HandlerContext, kind: FormKind, recordId: string): Promise<FormStatus> {
  return formStatus(ctx, await buildForm(ctx, kind, recordId), await userNames(ctx));
}

// ---------------------------------------------------------------------------------------------
// Signing

interface SignRequest {
  kind: FormKind;
  recordId: string;
  block: SignatureBlock;
  signerName: string;
  replaceReason: string | null;
  method: 'screen' | 'ink';
  imagePng: string | null;
}

function checkImage(dataUrl: string): void {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!png || bytes.length < MIN_SIGNATURE_BYTES) {
    throw new AppError('INVALID_INPUT', '签字图片无法识别，请清除后重新签字', { imagePng: '签字图片无法识别' });
  }
  if (bytes.length > MAX_SIGNATURE_BYTES) {
    throw new AppError('INVALID_INPUT', '签字图片过大（超过 600 KB），请清除后重新签字', { imagePng: '签字图片过大' });
  }
}

async function addSignature(ctx: HandlerContext, req: SignRequest): Promise<FormStatus> {
  const user = ctx.requireUser();
  const def = blockDef(req.kind, req.block);
  if (!def) {
    const msg = `「${documentKindShortLabels[req.kind]}」没有这个签字栏，可签字栏为：${formBlocks[req.kind].map((b) => b.roleLabel).join('、')}`;
    throw new AppError('INVALID_INPUT', msg, { block: msg });
  }
  if (def.reviewerOnly && user.role === 'clerk') {
    throw new AppError('FORBIDDEN', `「${def.roleLabel}」签字栏须由审核人或管理员办理（谁签字、谁负责），录入员不能代签。请由审核人登录后签字`);
  }
  if (req.imagePng !== null) checkImage(req.imagePng);
  await requireApplicable(ctx, req.kind, req.recordId);
  // The form as it is now: the signature is bound to this content (read before the transaction:
  // the builders read through the shared connection).
  const form = await buildForm(ctx, req.kind, req.recordId);
  const hash = form.blockHash(req.block);

  await ctx.mutate(async (tx, audit) => {
    const rows = (await repo.signaturesOf(tx, req.kind, req.recordId)).filter((r) => r.block === req.block);
    const facts = rows.map((r) => ({
      ...r,
      contentHash: r.content_hash,
      signedAt: r.signed_at,
      supersededBy: r.superseded_by,
      deletedAt: r.deleted_at,
      scanFile: r.scan_file,
    }));
    const current = currentSignature(facts);
    const currentStatus = statusOf(current, current ? form.blockHash(req.block, current.scope_version) : hash);
    let reason = req.replaceReason;
    if (current && currentStatus !== 'stale' && reason === null) {
      const msg = `「${def.roleLabel}」已有${signatureStatusLabels[currentStatus]}的签字（${current.signer_name}，${current.signed_on}${current.method === 'ink' ? '，纸质' : ''}）。如确需重新签字，请填写原因；原签字将保留在记录中`;
      throw new AppError('RULE', msg, { replaceReason: '请填写重新签字原因' });
    }
    if (current && reason === null) reason = '表单内容已变更，原签字已失效，重新签字';

    const meta = await newRowMeta(ctx);
    await repo.insertSignature(tx, {
      ...meta,
      form_kind: req.kind,
      record_id: req.recordId,
      block: req.block,
      role_label: def.roleLabel,
      signer_name: req.signerName,
      method: req.method,
      image_png: req.imagePng,
      scan_file: null,
      scan_sha256: null,
      scan_attached_at: null,
      signed_on: ctx.today(),
      signed_at: ctx.nowIso(),
      content_hash: hash,
      superseded_by: null,
      superseded_reason: null,
      scope_version: currentScopeVersion,
      signed_data_json: canonicalJson(form.data),
    });
    if (current) {
      await repo.updateSignature(tx, current.id, { superseded_by: meta.id, superseded_reason: reason, ...touched(ctx) });
    }
    const how = req.method === 'screen' ? '屏幕签字' : '标记为纸质签字（待上传扫描件）';
    await audit.record({
      entity: ENTITY,
      entityId: meta.id,
      summary: `${form.title}（户 ${form.recordCode}）「${def.roleLabel}」${req.signerName} ${how}，核验码 ${contentCode(form.hash)}${
        current ? `；替换 ${current.signer_name} ${current.signed_on} 的签字（${reason ?? ''}）` : ''
      }`,
      before: current
        ? { signatureId: current.id, signerName: current.signer_name, method: current.method, signedOn: current.signed_on, status: signatureStatusLabels[currentStatus] }
        : null,
      after: {
        signatureId: meta.id,
        formKind: req.kind,
        recordId: req.recordId,
        block: req.block,
        signerName: req.signerName,
        method: req.method,
        contentCode: contentCode(form.hash),
        ...(current ? { replaced: current.id, replaceReason: reason } : {}),
      },
    });
  });
  return statusOfOne(ctx, req.kind, req.recordId);
}

export function sign(ctx: HandlerContext, input: ParsedInputOf<'forms.sign'>): Promise<FormStatus> {
  return addSignature(ctx, { ...input, method: 'screen' });
}

export function markInk(ctx: HandlerContext, input: ParsedInputOf<'forms.markInk'>): Promise<FormStatus> {
  return addSignature(ctx, { ...input, method: 'ink', imagePng: null });
}

export async function attachScan(ctx: HandlerContext, input: ParsedInputOf<'forms.attachScan'>): Promise<FormStatus> {
  const user = ctx.requireUser();
  const s = await repo.findSignature(ctx.db, input.signatureId);
  if (!s) throw new AppError('NOT_FOUND', '找不到该签字记录，请刷新后重试');
  const kind = s.form_kind as FormKind;
  const def = blockDef(kind, s.block);
  if (def?.reviewerOnly && user.role === 'clerk') {
    throw new AppError('FORBIDDEN', `「${def.roleLabel}」签字栏须由审核人或管理员办理，录入员不能上传其签字页`);
  }
  if (s.method !== 'ink') throw new AppError('RULE', '只有纸质签字才需要上传签字页扫描件；屏幕签字已保存签名图像');
  if (s.superseded_by !== null) throw new AppError('RULE', '该签字已被重新签字替换，不能再上传扫描件。请刷新后在当前签字上办理');
  if (s.scan_file !== null) {
    throw new AppError('CONFLICT', `该签字已于 ${s.scan_attached_at ?? ''} 附上扫描件，不能替换。如需更换，请先重新标记纸质签字（填写原因），再上传新的扫描件`);
  }
  const scan = copyScan(ctx.dataDir, input.fileId, s.id);
  const at = ctx.nowIso();
  await ctx.mutate(async (tx, audit) => {
    const fresh = await repo.findSignature(tx, s.id);
    if (!fresh || fresh.scan_file !== null || fresh.superseded_by !== null) throw new AppError('CONFLICT', '该签字刚被他人处理过，请刷新后重试');
    await repo.updateSignature(tx, s.id, { scan_file: scan.relativePath, scan_sha256: scan.sha256, scan_attached_at: at, ...touched(ctx) });
    await audit.record({
      entity: ENTITY,
      entityId: s.id,
      summary: `${documentKindShortLabels[kind]}「${s.role_label}」${s.signer_name} 的纸质签字附上扫描件（${scan.fileName}，${Math.ceil(scan.size / 1024)} KB）`,
      before: { scanFile: null },
      after: { scanFile: scan.relativePath, scanSha256: scan.sha256, scanAttachedAt: at },
    });
  });
  return statusOfOne(ctx, kind, s.record_id);
}

// ---------------------------------------------------------------------------------------------
// Printing

export async function print(ctx: HandlerContext, input: ParsedInputOf<'forms.print'>): Promise<PrintResult> {
  await requireApplicable(ctx, input.kind, input.recordId);
  const form = await buildForm(ctx, input.kind, input.recordId);
  return printDocuments(ctx, [form], { fileName: `${documentKindShortLabels[input.kind].replace(/\s+/g, '')}-${form.recordCode}.html` });
}

const batchWorkflow: Readonly<Record<ParsedInputOf<'forms.printBatch'>['kind'], 'identification' | 'elimination'>> = {
  'form.application': 'identification',
  'form.collection': 'identification',
  'form.approval': 'identification',
  'form.measures': 'elimination',
  'form.elimination': 'elimination',
};

export async function batchCases(ctx: HandlerContext, input: ParsedInputOf<'forms.batchCases'>) {
  const rows = await repo.casesAtStep(ctx.db, batchWorkflow[input.kind], input.step, input.villageId);
  return {
    cases: rows.map((r) => ({ caseId: r.id, caseCode: r.case_code, householdCode: r.household_code, headName: r.head_name, villageName: r.village_name })),
  };
}

export async function printBatch(ctx: HandlerContext, input: ParsedInputOf<'forms.printBatch'>): Promise<{ jobId: string }> {
  ctx.requireUser();
  const { cases } = await batchCases(ctx, input);
  if (cases.length === 0) throw new AppError('RULE', '没有正在该步骤等待办理的案件，无可打印的表单。请换一个步骤或村');
  const label = documentKindShortLabels[input.kind].replace(/\s+/g, '');
  const jobId = ctx.jobs.start('forms.printBatch', async (control) => {
    const forms = await buildForms(ctx, input.kind, cases.map((c) => c.caseId), (_form, i) => {
      control.throwIfCancelled();
      control.report(i + 1, cases.length, progressWords(i + 1, cases.length, `正在生成第 ${i + 1} / ${cases.length} 份（${cases[i]!.headName}）`, `已生成 ${cases.length} 份`));
    });
    return printDocuments(ctx, forms, { fileName: `${label}-${cases.length}份.html`, control });
  });
  return { jobId };
}
