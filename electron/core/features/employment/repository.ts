import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { EmploymentSettings } from '../../../../shared/domain/employmentSettings';
import type { DB, EmploymentSettingsTable, EmploymentSpellTable } from '../../db/schema';
import { surveyKinds, transportTiers, workshopTiers } from '../../db/jsonColumns';

type Db = Kysely<DB> | Transaction<DB>;

export type SpellRecord = Selectable<EmploymentSpellTable> & { member_name: string };

function spellsWithNames(db: Db) {
  return db
    .selectFrom('employment_spells as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .selectAll('s')
    .select('m.name as member_name')
    .where('s.deleted_at', 'is', null);
}

export function findSpell(db: Db, id: string): Promise<SpellRecord | undefined> {
  return spellsWithNames(db).where('s.id', '=', id).executeTakeFirst();
}

export function householdSpells(db: Db, householdId: string): Promise<SpellRecord[]> {
  return spellsWithNames(db).where('s.household_id', '=', householdId).orderBy('s.start_date', 'desc').orderBy('s.id', 'desc').execute();
}

export function memberSpells(db: Db, memberId: string): Promise<SpellRecord[]> {
  return spellsWithNames(db).where('s.member_id', '=', memberId).orderBy('s.start_date', 'desc').execute();
}

export async function insertSpell(db: Db, row: Insertable<EmploymentSpellTable>): Promise<void> {
  await db.insertInto('employment_spells').values(row).execute();
}

export async function updateSpell(db: Db, id: string, values: Updateable<EmploymentSpellTable>): Promise<void> {
  await db.updateTable('employment_spells').set(values).where('id', '=', id).execute();
}

export function toSettings(r: Selectable<EmploymentSettingsTable>): EmploymentSettings {
  return {
    year: r.year,
    minAge: r.min_age,
    maxAgeMale: r.max_age_male,
    maxAgeFemale: r.max_age_female,
    surveyKinds: surveyKinds.decode(r.survey_kinds),
    transportTiers: transportTiers.decode(r.transport_tiers),
    transportMinMonths: r.transport_min_months,
    workshopTiers: workshopTiers.decode(r.workshop_tiers),
    workshopMinMonths: r.workshop_min_months,
    workshopMinWageFen: r.workshop_min_wage_fen,
    workshopStableMonths: r.workshop_stable_months,
    workshopPerPersonFen: r.workshop_per_person_fen,
  };
}

export function settingsColumns(s: EmploymentSettings) {
  return {
    year: s.year,
    min_age: s.minAge,
    max_age_male: s.maxAgeMale,
    max_age_female: s.maxAgeFemale,
    survey_kinds: surveyKinds.encode(s.surveyKinds),
    transport_tiers: transportTiers.encode(s.transportTiers),
    transport_min_months: s.transportMinMonths,
    workshop_tiers: workshopTiers.encode([...s.workshopTiers].sort((a, b) => a.minPeople - b.minPeople)),
    workshop_min_months: s.workshopMinMonths,
    workshop_min_wage_fen: s.workshopMinWageFen,
    workshop_stable_months: s.workshopStableMonths,
    workshop_per_person_fen: s.workshopPerPersonFen,
  };
}

export function listSettingsYears(db: Db) {
  return db
    .selectFrom('employment_settings as e')
    .leftJoin('users as u', 'u.id', 'e.updated_by')
    .selectAll('e')
    .select('u.display_name as updated_by_name')
    .where('e.deleted_at', 'is', null)
    .orderBy('e.year', 'desc')
    .execute();
}

export async function savedSettings(db: Db): Promise<EmploymentSettings[]> {
  const rows = await db.selectFrom('employment_settings').selectAll().where('deleted_at', 'is', null).orderBy('year').execute();
  return rows.map(toSettings);
}

export async function insertSettingsYear(db: Db, row: Insertable<EmploymentSettingsTable>): Promise<void> {
  await db.insertInto('employment_settings').values(row).execute();
}

export async function updateSettingsYear(db: Db, id: string, values: Updateable<EmploymentSettingsTable>): Promise<void> {
  await db.updateTable('employment_settings').set(values).where('id', '=', id).execute();
}
