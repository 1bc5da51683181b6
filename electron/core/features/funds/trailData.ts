import { sql } from 'kysely';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';

// What the 资金流向表 (trail.ts) reads, in one statement: the project, the office's names, the
// project's allocations and disbursements with their batches, its payment lists and every line of
// them. Six queries were six round trips through node-sqlite3's thread and a JS object made per
// row on the main thread (a 500-household page: ~5,000 values); here all of it comes back as one
// JSON text, parsed once. The lines are arrays (500 of them: no key repeated per line), the few
// entries and lists objects with the columns' names. (Each part goes through json() so that it is
// nested as JSON, not as a string, whatever SQLite keeps of a subquery's JSON subtype.)

export type TrailEntry = {
  id: string;
  batch_id: string;
  entry_date: string;
  amount_fen: number;
  reverses_id: string | null;
  note: string | null;
  batch_doc_no: string;
  source_name: string;
  batch_year: number;
  batch_issued_date: string;
  batch_amount_fen: number;
};
export type TrailDisbursement = TrailEntry & { voucher_no: string; stage: string; payee_kind: string };
export type TrailListRow = { id: string; title: string; period: string; status: string; bank_on: string | null; disbursement_id: string | null };
export type LineRow = {
  id: string;
  list_id: string;
  basis: string;
  amount_fen: number;
  result: string | null;
  result_reason: string | null;
  reverses_line_id: string | null;
  resend_of_line_id: string | null;
  name: string;
  household_code: string;
};
/** A line as the statement hands it over: LineRow's fields in their order. */
type LineTuple = [string, string, string, number, string | null, string | null, string | null, string | null, string, string];

/** The statement's one JSON text. */
type TrailJson = {
  project: { id: string; project_code: string; name: string; year: number; implementing_unit: string; budget_fen: number };
  office: { county_name: string; township_name: string } | null;
  allocations: TrailEntry[];
  disbursements: TrailDisbursement[];
  lists: TrailListRow[];
  lines: LineTuple[];
};

const batchColumns = sql.raw(
  `'batch_doc_no', b.doc_no, 'source_name', s.name, 'batch_year', b.year, 'batch_issued_date', b.issued_date, 'batch_amount_fen', b.amount_fen`,
);

/**
 * The lines of the project's payment lists (not deleted, nor in a deleted list) with each person's
 * name and household code, in list order. The name and the code come from the covering indexes
 * of migration 0029 (named, since SQLite would take the primary keys and read a table page per
 * line): printing 500 lines the first time read ~250 pages.
 */
export function lineRows(projectId: string) {
  return sql<{ lines: string }>`SELECT json_group_array(json_array(p.id, p.list_id, p.basis, p.amount_fen, p.result, p.result_reason, p.reverses_line_id, p.resend_of_line_id, m.name, h.household_code) ORDER BY p.sort_order, p.id) AS lines
    FROM payment_lists AS l
    JOIN payment_lines AS p ON p.list_id = l.id
    JOIN members AS m INDEXED BY ix_members_id_name ON m.id = p.member_id
    JOIN households AS h INDEXED BY ix_households_id_code ON h.id = p.household_id
    WHERE l.project_id = ${projectId} AND l.deleted_at IS NULL AND p.deleted_at IS NULL`;
}

export async function trailRecords(ctx: HandlerContext, projectId: string) {
  const { rows } = await sql<{ trail: string }>`SELECT json_object(
    'project', json_object('id', f.id, 'project_code', f.project_code, 'name', f.name, 'year', f.year, 'implementing_unit', f.implementing_unit, 'budget_fen', f.budget_fen),
    'office', json((SELECT json_object('county_name', o.county_name, 'township_name', o.township_name) FROM office AS o WHERE o.deleted_at IS NULL LIMIT 1)),
    'allocations', json((SELECT json_group_array(json_object('id', a.id, 'batch_id', a.batch_id, 'entry_date', a.entry_date, 'amount_fen', a.amount_fen, 'reverses_id', a.reverses_id, 'note', a.note, ${batchColumns}) ORDER BY a.entry_date, a.id)
      FROM fund_allocations AS a JOIN fund_batches AS b ON b.id = a.batch_id JOIN fund_sources AS s ON s.code = b.source_code
      WHERE a.project_id = f.id AND a.deleted_at IS NULL)),
    'disbursements', json((SELECT json_group_array(json_object('id', d.id, 'batch_id', d.batch_id, 'entry_date', d.entry_date, 'amount_fen', d.amount_fen, 'reverses_id', d.reverses_id, 'note', d.note,
        'voucher_no', d.voucher_no, 'stage', d.stage, 'payee_kind', d.payee_kind, ${batchColumns}) ORDER BY d.entry_date, d.id)
      FROM fund_disbursements AS d JOIN fund_batches AS b ON b.id = d.batch_id JOIN fund_sources AS s ON s.code = b.source_code
      WHERE d.project_id = f.id AND d.deleted_at IS NULL)),
    'lists', json((SELECT json_group_array(json_object('id', l.id, 'title', l.title, 'period', l.period, 'status', l.status, 'bank_on', l.bank_on, 'disbursement_id', l.disbursement_id) ORDER BY l.created_at, l.id)
      FROM payment_lists AS l WHERE l.project_id = f.id AND l.deleted_at IS NULL)),
    'lines', json((${lineRows(projectId)}))
  ) AS trail
    FROM fund_projects AS f WHERE f.id = ${projectId} AND f.deleted_at IS NULL`.execute(ctx.db);
  const [r] = rows;
  if (!r) throw new AppError('NOT_FOUND', '找不到该项目，可能已被删除');
  const t = JSON.parse(r.trail) as TrailJson;
  if (t.office === null) throw new AppError('NOT_CONFIGURED', '请先完成单位设置');
  const lines = t.lines.map(
    ([id, list_id, basis, amount_fen, result, result_reason, reverses_line_id, resend_of_line_id, name, household_code]): LineRow => ({
      id,
      list_id,
      basis,
      amount_fen,
      result,
      result_reason,
      reverses_line_id,
      resend_of_line_id,
      name,
      household_code,
    }),
  );
  return { project: t.project, office: t.office, allocations: t.allocations, disbursements: t.disbursements, lists: t.lists, lines };
}
