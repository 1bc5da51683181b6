import { sql, type Kysely, type Transaction } from 'kysely';
import type { Appointment, Post } from '../../../../shared/contract/posts';
import type { AgreementType, AppointmentStatus, HiringStep, PostSettings } from '../../../../shared/domain/posts';
import { ageOn } from '../../../../shared/lib/dates';
import type { DB, PostSettingsTable } from '../../db/schema';
import { appointmentStepPeople } from '../../db/jsonColumns';

export type Db = Kysely<DB> | Transaction<DB>;

export function toSettings(r: Omit<PostSettingsTable, 'version'>): PostSettings {
  return {
    year: r.year,
    minAge: r.min_age,
    maxAgeMale: r.max_age_male,
    maxAgeFemale: r.max_age_female,
    warnAge: r.warn_age,
    noticeDays: r.notice_days,
    maxTermMonths: r.max_term_months,
  };
}

export function savedSettings(db: Db) {
  return db.selectFrom('post_settings').selectAll().where('deleted_at', 'is', null).orderBy('year', 'desc').execute();
}

export async function selectPosts(db: Db, f: { villageId?: string | undefined; id?: string | undefined }): Promise<Post[]> {
  let q = db
    .selectFrom('welfare_posts as p')
    .innerJoin('villages as v', 'v.id', 'p.village_id')
    .selectAll('p')
    .select('v.name as village_name')
    .select((eb) => [
      eb
        .selectFrom('welfare_appointments as a')
        .whereRef('a.post_id', '=', 'p.id')
        .where('a.deleted_at', 'is', null)
        .where('a.status', 'not in', ['left', 'rejected'])
        .select(sql<number>`count(*)`.as('n'))
        .as('holding'),
      eb
        .selectFrom('welfare_appointments as a')
        .whereRef('a.post_id', '=', 'p.id')
        .where('a.deleted_at', 'is', null)
        .where('a.status', '=', 'onDuty')
        .select(sql<number>`count(*)`.as('n'))
        .as('on_duty'),
    ])
    .where('p.deleted_at', 'is', null);
  if (f.villageId) q = q.where('p.village_id', '=', f.villageId);
  if (f.id) q = q.where('p.id', '=', f.id);
  const rows = await q.orderBy('v.code').orderBy('p.name').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    villageId: r.village_id,
    villageName: r.village_name,
    name: r.name,
    postType: r.post_type,
    category: r.category,
    funding: r.funding,
    employer: r.employer,
    subsidyFen: r.subsidy_fen,
    minDays: r.min_days,
    places: r.places,
    active: r.active === 1,
    announcedOn: r.announced_on,
    announceNote: r.announce_note,
    holding: Number(r.holding ?? 0),
    onDuty: Number(r.on_duty ?? 0),
  }));
}

export function findPost(db: Db, id: string) {
  return db.selectFrom('welfare_posts').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findAppointment(db: Db, id: string) {
  return db.selectFrom('welfare_appointments').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function selectAppointments(
  db: Db,
  f: { postId?: string | undefined; villageId?: string | undefined; status?: AppointmentStatus | undefined; ids?: readonly string[] },
  today: string,
): Promise<Appointment[]> {
  let q = db
    .selectFrom('welfare_appointments as a')
    .innerJoin('welfare_posts as p', 'p.id', 'a.post_id')
    .innerJoin('villages as v', 'v.id', 'p.village_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .selectAll('a')
    .select(['p.name as post_name', 'v.name as village_name', 'm.name', 'm.sex', 'm.birth_date', 'h.household_code'])
    .where('a.deleted_at', 'is', null);
  if (f.postId) q = q.where('a.post_id', '=', f.postId);
  if (f.villageId) q = q.where('p.village_id', '=', f.villageId);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.ids) q = q.where('a.id', 'in', f.ids.length > 0 ? [...f.ids] : ['-']);
  const rows = await q.orderBy('v.code').orderBy('p.name').orderBy('a.created_at').execute();
  const steps = rows.length === 0 ? [] : await db
    .selectFrom('appointment_steps')
    .selectAll()
    .where('appointment_id', 'in', rows.map((r) => r.id))
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const byAppointment = new Map<string, typeof steps>();
  for (const s of steps) byAppointment.set(s.appointment_id, [...(byAppointment.get(s.appointment_id) ?? []), s]);
  return rows.map((r) => {
    const mine = byAppointment.get(r.id) ?? [];
    const notice = mine.filter((s) => s.step === 'notice' && s.outcome === 'passed').pop();
    return {
      id: r.id,
      version: r.version,
      postId: r.post_id,
      postName: r.post_name,
      villageName: r.village_name,
      memberId: r.member_id,
      householdId: r.household_id,
      householdCode: r.household_code,
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      age: ageOn(r.birth_date, today),
      status: r.status as AppointmentStatus,
      agreementType: r.agreement_type as AgreementType | null,
      startDate: r.start_date,
      endDate: r.end_date,
      subsidyFen: r.subsidy_fen,
      leftDate: r.left_date,
      leftReason: r.left_reason,
      noticeStart: notice?.notice_start ?? null,
      noticeEnd: notice?.notice_end ?? null,
      steps: mine.map((s) => ({
        step: s.step as HiringStep,
        date: s.date,
        outcome: s.outcome as 'passed' | 'rejected',
        people: appointmentStepPeople.decode(s.people),
        note: s.note,
      })),
    };
  });
}

/**
 * Appointments of the village's posts that cover some day of the month (signed, on duty or left
 * during it), with the month's attendance if recorded.
 */
export function monthAppointments(db: Db, villageId: string, first: string, last: string) {
  return db
    .selectFrom('welfare_appointments as a')
    .innerJoin('welfare_posts as p', 'p.id', 'a.post_id')
    .innerJoin('members as m', 'm.id', 'a.member_id')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .leftJoin('welfare_months as w', (j) =>
      j.onRef('w.appointment_id', '=', 'a.id').on('w.month', '=', first.slice(0, 7)).on('w.deleted_at', 'is', null),
    )
    .leftJoin('payment_lines as pl', (j) => j.onRef('pl.id', '=', 'w.payment_line_id').on('pl.deleted_at', 'is', null))
    .select([
      'a.id as appointment_id',
      'a.start_date',
      'a.end_date',
      'a.left_date',
      'a.subsidy_fen',
      'a.member_id',
      'p.name as post_name',
      'p.post_type',
      'p.min_days',
      'p.subsidy_fen as post_subsidy_fen',
      'm.name',
      'h.household_code',
      'w.id as month_id',
      'w.days',
      'w.grade',
      'w.adjust_fen',
      'w.adjust_reason',
      'w.due_fen',
      'w.paid_fen',
      'pl.list_id as payment_list_id',
    ])
    .where('p.village_id', '=', villageId)
    .where('a.deleted_at', 'is', null)
    .where('a.status', 'in', ['signed', 'onDuty', 'left'])
    .where('a.start_date', '<=', last)
    .where('a.end_date', '>=', first)
    .where((eb) => eb.or([eb('a.left_date', 'is', null), eb('a.left_date', '>=', first)]))
    .orderBy('p.name')
    .orderBy('h.household_code')
    .execute();
}
