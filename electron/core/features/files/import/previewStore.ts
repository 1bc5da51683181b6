import { AppError } from '../../../../../shared/lib/result';
import { uuidv7 } from '../../../ids';
import type { ImportSource } from '../../../../../shared/domain/importFields';
import type { ActivityPlan } from './activity';
import type { LoanPlan } from './loans';
import type { NationalPlan } from './national';
import type { ImportPlan } from './types';

// Previews live in memory for the session that made them: the plan (with every parsed record) is
// too big to send to the window and is only needed if the clerk confirms. A new preview replaces
// the session's older ones; a restart forgets them (the clerk previews again).

export interface StoredPreview {
  previewId: string;
  sessionKey: string;
  kind: ImportSource;
  plan: ImportPlan | NationalPlan | ActivityPlan | LoanPlan;
  /** Set while an apply job runs, so the same preview is not applied twice at once. */
  applying: boolean;
}

const previews = new Map<string, StoredPreview>();
/** Across all sessions; the oldest goes first. */
const maxPreviews = 6;

/**
 * What a preview keeps: the parsed records, counts and conflicts, not the planned operations —
 * apply plans again inside its transaction and never reads them, and at a county's size they are
 * as large as the records themselves (issue 16, item 7: the import's peak memory).
 */
function withoutOperations<P extends ImportPlan | ActivityPlan | LoanPlan>(plan: P): P {
  return { ...plan, operations: null };
}

export function keepPreview(sessionKey: string, kind: ImportSource, full: ImportPlan | NationalPlan | ActivityPlan | LoanPlan): string {
  const plan = 'parts' in full ? { parsed: full.parsed, parts: full.parts.map((p) => ({ ...withoutOperations(p), operations: { kind: p.operations.kind, inserts: [], updates: [] } })) } : withoutOperations(full);
  for (const [id, p] of previews) if (p.sessionKey === sessionKey && !p.applying) previews.delete(id);
  const previewId = uuidv7();
  previews.set(previewId, { previewId, sessionKey, kind, plan, applying: false });
  while (previews.size > maxPreviews) {
    const oldest = [...previews.values()].find((p) => !p.applying);
    if (!oldest) break;
    previews.delete(oldest.previewId);
  }
  return previewId;
}

export function findPreview(previewId: string, sessionKey: string): StoredPreview {
  const p = previews.get(previewId);
  if (!p || p.sessionKey !== sessionKey) throw new AppError('NOT_FOUND', '找不到这次预览（可能已过期或已导入），请重新选择文件预览');
  return p;
}

export function dropPreview(previewId: string): void {
  previews.delete(previewId);
}
