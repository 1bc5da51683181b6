import { sql } from 'kysely';
import type { ParsedExportInput } from '../../../../../shared/contract/fileExport';
import { disabilityCategoryLabels, disabilityGradeLabels, educationLabels, healthLabels, householdKindLabels, householdStatusLabels, laborLabels, memberStatusLabels, relationLabels, schoolingLabels, workStatusLabels, type DisabilityGrade } from '../../../../../shared/domain/household';
import { yesNo } from '../../../../../shared/domain/ledgerLayouts';
import { monitoringCategoryLabels } from '../../../../../shared/domain/monitoring';
import type { HandlerContext } from '../../../context';
import { listHouseholdOrder } from '../../households/repository';
import type { LedgerRecord } from '../../../files/export/writers';
import { label, officeNames, latestIncomes, type LedgerSource } from '../../../files/export/ledgerCommon';
import { readInOrder } from './readInOrder';

// ---------------------------------------------------------------------------------------------
// 户籍台账 (person level)

type MemberTuple = [string, string, string, string, string, string, string, string, string, string | null, number | null, string, string, number, number, string, string | null];

function memberOf(t: MemberTuple) {
  return {
    name: t[0],
    id_number: t[1],
    sex: t[2],
    birth_date: t[3],
    relation: t[4],
    ethnicity: t[5],
    education: t[6],
    schooling: t[7],
    health: t[8],
    disability_category: t[9],
    disability_grade: t[10],
    labor: t[11],
    work_status: t[12],
    medical_insurance: t[13],
    pension_insurance: t[14],
    status: t[15],
    phone: t[16],
  };
}

type HouseholdTuple = [string, string, string, string, number, string, number, number, number, number, string | null, string | null, string | null, string | null, string];

