// Columns and versions every business table shares.

import type { Generated } from 'kysely';

/** Columns every business table carries (ARCHITECTURE §5). */
export interface RowMeta {
  id: string;
  office_code: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  delete_reason: string | null;
}

/**
 * Records a form edits (migration 0006): a trigger raises the version on every UPDATE, and a
 * form's save names the version it loaded, so a save against a newer one is refused.
 */
export interface Versioned {
  version: Generated<number>;
}
