import { sql, type Kysely, type Transaction } from 'kysely';
import catalogJson from '../../../resources/measure-catalog.json';
import type {
  CaseRiskTable,
  CaseStepTable,
  DB,
  IncomeTable,
  MeasureTable,
  MonitoringCaseTable,
  NoticeObjectionTable,
  ThresholdYearTable,
  VisitTable,
} from '../../core/db/schema';
import { refreshAllSchedulesIn } from '../../core/derived/visitSchedule';
import { uuidv7 } from '../../core/ids';
import type { SeedTownship } from './generator';
import { builtInMeasureTypes, parseMeasureCatalog, type SeedMeasureType } from './monitoringCatalog';
import type { SeedMonitoring } from './monitoringGenerator';

export interface MonitoringCounts {
  thresholdYears: number;
  incomes: number;
  cases: number;
  risks: number;
  steps: number;
  objections: number;
  measures: number;
  visits: number;
  /** Households on a visit cycle after the schedules were computed. */
  scheduled: number;
}

/** The office's measure catalog (resources/measure-catalog.json), or the built-in list if it has no usable types. */
export function seedCatalog(): { types: SeedMeasureType[]; source: 'resources' | 'builtIn' } {
  const types = parseMeasureCatalog(catalogJson);
  return types.length > 0 ? { types, source: 'resources' } : { types: [...builtInMeasureTypes], source: 'builtIn' };
}

type Cell = string | number | null;
const metaColumns = ['id', 'office_code', 'created_at', 'updated_at', 'updated_by', 'deleted_at', 'delete_reason'] as const;

/**
 * Inserts `source` mapped to rows, a chunk at a time: each chunk travels as one JSON parameter and
 * SQLite unpacks it (json_each). At county scale this is several times faster than binding every
 * value through Kysely, and only one chunk of rows is ever built (the garbage collector stays idle).
 */
