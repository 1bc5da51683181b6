import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Signatures rest on a form's material facts only (issue 15 item 3): a changed phone number no
// longer voids the county's signature. The hash a signature stores is therefore computed
// differently from now on, so each row says which way it was computed (scope_version): rows signed
// before this migration keep version 1 and are checked exactly as they were signed, never turned
// 已失效 by the upgrade itself. signed_data_json keeps the form's data as signed, so the program can
// say which informational fields changed since (签字后有非实质变更：联系电话); old rows have none.
export const signatureScope: Migration = {
  name: '0009_signature_scope',
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE signatures ADD COLUMN scope_version INTEGER NOT NULL DEFAULT 1`.execute(db);
    await sql`ALTER TABLE signatures ADD COLUMN signed_data_json TEXT`.execute(db);
  },
};
