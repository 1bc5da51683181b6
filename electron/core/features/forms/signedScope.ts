import type { SignatureBlock } from '../../../../shared/domain/formBlocks';
import { eliminationSteps, identificationSteps, stepLabels } from '../../../../shared/domain/monitoring';
import type { FormKind } from '../../../../shared/domain/paper';
import { contentHash } from '../print/hash';
import { materialData } from './formFields';
import type { JsonValue } from '../print/types';

// What a signature vouches for. An approval form fills up as the workflow moves on — the village's
// review, the notice, the township's opinion, the county's decision — and a paper form is signed
// block by block in that order. So a block's signature covers the form's facts and the steps up to
// and including its own step: recording a later step does not void an earlier signature, while a
// change to anything the signer saw (a member, a risk, the income, a measure, an earlier step)
// still does. Fields the workflow itself fills in later (the inclusion and elimination dates, and
// the precondition check, which is derived from facts already covered and the passing of time)
// are left out of every block but the county's, which signs last.

/** Position of each step in both workflows (they run in parallel: 申请/村提名 … 县级审定). */
const stepPosition = new Map<string, number>();
for (const [workflow, steps] of [
  ['identification', identificationSteps],
  ['elimination', eliminationSteps],
] as const) {
  steps.forEach((step, i) => {
    const label = stepLabels[workflow][step];
    if (label) stepPosition.set(label, i);
  });
}

const noticePosition = identificationSteps.indexOf('notice');

/** The step a block is signed at; forms without workflow steps sign everything they show. */
function blockPosition(kind: FormKind, block: SignatureBlock): number | null {
  if (kind !== 'form.approval' && kind !== 'form.elimination') return null;
  switch (block) {
    case 'investigator1':
    case 'investigator2':
    case 'head':
      return identificationSteps.indexOf('homeCheck');
    case 'village':
      return identificationSteps.indexOf('villageReview');
    case 'township':
      return identificationSteps.indexOf('townshipReview');
    case 'county':
      return null;
    default:
      return null;
  }
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * How a signature's hash is computed: 1, the form's facts and steps up to the block; 2 (now), the
 * same without the fields the form declares informational (formFields.ts). A stored signature is
 * always checked by the version it was made with.
 */
export const currentScopeVersion = 2;

/** The part of a form's data a signature in `block` is bound to. */
export function signedScope(kind: FormKind, block: SignatureBlock, data: JsonValue, version = currentScopeVersion): JsonValue {
  const scoped = stepScope(kind, block, data);
  return version >= 2 ? materialData(kind, scoped) : scoped;
}

function stepScope(kind: FormKind, block: SignatureBlock, data: JsonValue): JsonValue {
  const position = blockPosition(kind, block);
  if (position === null || !isObject(data)) return data;
  const scoped: { [key: string]: JsonValue } = { ...data };
  if (Array.isArray(data.steps)) {
    scoped.steps = data.steps.filter((s) => {
      const label = isObject(s) && typeof s.step === 'string' ? s.step : '';
      return (stepPosition.get(label) ?? 0) <= position;
    });
  }
  if (position < noticePosition) {
    delete scoped.notice;
    delete scoped.objections;
  }
  delete scoped.preconditions;
  delete scoped.eliminatedDate;
  if (isObject(data.case)) {
    const c = { ...data.case };
    delete c.includedDate;
    scoped.case = c;
  }
  return scoped;
}

/** The hash a new signature in `block` stores, and an existing one is checked against. */
export function signedScopeHash(kind: FormKind, block: SignatureBlock, data: JsonValue, version = currentScopeVersion): string {
  return contentHash(signedScope(kind, block, data, version));
}
