import { sql } from 'kysely';
import { submissionCheckLabels, type SubmissionCheck, type SubmissionCheckKind } from '../../../../../shared/contract/fileExport';
import { quarterCode, quarterRange, type Quarter } from '../../../../../shared/domain/quarter';
import { addMonths } from '../../../../../shared/lib/dates';
import type { HandlerContext } from '../../../context';
import { employmentChecks } from '../../employment/checks';

// The county's data-quality rules on submissions (DOMAIN §15), run before the office submits so
// the clerk can put things right first. Dates are judged as of the quarter's end (or today, while
// the quarter is still running).

const listed = 200;

interface Hit {
  household_code: string;
  head_name: string;
  village_name: string;
  case_id: string | null;
  case_code: string | null;
  detail: string;
}

export async function submissionCheck(ctx: HandlerContext, quarter: Quarter): Promise<SubmissionCheck> {
  const db = ctx.db;
  const { to } = quarterRange(quarter);
  const asOf = ctx.today() < to ? ctx.today() : to;

  // 1. 纳入监测满一个月仍无帮扶措施.
  const monthAgo = addMonths(asOf, -1);
  const noMeasure = await sql<Hit>`
    SELECT h.household_code, h.head_name, v.name AS village_name, c.id AS case_id, c.case_code,
      '纳入监测日期 ' || c.included_date AS detail
    FROM monitoring_cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
    WHERE c.deleted_at IS NULL AND c.status IN ('monitoring', 'eliminated') AND c.included_date <= ${monthAgo}
      AND NOT EXISTS (SELECT 1 FROM measures m WHERE m.case_id = c.id AND m.deleted_at IS NULL AND m.status <> 'cancelled')
    ORDER BY v.sort_order, h.household_code`.execute(db);

  // 2. 识别当月或次月即标注风险消除.
  const quick = await sql<Hit>`
    SELECT h.household_code, h.head_name, v.name AS village_name, c.id AS case_id, c.case_code,
      '纳入 ' || c.included_date || '，消除 ' || c.eliminated_date AS detail
    FROM monitoring_cases c JOIN households h ON h.id = c.household_id JOIN villages v ON v.id = h.village_id
    WHERE c.deleted_at IS NULL AND c.status = 'eliminated' AND c.included_date IS NOT NULL AND c.eliminated_date <= ${to}
      AND (CAST(substr(c.eliminated_date, 1, 4) AS INTEGER) * 12 + CAST(substr(c.eliminated_date, 6, 2) AS INTEGER))
        - (CAST(substr(c.included_date, 1, 4) AS INTEGER) * 12 + CAST(substr(c.included_date, 6, 2) AS INTEGER)) <= 1
    ORDER BY v.sort_order, h.household_code`.execute(db);

  // 3. 脱贫户饮水安全有风险但未纳入监测: the latest guarantees check (a visit's, or the last
  //    closed case's) says 饮水安全 有风险, and the household has no open case.
  const water = await sql<Hit>`
    SELECT h.household_code, h.head_name, v.name AS village_name, NULL AS case_id, NULL AS case_code,
      '最近一次核查（' || lv.visit_date || '）饮水安全有风险' AS detail
    FROM households h JOIN villages v ON v.id = h.village_id
    JOIN visits lv ON lv.id = (
      SELECT vi.id FROM visits vi WHERE vi.household_id = h.id AND vi.deleted_at IS NULL AND vi.guarantees IS NOT NULL
        AND vi.visit_date <= ${asOf} ORDER BY vi.visit_date DESC, vi.id DESC LIMIT 1)
    WHERE h.deleted_at IS NULL AND h.status = 'active' AND h.kind = 'povertyExited'
      AND json_extract(lv.guarantees, '$.water.status') = 'atRisk'
      AND NOT EXISTS (SELECT 1 FROM monitoring_cases c WHERE c.household_id = h.id AND c.deleted_at IS NULL AND c.status IN ('identifying', 'monitoring'))
    ORDER BY v.sort_order, h.household_code`.execute(db);

  // 4. 70 岁以上人员在公益性岗位.
  const seventy = addMonths(asOf, -12 * 70);
  const elderly = await sql<Hit>`
    SELECT h.household_code, h.head_name, v.name AS village_name, NULL AS case_id, NULL AS case_code,
      m.name || '（出生 ' || m.birth_date || '）' AS detail
    FROM members m JOIN households h ON h.id = m.household_id JOIN villages v ON v.id = h.village_id
    WHERE m.deleted_at IS NULL AND m.status = 'current' AND m.work_status = 'welfarePost' AND m.birth_date < ${seventy}
      AND h.deleted_at IS NULL AND h.status = 'active'
    ORDER BY v.sort_order, h.household_code`.execute(db);

  // 5–6. The employment rules (务工记录).
  const employment = await employmentChecks(db, asOf);

  const rule = (kind: SubmissionCheckKind, hits: readonly Hit[]): SubmissionCheck['rules'][number] => ({
    kind,
    label: submissionCheckLabels[kind],
    count: hits.length,
    items: hits.slice(0, listed).map((h) => ({
      householdCode: h.household_code,
      headName: h.head_name,
      villageName: h.village_name,
      caseId: h.case_id,
      caseCode: h.case_code,
      detail: h.detail,
    })),
  });
  return {
    quarter: quarterCode(quarter),
    rules: [
      rule('noMeasureAfterMonth', noMeasure.rows),
      rule('quickElimination', quick.rows),
      rule('waterNotMonitored', water.rows),
      rule('elderlyWelfarePost', elderly.rows),
      rule('pupilWorking', employment.pupilWorking),
      rule('workerNoMobile', employment.workerNoMobile),
    ],
  };
}
