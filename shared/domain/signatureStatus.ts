// Whether a form block's signature still stands (DOMAIN §13, issue 4 part 2). A signature is
// bound to the hash of the form's data at signing: when the record changes, the hash differs and
// the signature is 已失效 — the form must be signed again. An ink signature counts once the
// signed page's scan is attached; until then it is 纸质待上传.

export const signatureStatuses = ['valid', 'stale', 'unsigned', 'awaitingScan'] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];

export const signatureStatusLabels: Readonly<Record<SignatureStatus, string>> = {
  valid: '有效',
  stale: '已失效',
  unsigned: '待签',
  awaitingScan: '纸质待上传',
};

export interface SignatureRowFacts {
  id: string;
  method: 'screen' | 'ink';
  contentHash: string;
  signedAt: string;
  supersededBy: string | null;
  deletedAt: string | null;
  scanFile: string | null;
}

/** The block's current signature: not superseded, not deleted, the latest if several. */
export function currentSignature<T extends SignatureRowFacts>(rows: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of rows) {
    if (r.supersededBy !== null || r.deletedAt !== null) continue;
    if (best === null || r.signedAt > best.signedAt || (r.signedAt === best.signedAt && r.id > best.id)) best = r;
  }
  return best;
}

/** The status of one signature against the form's current hash. */
export function statusOf(row: SignatureRowFacts | null, currentHash: string): SignatureStatus {
  if (row === null) return 'unsigned';
  if (row.contentHash !== currentHash) return 'stale';
  if (row.method === 'ink' && row.scanFile === null) return 'awaitingScan';
  return 'valid';
}

/** The status of a block from all its rows (history included). */
export function blockStatus(rows: readonly SignatureRowFacts[], currentHash: string): SignatureStatus {
  return statusOf(currentSignature(rows), currentHash);
}
