import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// The national export's 务工 columns come in as job spells with source 国家系统导出 (issue 12
// item 8); while such a spell is open without an income it is a 待补充 item. Like the other
// 待补充 kinds (0022), the kind has a partial index holding just its rows, so the list and the
// workbench's count do not scan every spell.
export const nationalJobs: Migration = {
  name: '0025_national_jobs',
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX ix_spells_pending_national ON employment_spells (member_id)
      WHERE deleted_at IS NULL AND source = 'national' AND end_date IS NULL`.execute(db);
  },
};
