import { describe, expect, it } from 'vitest';
import { blockStatus, currentSignature, signatureStatusLabels, statusOf, type SignatureRowFacts } from '../../shared/domain/signatureStatus';
import { blockDef, formBlocks } from '../../shared/domain/formBlocks';

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);

function row(over: Partial<SignatureRowFacts> = {}): SignatureRowFacts {
  return { id: 'r1', method: 'screen', contentHash: hashA, signedAt: '2026-05-01T02:00:00.000Z', supersededBy: null, deletedAt: null, scanFile: null, ...over };
}

describe('signature status', () => {
  it('no signature → 待签', () => {
    expect(blockStatus([], hashA)).toBe('unsigned');
    expect(signatureStatusLabels[blockStatus([], hashA)]).toBe('待签');
  });

  it('a screen signature on the same content → 有效; on changed content → 已失效', () => {
    expect(statusOf(row(), hashA)).toBe('valid');
    expect(statusOf(row(), hashB)).toBe('stale');
    expect(signatureStatusLabels.stale).toBe('已失效');
  });

  it('an ink signature waits for its scan, then counts; a change makes it 已失效 either way', () => {
    expect(statusOf(row({ method: 'ink' }), hashA)).toBe('awaitingScan');
    expect(signatureStatusLabels.awaitingScan).toBe('纸质待上传');
    expect(statusOf(row({ method: 'ink', scanFile: 'x.jpg' }), hashA)).toBe('valid');
    expect(statusOf(row({ method: 'ink' }), hashB)).toBe('stale');
    expect(statusOf(row({ method: 'ink', scanFile: 'x.jpg' }), hashB)).toBe('stale');
  });

  it('superseded and deleted rows are history: the re-signed row decides', () => {
    const old = row({ id: 'r1', contentHash: hashA, supersededBy: 'r2' });
    const fresh = row({ id: 'r2', contentHash: hashB, signedAt: '2026-05-02T02:00:00.000Z' });
    expect(currentSignature([old, fresh])?.id).toBe('r2');
    expect(blockStatus([old, fresh], hashB)).toBe('valid');
    expect(blockStatus([old], hashA)).toBe('unsigned');
    expect(blockStatus([row({ deletedAt: '2026-05-03T00:00:00.000Z' })], hashA)).toBe('unsigned');
  });
});

describe('form blocks', () => {
  it('each form has the blocks of the people who sign it; approvals are reviewer-only', () => {
    expect(formBlocks['form.application'].map((b) => b.block)).toEqual(['head']);
    expect(formBlocks['form.collection'].map((b) => b.block)).toEqual(['investigator1', 'investigator2', 'head']);
    expect(formBlocks['form.approval'].map((b) => b.block)).toEqual(['village', 'township', 'county']);
    expect(formBlocks['form.elimination'].map((b) => b.block)).toEqual(['investigator1', 'investigator2', 'head', 'village', 'township', 'county']);
    expect(blockDef('form.approval', 'township')?.reviewerOnly).toBe(true);
    expect(blockDef('form.approval', 'county')?.reviewerOnly).toBe(true);
    expect(blockDef('form.approval', 'village')?.reviewerOnly).toBe(false);
    expect(blockDef('form.approval', 'head')).toBeNull();
  });
});
