import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// A case's visits were found by scanning every visit row in date order (the only indexes were by
// household and by date): about 45 ms a case on the county bench (33,000 visits). The case page
// and every form built from it (the 100-form batch of 识别审批表 spent 4.8 s of its 6.8 s there)
// read a case's visits by case_id, so they get their own index.
export const caseVisits: Migration = {
  name: '0031_case_visits',
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX ix_visits_case ON visits (case_id, visit_date)`.execute(db);
  },
};
