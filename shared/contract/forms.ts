import { z } from 'zod';
import { signatureBlocks } from '../domain/formBlocks';
import { stepKinds } from '../domain/monitoring';
import { formKinds } from '../domain/paper';
import { signatureStatuses } from '../domain/signatureStatus';
import { channel } from './channel';
import { fileIdInput } from './fileRefs';
import { jobStartedSchema } from './jobs';
import { idSchema, optionalText, requiredText } from './fields';
import { printResultSchema } from './print';

// Approval forms and their signatures (DOMAIN §7, §8, §13; issue 4 part 2). A signature is bound
// to the hash of the form's data at signing; when the record changes the signature shows 已失效
// and the form needs signing again. Nothing replaces a signature silently: re-signing a block that
// has a standing signature needs a reason, and the old row is kept (superseded). After a signature
// the renderer invalidates forms.status.

const allRoles = ['admin', 'reviewer', 'clerk'] as const;

/** A drawn signature from signature_pad: a PNG data URL, at most about 600 KB. */
export const MAX_SIGNATURE_CHARS = 800_000;
export const signatureImageSchema = z
  .string({ error: '请先在签字框内签字' })
  .max(MAX_SIGNATURE_CHARS, { error: '签字图片过大，请清除后重新签字' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, { error: '签字图片格式不正确，请清除后重新签字' });

const formKindField = z.enum(formKinds, { error: '请选择表单' });
const blockField = z.enum(signatureBlocks, { error: '请选择签字栏' });

const signerField = requiredText('签字人姓名', 20);

export const formSignSchema = z.object({
  kind: formKindField,
  /** The case id (a visit id for form.visit). */
  recordId: idSchema,
  block: blockField,
  signerName: signerField,
  imagePng: signatureImageSchema,
  /** Required when the block already has a standing signature. */
  replaceReason: optionalText('重新签字原因', 200, 'multi'),
});
export type FormSignInput = z.input<typeof formSignSchema>;

export const formMarkInkSchema = z.object({
  kind: formKindField,
  recordId: idSchema,
  block: blockField,
  signerName: signerField,
  replaceReason: optionalText('重新签字原因', 200, 'multi'),
});
export type FormMarkInkInput = z.input<typeof formMarkInkSchema>;

export const formAttachScanSchema = z.object({
  signatureId: idSchema,
  /** A staged file: the scanned or photographed signed page (jpg, png or pdf). */
  fileId: fileIdInput,
});

export const signatureInfoSchema = z.object({
  id: z.string(),
  signerName: z.string(),
  roleLabel: z.string(),
  method: z.enum(['screen', 'ink']),
  /** 签字日期 (office day). */
  signedOn: z.string(),
  signedAt: z.string(),
  /** The form's content code when it was signed. */
  contentCode: z.string(),
  scanAttachedAt: z.string().nullable(),
  /** Display name of who captured it. */
  recordedBy: z.string(),
});
export type SignatureInfo = z.infer<typeof signatureInfoSchema>;

export const formBlockStatusSchema = z.object({
  block: z.enum(signatureBlocks),
  roleLabel: z.string(),
  /** Only a reviewer or administrator may capture it (乡镇 / 县级). */
  reviewerOnly: z.boolean(),
  optional: z.boolean(),
  status: z.enum(signatureStatuses),
  signature: signatureInfoSchema.nullable(),
  /** Earlier signatures of this block that were replaced (newest first). */
  replaced: z.array(signatureInfoSchema.extend({ supersededReason: z.string().nullable() })),
  /** Who is expected to sign, from the record (the head, the investigators of 入户核实 …). */
  suggestedSigner: z.string().nullable(),
  /**
   * For a standing signature: fields the form only shows for convenience (联系电话, 住址, 帮扶联系人,
   * notes) that changed since it was signed. They leave the signature valid (签字后有非实质变更).
   */
  informationalChanges: z.array(z.string()),
});
export type FormBlockStatus = z.infer<typeof formBlockStatusSchema>;

export const formStatusSchema = z.object({
  kind: z.enum(formKinds),
  recordId: z.string(),
  title: z.string(),
  /** e.g. "2026-05-03 日常走访" for a visit record; null for the case's forms. */
  recordLabel: z.string().nullable(),
  /** The form's current content code (核验码), as printed in its footer. */
  contentCode: z.string(),
  /** Every required block has a valid signature. */
  complete: z.boolean(),
  blocks: z.array(formBlockStatusSchema),
});
export type FormStatus = z.infer<typeof formStatusSchema>;

export const formsStatusSchema = z.object({
  caseId: z.string(),
  caseCode: z.string(),
  householdCode: z.string(),
  /** The forms that apply to the case at its stage, then one visit record per visit. */
  forms: z.array(formStatusSchema),
});
export type FormsStatus = z.infer<typeof formsStatusSchema>;

/** Forms printed in batch for the cases waiting at a step; visit records are printed one by one. */
export const batchFormKinds = ['form.application', 'form.collection', 'form.approval', 'form.measures', 'form.elimination'] as const;

export const formsBatchSchema = z.object({
  kind: z.enum(batchFormKinds, { error: '请选择表单' }),
  step: z.enum(stepKinds, { error: '请选择流程步骤' }),
  villageId: idSchema.optional(),
});
export type FormsBatchInput = z.input<typeof formsBatchSchema>;

export const batchCaseSchema = z.object({
  caseId: z.string(),
  caseCode: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  villageName: z.string(),
});

/** One signature to-do (issue 14): the case it belongs to, the form and, for a signature, its block. */
export const signatureTodoItemSchema = z.object({
  caseId: z.string(),
  caseCode: z.string(),
  headName: z.string(),
  villageName: z.string(),
  helperName: z.string().nullable(),
  formKind: formKindField,
  /** The block's role label; null for an approval form with blocks left unsigned. */
  roleLabel: z.string().nullable(),
});
export type SignatureTodoItem = z.infer<typeof signatureTodoItemSchema>;
export const signatureTodosSchema = z.object({
  unsigned: z.array(signatureTodoItemSchema),
  awaitingScan: z.array(signatureTodoItemSchema),
  stale: z.array(signatureTodoItemSchema),
});
export type SignatureTodos = z.infer<typeof signatureTodosSchema>;

export const formsChannels = {
  /** The workbench's signature to-dos, listed (the counts open this list). */
  'forms.signatureTodos': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: signatureTodosSchema }),
  /** The case's forms with each block's signature and status (有效 / 已失效 / 待签 / 纸质待上传). */
  'forms.status': channel({ access: 'signedIn', mutates: false, input: z.object({ caseId: idSchema }), output: formsStatusSchema }),
  /** A signature drawn on screen; 乡镇 / 县级 blocks only for reviewers and administrators. */
  'forms.sign': channel({ access: allRoles, mutates: true, input: formSignSchema, output: formStatusSchema }),
  /** "Signed in ink on paper": the block waits for the scan of the signed page. */
  'forms.markInk': channel({ access: allRoles, mutates: true, input: formMarkInkSchema, output: formStatusSchema }),
  /** Attaches the scanned signed page to an ink signature (once; a new scan needs a new ink signature). */
  'forms.attachScan': channel({ access: allRoles, mutates: true, input: formAttachScanSchema, output: formStatusSchema }),
  /** One form as an A4 HTML document to print or save as PDF. */
  'forms.print': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ kind: formKindField, recordId: idSchema }),
    output: printResultSchema,
  }),
  /** The open cases waiting at a step (the batch print's list). */
  'forms.batchCases': channel({
    access: 'signedIn',
    mutates: false,
    input: formsBatchSchema,
    output: z.object({ cases: z.array(batchCaseSchema) }),
  }),
  /** All forms of one kind for the cases waiting at a step, in one document (a job; result printResultSchema). */
  // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
  'forms.printBatch': channel({ access: 'signedIn', mutates: true, ownTransaction: true, input: formsBatchSchema, output: jobStartedSchema }),
};
