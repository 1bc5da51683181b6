import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// The 待办 page (visits.due) counts every household due by a month's end by village and helper at
// county scale (30,000 households). With village and helper in the schedule index those counts and
// the village filter read the index alone, without a table lookup per household; the index
// replaces 0002's ix_households_next_visit, whose column it starts with.
export const visitsIndexes: Migration = {
  name: '0003_visits_indexes',
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX ix_households_visit_due ON households (next_visit_due, village_id, helper_name)
      WHERE next_visit_due IS NOT NULL`.execute(db);
    await sql`DROP INDEX ix_households_next_visit`.execute(db);
  },
};
