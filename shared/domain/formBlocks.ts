import type { FormKind } from './paper';

// The signature blocks of each approval form (DOMAIN §7, §8, §13): who signs it, under which
// label, and whether only a reviewer or administrator may capture the signature ("谁签字、谁负责"
// — the township and county blocks are approvals, like the 乡镇审核 / 县级审定 steps).

export const signatureBlocks = ['head', 'investigator1', 'investigator2', 'visitor1', 'visitor2', 'village', 'township', 'county'] as const;
export type SignatureBlock = (typeof signatureBlocks)[number];

export interface BlockDef {
  block: SignatureBlock;
  /** The role printed beside the signature, e.g. "户主（申请人）". */
  roleLabel: string;
  /** Only a reviewer or an administrator may sign or mark it. */
  reviewerOnly: boolean;
  /** A block that may stay empty (a visit with one visitor). */
  optional: boolean;
}

const head = (roleLabel = '户主'): BlockDef => ({ block: 'head', roleLabel, reviewerOnly: false, optional: false });
const investigators: BlockDef[] = [
  { block: 'investigator1', roleLabel: '核查人员（一）', reviewerOnly: false, optional: false },
  { block: 'investigator2', roleLabel: '核查人员（二）', reviewerOnly: false, optional: false },
];
const village: BlockDef = { block: 'village', roleLabel: '村委会负责人', reviewerOnly: false, optional: false };
const township: BlockDef = { block: 'township', roleLabel: '乡镇审核人', reviewerOnly: true, optional: false };
const county: BlockDef = { block: 'county', roleLabel: '县级审定人', reviewerOnly: true, optional: false };

export const formBlocks: Readonly<Record<FormKind, readonly BlockDef[]>> = {
  'form.application': [head('户主（申请人）')],
  'form.collection': [...investigators, head()],
  'form.approval': [village, township, county],
  'form.measures': [...investigators, head()],
  'form.elimination': [...investigators, head(), village, township, county],
  'form.visit': [
    { block: 'visitor1', roleLabel: '走访人（一）', reviewerOnly: false, optional: false },
    { block: 'visitor2', roleLabel: '走访人（二）', reviewerOnly: false, optional: true },
    head('户主（被走访人）'),
  ],
};

export function blockDef(kind: FormKind, block: string): BlockDef | null {
  return formBlocks[kind].find((b) => b.block === block) ?? null;
}

export function isSignatureBlock(value: string): value is SignatureBlock {
  return (signatureBlocks as readonly string[]).includes(value);
}