/** The columns of the given households that the ledger shows, in the order of `ids`. */
async function householdRows(db: HandlerContext['db'], ids: readonly string[]) {
  // One JSON text per household, as for its members: node-sqlite3 pays per value it hands over.
  const r = await sql<{ j: string }>`
    SELECT json_array(h.id, v.name, g.name, h.household_code, h.member_count, h.kind, h.dibao, h.tekun, h.relocated,
      h.no_labor, h.phone, h.address, h.helper_name, h.helper_phone, h.status) AS j
    FROM households AS h
    JOIN villages AS v ON v.id = h.village_id
    JOIN village_groups AS g ON g.id = h.group_id
    WHERE h.id IN (${sql.join(ids)})`.execute(db);
  const byId = new Map<string, ReturnType<typeof householdOf>>();
  for (const row of r.rows) {
    const h = householdOf(JSON.parse(row.j) as HouseholdTuple);
    byId.set(h.id, h);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function householdOf(t: HouseholdTuple) {
  return {
    id: t[0],
    village_name: t[1],
    group_name: t[2],
    household_code: t[3],
    member_count: t[4],
    kind: t[5],
    dibao: t[6],
    tekun: t[7],
    relocated: t[8],
    no_labor: t[9],
    phone: t[10],
    address: t[11],
    helper_name: t[12],
    helper_phone: t[13],
    status: t[14],
  };
}

type HouseholdFilters = Extract<ParsedExportInput, { ledger: 'households' }>['filters'];

export async function householdSource(ctx: HandlerContext, filters: HouseholdFilters): Promise<LedgerSource> {
  const db = ctx.db;
  const today = ctx.today();
  const office = await officeNames(db);
  // The list's order first, then each chunk's rows: a county's households read whole (every
  // column, 30,000 rows) were most of the quarterly submission's peak memory (issue 11.7).
  const order = await listHouseholdOrder(db, {
    ...filters,
    search: filters.search.trim(),
    pending: filters.pending ? { today } : undefined,
  });
  // Members on the register; a closed household's leavers add a few more rows than this.
  const estimate = order.reduce((s, h) => s + h.member_count, 0);

  const read = (ids: readonly string[]) =>
    Promise.all([
      // One JSON text per person: node-sqlite3 pays per value it hands over, and a person has 17.
      sql<{ household_id: string; j: string }>`
        SELECT m.household_id, json_array(m.name, m.id_number, m.sex, m.birth_date, m.relation, m.ethnicity, m.education,
          m.schooling, m.health, m.disability_category, m.disability_grade, m.labor, m.work_status, m.medical_insurance,
          m.pension_insurance, m.status, m.phone) AS j
        FROM members AS m JOIN households AS h ON h.id = m.household_id
        WHERE m.household_id IN (${sql.join(ids)}) AND m.deleted_at IS NULL
          -- The register lists the people on it; a closed household keeps the members who left with it.
          AND (m.status = 'current' OR h.status = 'closed')
        ORDER BY m.sort_order, m.id`
        .execute(db)
        .then((r) => r.rows.map((row) => ({ household_id: row.household_id, m: JSON.parse(row.j) as MemberTuple }))),
      householdRows(db, ids),
      latestIncomes(db, ids),
      db
        .selectFrom('monitoring_cases')
        .select(['household_id', 'category', 'status', 'included_date', 'eliminated_date', 'clue_date'])
        .where('household_id', 'in', ids)
        .where('status', 'in', ['monitoring', 'eliminated'])
        .where('deleted_at', 'is', null)
        .orderBy('clue_date')
        .orderBy('created_at')
        .execute(),
    ]);

  async function* batches(): AsyncGenerator<LedgerRecord[]> {
    let seq = 0;
    // The next chunk is read while this one is written.
    for await (const [members, part, incomes, cases] of readInOrder(order.map((h) => h.id), read, { readAhead: true })) {
      const byHousehold = new Map<string, typeof members>();
      for (const m of members) {
        const list = byHousehold.get(m.household_id) ?? [];
        list.push(m);
        byHousehold.set(m.household_id, list);
      }
      const latestCase = new Map<string, (typeof cases)[number]>();
      for (const c of cases) latestCase.set(c.household_id, c);
      const out: LedgerRecord[] = [];
      for (const h of part) {
        const income = incomes.get(h.id);
        const c = latestCase.get(h.id);
        for (const { m: tuple } of byHousehold.get(h.id) ?? []) {
          const m = memberOf(tuple);
          seq += 1;
          out.push({
            seq,
            dataDate: today,
            county: office.countyName,
            township: office.townshipName,
            village: h.village_name,
            group: h.group_name,
            householdCode: h.household_code,
            name: m.name,
            idNumber: m.id_number,
            sex: m.sex === 'male' ? '男' : m.sex === 'female' ? '女' : m.sex,
            birthDate: m.birth_date,
            memberCount: h.member_count,
            relation: label(relationLabels, m.relation),
            ethnicity: m.ethnicity,
            education: label(educationLabels, m.education),
            schooling: label(schoolingLabels, m.schooling),
            health: label(healthLabels, m.health),
            // Two columns, as the import reads them back: an exported ledger must re-import unchanged.
            disabilityCategory: m.disability_category === null ? null : label(disabilityCategoryLabels, m.disability_category),
            disabilityGrade: m.disability_grade ? disabilityGradeLabels[m.disability_grade as DisabilityGrade] : null,
            labor: label(laborLabels, m.labor),
            workStatus: label(workStatusLabels, m.work_status),
            medicalInsurance: yesNo(m.medical_insurance === 1),
            pensionInsurance: yesNo(m.pension_insurance === 1),
            memberStatus: label(memberStatusLabels, m.status),
            householdKind: label(householdKindLabels, h.kind),
            dibao: yesNo(h.dibao === 1),
            tekun: yesNo(h.tekun === 1),
            relocated: yesNo(h.relocated === 1),
            noLabor: yesNo(h.no_labor === 1),
            perCapitaIncome: income?.perCapita ?? null,
            incomeYear: income?.year ?? null,
            phone: h.phone,
            address: h.address,
            memberPhone: m.phone,
            helperName: h.helper_name,
            helperPhone: h.helper_phone,
            monitoringCategory: c ? label(monitoringCategoryLabels, c.category) : null,
            riskEliminated: c ? yesNo(c.status === 'eliminated') : null,
            riskIdentifiedDate: c?.included_date ?? null,
            riskEliminatedDate: c?.eliminated_date ?? null,
            householdStatus: label(householdStatusLabels, h.status),
          });
        }
      }
      yield out;
    }
  }
  return { total: estimate, batches: batches() };
}
