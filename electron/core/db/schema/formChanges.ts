import type { Generated } from 'kysely';

/**
 * A case whose printed forms a write may have changed ('*': every form), noted by triggers for the
 * 签字已失效 check, cleared at each opening (migration 0028).
 */
export interface FormChangesTable {
  seq: Generated<number>;
  case_id: string;
}
