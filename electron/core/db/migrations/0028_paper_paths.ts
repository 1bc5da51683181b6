import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

// Two paths through the printed forms that read far more than they need.
//
// A case's visits were found by scanning every visit row in date order (the only indexes were by
// household and by date): about 45 ms a case on the county bench (33,000 visits). The case page
// and every form built from it (the 100-form batch of 识别审批表 spent 4.8 s of its 6.8 s there)
// read a case's visits by case_id, so they get their own index.
//
// The workbench's 签字已失效 to-do rebuilt every signed form after any write at all (a phone
// number, a step note), to compare each signature with the form as it is now: seconds with a
// thousand signed forms. form_changes notes, by triggers, the case whose forms a write may change
// (whoever writes: the program, the import, the command line); the to-do rebuilds only those
// cases' forms. A write to what every form prints (the office, the thresholds, the villages and
// groups, the measure catalog) notes '*', which rebuilds them all. AUTOINCREMENT keeps the numbers
// rising after the notes are cleared, so a reader can tell when notes it needed are gone.
const caseScoped: [table: string, caseId: (row: 'NEW' | 'OLD') => string][] = [
  ['monitoring_cases', (r) => `${r}.id`],
  ['case_risks', (r) => `${r}.case_id`],
  ['case_steps', (r) => `${r}.case_id`],
  ['notice_objections', (r) => `${r}.case_id`],
  ['measures', (r) => `${r}.case_id`],
  ['visits', (r) => `${r}.case_id`],
  // A visit record's signatures are on the visit; a case form's on the case.
  ['signatures', (r) => `coalesce((SELECT v.case_id FROM visits AS v WHERE v.id = ${r}.record_id), ${r}.record_id)`],
];
const householdScoped: [table: string, householdId: (row: 'NEW' | 'OLD') => string][] = [
  ['households', (r) => `${r}.id`],
  ['members', (r) => `${r}.household_id`],
  ['incomes', (r) => `${r}.household_id`],
];
const everyForm = ['office', 'threshold_years', 'villages', 'village_groups', 'measure_types'];

function triggers(table: string, note: (row: 'NEW' | 'OLD') => string): string[] {
  return [
    `CREATE TRIGGER tr_form_changes_${table}_insert AFTER INSERT ON ${table} BEGIN ${note('NEW')} END`,
    `CREATE TRIGGER tr_form_changes_${table}_update AFTER UPDATE ON ${table} BEGIN ${note('OLD')} ${note('NEW')} END`,
    `CREATE TRIGGER tr_form_changes_${table}_delete AFTER DELETE ON ${table} BEGIN ${note('OLD')} END`,
  ];
}

export const paperPaths: Migration = {
  name: '0028_paper_paths',
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX ix_visits_case ON visits (case_id, visit_date)`.execute(db);

    await sql`CREATE TABLE form_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL) STRICT`.execute(db);
    const statements = [
      ...caseScoped.flatMap(([table, caseId]) =>
        triggers(table, (r) => `INSERT INTO form_changes (case_id) SELECT ${caseId(r)} WHERE ${caseId(r)} IS NOT NULL;`),
      ),
      ...householdScoped.flatMap(([table, householdId]) =>
        triggers(table, (r) => `INSERT INTO form_changes (case_id) SELECT c.id FROM monitoring_cases AS c WHERE c.household_id = ${householdId(r)};`),
      ),
      ...everyForm.flatMap((table) => triggers(table, () => `INSERT INTO form_changes (case_id) VALUES ('*');`)),
    ];
    for (const s of statements) await sql.raw(s).execute(db);
  },
};
