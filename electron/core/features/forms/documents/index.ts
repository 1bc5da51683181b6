// The five approval forms and the visit record (DOMAIN §7, §8, §13), built from the record as it
// is now. `data` holds the facts the form prints — the thing hashed for the content code and for
// signatures — and never the signatures themselves; `body` draws the facts and, in the signature
// blocks, each block's current signature: a valid screen signature as its image with signer and
// date, anything else as a blank line to sign in ink (with a note when the scan of the signed page
// is attached, or when the earlier signature no longer matches the record). Forms are not public:
// they carry ID numbers. Every amount is printed in figures and in Chinese capitals.
// One file per form; this file builds any of them with its hash and each block's signature status.
import type { SignatureBlock } from '../../../../../shared/domain/formBlocks';
import type { FormKind } from '../../../../../shared/domain/paper';
import type { HandlerContext } from '../../../context';
import { contentHash } from '../../print/hash';
import { signedScopeHash } from '../signedScope';
import type { BuiltDocument, DocumentBuilder } from '../../print/types';
import { signaturesOf, type SignatureRecord } from '../repository';
import type { FactsCache } from './facts';
import type { BlockView } from './signatures';
import type { Draft } from './draft';
import { applicationDraft } from './application';
import { collectionDraft } from './collection';
import { approvalDraft } from './approval';
import { measuresDraft } from './measures';
import { eliminationDraft } from './elimination';
import { visitDraft } from './visit';
import { blockViews } from './signatures';

const drafts: Readonly<Record<FormKind, (ctx: HandlerContext, ref: string, cache?: FactsCache) => Promise<Draft>>> = {
  'form.application': applicationDraft,
  'form.collection': collectionDraft,
  'form.approval': approvalDraft,
  'form.measures': measuresDraft,
  'form.elimination': eliminationDraft,
  'form.visit': visitDraft,
};

export interface BuiltForm extends BuiltDocument {
  kind: FormKind;
  /** The whole form's hash (its content code). */
  hash: string;
  /** What a signature in each block is bound to (see signedScope.ts), by default as signed now. */
  blockHash(block: SignatureBlock, scopeVersion?: number): string;
  blocks: BlockView[];
  signers: Partial<Record<SignatureBlock, string>>;
  /** The case the form belongs to (for a visit record, the visit's case). */
  caseId: string;
  /** For a visit record: "2026-05-03 日常走访". */
  recordLabel: string | null;
}

/** Builds one form as it is now, with its hash and each block's current signature and status; a batch passes the form's signature rows it has read (batch.ts). */
export async function buildForm(ctx: HandlerContext, kind: FormKind, recordRef: string, cache?: FactsCache, signatures?: readonly SignatureRecord[]): Promise<BuiltForm> {
  const draft = await drafts[kind](ctx, recordRef, cache);
  const hash = contentHash(draft.data);
  const rows = signatures ?? (await signaturesOf(ctx.db, kind, recordRef));
  const views = blockViews(kind, rows, draft.data);
  return {
    kind,
    title: draft.title,
    recordRef,
    recordCode: draft.recordCode,
    data: draft.data,
    body: draft.body(views),
    hash,
    blockHash: (block, scopeVersion) => signedScopeHash(kind, block, draft.data, scopeVersion),
    blocks: views,
    signers: draft.signers,
    caseId: draft.caseId,
    recordLabel: draft.recordLabel,
  };
}

function builder(kind: FormKind): DocumentBuilder {
  return { build: (ctx, recordRef) => buildForm(ctx, kind, recordRef) };
}

export const formBuilders: Record<FormKind, DocumentBuilder> = {
  'form.application': builder('form.application'),
  'form.collection': builder('form.collection'),
  'form.approval': builder('form.approval'),
  'form.measures': builder('form.measures'),
  'form.elimination': builder('form.elimination'),
  'form.visit': builder('form.visit'),
};
export type { FactsCache } from './facts';