async function bulkInsert<S>(
  tx: Transaction<DB>,
  table: keyof DB & string,
  columns: readonly string[],
  source: readonly S[],
  toRow: (item: S, index: number) => Cell[],
  chunk = 2000,
): Promise<number> {
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  const values = sql.raw(columns.map((_, i) => `value ->> ${i}`).join(', '));
  for (let i = 0; i < source.length; i += chunk) {
    const rows: Cell[][] = [];
    for (let k = i; k < Math.min(source.length, i + chunk); k++) rows.push(toRow(source[k]!, k));
    await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${values} FROM json_each(${JSON.stringify(rows)})`.execute(tx);
  }
  return source.length;
}

/**
 * Writes generated monitoring data into a database that holds the same generated township (written
 * by writeSeed) and no monitoring data yet, in one transaction: the yearly thresholds, incomes,
 * cases with risks, steps and objections, measures, visits; then every household's visit schedule
 * (core/derived/visitSchedule.ts, the program's own rule) and one audit row. Rows carry their business date as
 * created_at, so timelines read as the office lived them; the registry itself is dated to the
 * first day of the data (`registeredOn`), since it existed before the history that refers to it.
 * The measure catalog is not written: the program loads it on first use (measures/catalog.ts).
 */
export async function writeMonitoring(db: Kysely<DB>, township: SeedTownship, data: SeedMonitoring, now: Date): Promise<MonitoringCounts> {
  const office = await db.selectFrom('office').select('township_code').executeTakeFirst();
  if (!office) throw new Error('数据文件夹中还没有单位数据：请先写入示例农户（writeSeed），再写入监测数据');
  const existing = await db.selectFrom('monitoring_cases').select('id').executeTakeFirst();
  const years = await db.selectFrom('threshold_years').select('id').executeTakeFirst();
  if (existing || years) throw new Error('该数据文件夹已有监测数据：监测示例数据只写入一次，请换一个 --data 目录');
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst();
  if (!admin) throw new Error('数据文件夹中没有管理员账号');
  const householdIds = new Map((await db.selectFrom('households').select(['id', 'household_code']).execute()).map((h) => [h.household_code, h.id]));
  const householdId = (index: number): string => {
    const code = township.households[index]?.householdCode;
    const id = code === undefined ? undefined : householdIds.get(code);
    if (id === undefined) throw new Error(`监测数据引用的农户不在数据库中（第 ${index + 1} 户）：请用同一份生成的乡镇数据`);
    return id;
  };

  const nowIso = now.toISOString();
  // 10:00 in China (02:00 UTC): the same calendar day on the office PC and in UTC; never after now.
  const stamp = (date: string, minute = 0): string => {
    const iso = `${date}T02:${String(minute % 60).padStart(2, '0')}:00.000Z`;
    return iso < nowIso ? iso : nowIso;
  };
  /** The meta columns in metaColumns order, with a new key first. */
  const meta = (created: string, updated: string = created): Cell[] => [
    uuidv7(),
    office.township_code,
    created,
    updated > created ? updated : created,
    admin.id,
    null,
    null,
  ];
  const cols = <T>(...names: (keyof T & string)[]): string[] => [...metaColumns, ...names];

  const counts: MonitoringCounts = { thresholdYears: 0, incomes: 0, cases: 0, risks: 0, steps: 0, objections: 0, measures: 0, visits: 0, scheduled: 0 };

  await db.transaction().execute(async (tx) => {
    const registered = stamp(data.registeredOn);
    for (const table of ['office', 'villages', 'village_groups', 'users', 'households', 'members'] as const) {
      await sql`UPDATE ${sql.table(table)} SET created_at = ${registered}, updated_at = ${registered} WHERE created_at > ${registered}`.execute(tx);
    }

    counts.thresholdYears = await bulkInsert(
      tx,
      'threshold_years',
      cols<ThresholdYearTable>(
        'year', 'monitoring_line_fen', 'elimination_floor_fen', 'period_start_month', 'notice_days', 'identification_deadline_days',
        'identification_deadline_unit', 'plan_deadline_days', 'min_monitoring_months', 'visit_open_months', 'visit_eliminated_months',
        'visit_stable_months', 'holidays', 'makeup_workdays',
      ),
      data.thresholds,
      (t) => [
        ...meta(stamp(`${t.year}-01-05`)),
        t.year, t.monitoringLineFen, t.eliminationFloorFen, t.periodStartMonth, t.noticeDays, t.identificationDeadlineDays,
        t.identificationDeadlineUnit, t.planDeadlineDays, t.minMonitoringMonths, t.visitOpenMonths, t.visitEliminatedMonths,
        t.visitStableMonths, JSON.stringify(t.holidays), JSON.stringify(t.makeupWorkdays),
      ],
    );

    counts.incomes = await bulkInsert(
      tx,
      'incomes',
      cols<IncomeTable>(
        'household_id', 'year', 'member_count', 'wage_fen', 'business_income_fen', 'business_cost_fen', 'property_fen', 'pension_fen',
        'dibao_fen', 'tekun_fen', 'eco_compensation_fen', 'other_transfer_fen', 'insurance_payout_fen', 'medical_out_of_pocket_fen',
        'net_income_fen', 'per_capita_fen', 'decline_cause', 'note',
      ),
      data.incomes,
      (r) => {
        const a = r.amounts;
        return [
          ...meta(stamp(`${r.year + 1}-01-10`)),
          householdId(r.householdIndex), r.year, r.memberCount, a.wageFen, a.businessIncomeFen, a.businessCostFen, a.propertyFen,
          a.pensionFen, a.dibaoFen, a.tekunFen, a.ecoCompensationFen, a.otherTransferFen, a.insurancePayoutFen, a.medicalOutOfPocketFen,
          r.netIncomeFen, r.perCapitaFen, r.declineCause, r.note,
        ];
      },
    );

    const caseIds: string[] = [];
    counts.cases = await bulkInsert(
      tx,
      'monitoring_cases',
      cols<MonitoringCaseTable>(
        'case_code', 'household_id', 'status', 'category', 'suggested_category', 'category_confirmed_by', 'helper_name', 'helper_phone',
        'clue_source', 'clue_date', 'clue_note', 'deadline_date', 'included_date', 'plan_due_date', 'eliminated_date', 'elimination_method',
        'rejected_date', 'reject_reason', 'guarantees', 'active_workflow', 'next_step', 'round',
      ),
      data.cases,
      (c) => {
        const last = c.steps.reduce((d, st) => (st.date > d ? st.date : d), c.clueDate);
        const m = meta(stamp(c.clueDate), stamp(last, 59));
        caseIds.push(m[0] as string);
        return [
          ...m,
          c.caseCode, householdId(c.householdIndex), c.status, c.category, c.suggestedCategory, c.categoryConfirmedBy, c.helperName, null,
          c.clueSource, c.clueDate, c.clueNote, c.deadlineDate, c.includedDate, c.planDueDate, c.eliminatedDate, c.eliminationMethod,
          c.rejectedDate, c.rejectReason, JSON.stringify(c.guarantees), c.activeWorkflow, c.nextStep, c.round,
        ];
      },
    );

    const risks = data.cases.flatMap((c, i) => c.risks.map((r) => ({ r, i, date: c.clueDate })));
    counts.risks = await bulkInsert(tx, 'case_risks', cols<CaseRiskTable>('case_id', 'risk_type', 'note'), risks, ({ r, i, date }) => [
      ...meta(stamp(date)),
      caseIds[i]!,
      r.riskType,
      r.note,
    ]);

    // Step keys are drawn first: objections point at their notice step.
    const steps = data.cases.flatMap((c, i) => c.steps.map((st, k) => ({ st, i, k, cells: meta(stamp(st.date, 10 + k)) })));
    const stepIds = new Map<string, string>(steps.map((x) => [`${x.i}:${x.k}`, x.cells[0] as string]));
    counts.steps = await bulkInsert(
      tx,
      'case_steps',
      cols<CaseStepTable>('case_id', 'workflow', 'round', 'step', 'step_date', 'people', 'outcome', 'note', 'details'),
      steps,
      ({ st, i, cells }) => [...cells, caseIds[i]!, st.workflow, st.round, st.step, st.date, JSON.stringify(st.people), st.outcome, st.note, JSON.stringify(st.details)],
    );
    const objections = data.cases.flatMap((c, i) => c.objections.map((o) => ({ o, i })));
    counts.objections = await bulkInsert(
      tx,
      'notice_objections',
      cols<NoticeObjectionTable>('case_id', 'step_id', 'received_date', 'objector', 'content', 'resolution', 'resolved_date'),
      objections,
      ({ o, i }) => [
        ...meta(stamp(o.receivedDate, 30), stamp(o.resolvedDate, 40)),
        caseIds[i]!, stepIds.get(`${i}:${o.stepIndex}`)!, o.receivedDate, o.objector, o.content, o.resolution, o.resolvedDate,
      ],
    );

    counts.measures = await bulkInsert(
      tx,
      'measures',
      cols<MeasureTable>(
        'case_id', 'household_id', 'measure_type_code', 'risk_types', 'responsible_unit', 'helper_name', 'planned_date', 'done_date',
        'status', 'amount_fen', 'note',
      ),
      data.measures,
      (m) => {
        const created = m.plannedDate < data.asOf ? m.plannedDate : data.asOf;
        return [
          ...meta(stamp(created, 20), stamp(m.doneDate ?? created, 21)),
          caseIds[m.caseIndex]!, householdId(m.householdIndex), m.code, JSON.stringify(m.riskTypes), m.responsibleUnit, m.helperName,
          m.plannedDate, m.doneDate, m.status, m.amountFen, m.note,
        ];
      },
    );

    counts.visits = await bulkInsert(
      tx,
      'visits',
      cols<VisitTable>('household_id', 'case_id', 'visit_date', 'visitors', 'kind', 'findings', 'guarantees', 'income_year'),
      data.visits,
      (v) => [
        ...meta(stamp(v.date, 45)),
        householdId(v.householdIndex), v.caseIndex === null ? null : caseIds[v.caseIndex]!, v.date, JSON.stringify(v.visitors), v.kind,
        v.findings, v.guarantees === null ? null : JSON.stringify(v.guarantees), v.incomeYear,
      ],
    );

    await refreshAllSchedulesIn(tx);
    const scheduled = await tx
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('visit_cycle', 'is not', null)
      .executeTakeFirstOrThrow();
    counts.scheduled = Number(scheduled.n);

    await tx
      .insertInto('audit_log')
      .values({
        id: uuidv7(),
        office_code: office.township_code,
        at: nowIso,
        user_id: admin.id,
        user_name: '示例数据生成',
        channel: 'seed.monitoring',
        entity: 'office',
        entity_id: office.township_code,
        summary:
          `写入监测示例数据：${counts.thresholdYears} 个年度标准，${counts.incomes} 条年度收入，${counts.cases} 个监测对象` +
          `（${counts.risks} 项风险、${counts.steps} 个流程步骤），${counts.measures} 条帮扶措施，${counts.visits} 次走访`,
        changes: '[]',
      })
      .execute();
  });
  return counts;
}
