import type { SignatureBlock } from '../../../../../shared/domain/formBlocks';
import { documentKindLabels, type FormKind } from '../../../../../shared/domain/paper';
import type { SafeHtml } from '../../print/html';
import type { JsonValue } from '../../print/types';
import type { BlockView } from './signatures';

// ---------------------------------------------------------------------------------------------
// The forms

export interface Draft {
  title: string;
  recordCode: string;
  data: JsonValue;
  /** Who is expected to sign each block, from the record (prefilled in the signature dialog). */
  signers: Partial<Record<SignatureBlock, string>>;
  caseId: string;
  recordLabel: string | null;
  /** Renders the body once the block views (signatures against the data's hash) are known. */
  body: (views: readonly BlockView[]) => SafeHtml;
}

export const formTitle = (kind: FormKind): string => (kind === 'form.application' ? documentKindLabels[kind] : `防止返贫监测对象${documentKindLabels[kind]}`);

export function byBlock(views: readonly BlockView[], blocks: readonly string[]): BlockView[] {
  return views.filter((v) => blocks.includes(v.def.block));
}
