import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// The employment rules of the county's data-quality checks (EMPLOYMENT-FUNDS §1.2, W48) that
// join the pre-submission checks: an in-school pupil with an open job, and a working person
// without an 11-digit mobile (neither the member's phone nor the one given at work).

export interface EmploymentHit {
  household_code: string;
  head_name: string;
  village_name: string;
  case_id: string | null;
  case_code: string | null;
  detail: string;
}

const pupilSchooling = ['preschool', 'primary', 'juniorHigh', 'seniorHigh'];

export async function employmentChecks(db: Kysely<DB>, asOf: string): Promise<{ pupilWorking: EmploymentHit[]; workerNoMobile: EmploymentHit[] }> {
  const openSpell = sql`s.deleted_at IS NULL AND s.start_date <= ${asOf} AND (s.end_date IS NULL OR s.end_date >= ${asOf})`;
  const pupils = await sql<EmploymentHit>`
    SELECT DISTINCT h.household_code, h.head_name, v.name AS village_name, NULL AS case_id, NULL AS case_code,
      m.name || '（在校生）在 ' || s.place || ' 务工' AS detail
    FROM employment_spells s JOIN members m ON m.id = s.member_id JOIN households h ON h.id = m.household_id JOIN villages v ON v.id = h.village_id
    WHERE ${openSpell} AND m.deleted_at IS NULL AND m.status = 'current' AND h.status = 'active'
      AND m.schooling IN (${sql.join(pupilSchooling)})
    ORDER BY v.sort_order, h.household_code`.execute(db);
  const phones = await sql<EmploymentHit>`
    SELECT h.household_code, h.head_name, v.name AS village_name, NULL AS case_id, NULL AS case_code,
      m.name || '（' || s.place || '）' AS detail
    FROM employment_spells s JOIN members m ON m.id = s.member_id JOIN households h ON h.id = m.household_id JOIN villages v ON v.id = h.village_id
    WHERE ${openSpell} AND m.deleted_at IS NULL AND m.status = 'current' AND h.status = 'active'
      AND NOT (COALESCE(m.phone, '') GLOB '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
      AND NOT (COALESCE(s.work_phone, '') GLOB '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
    GROUP BY s.member_id
    ORDER BY v.sort_order, h.household_code`.execute(db);
  return { pupilWorking: pupils.rows, workerNoMobile: phones.rows };
}
