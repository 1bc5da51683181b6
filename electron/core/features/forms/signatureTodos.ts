import { sql } from 'kysely';
import type { SignatureTodoItem, SignatureTodos } from '../../../../shared/contract/forms';
import { formBlocks } from '../../../../shared/domain/formBlocks';
import { isFormKind, type FormKind } from '../../../../shared/domain/paper';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import type { Kysely } from 'kysely';
import { buildForm, type FactsCache } from './documents';
import { prefetchFacts } from './documents/batch';

// The workbench's signature to-dos (issue 14 item 1): approval forms of monitored cases with a
// block still unsigned, ink signatures whose scanned page is not yet attached, and signatures
// gone stale (the form's facts changed after signing). The first two are indexed counts. Whether
// a signature went stale can only be told by rebuilding its form and comparing the hash it was
// made with, so the check is kept per case and redone only for the cases a write may have changed:
// triggers note them in form_changes (migration 0028), whoever writes, in the write's transaction.

const approvalBlocks = formBlocks['form.approval'].filter((b) => !b.optional).length;

interface CaseRow {
  case_id: string;
  case_code: string;
  head_name: string;
  village_name: string;
  helper_name: string | null;
}

const caseColumns = sql`c.id AS case_id, c.case_code, h.head_name, v.name AS village_name, c.helper_name`;

function item(r: CaseRow, formKind: FormKind, roleLabel: string | null): SignatureTodoItem {
  return { caseId: r.case_id, caseCode: r.case_code, headName: r.head_name, villageName: r.village_name, helperName: r.helper_name, formKind, roleLabel };
}

/** 监测中 cases whose 识别审批表 lacks a standing signature in one of its blocks. */
async function unsignedApprovals(db: Kysely<DB>): Promise<SignatureTodoItem[]> {
  const rows = await sql<CaseRow>`
    SELECT ${caseColumns} FROM monitoring_cases AS c
      JOIN households AS h ON h.id = c.household_id JOIN villages AS v ON v.id = h.village_id
    WHERE c.deleted_at IS NULL AND c.status = 'monitoring'
      AND (SELECT count(DISTINCT s.block) FROM signatures AS s
           WHERE s.record_id = c.id AND s.form_kind = 'form.approval' AND s.superseded_by IS NULL AND s.deleted_at IS NULL) < ${approvalBlocks}
    ORDER BY v.sort_order, c.case_code`.execute(db);
  return rows.rows.map((r) => item(r, 'form.approval', null));
}

/** Ink signatures still waiting for the signed page's scan (partial index ix_signatures_awaiting_scan). */
async function awaitingScan(db: Kysely<DB>): Promise<SignatureTodoItem[]> {
  const rows = await sql<CaseRow & { form_kind: string; role_label: string }>`
    SELECT ${caseColumns}, s.form_kind, s.role_label
    FROM signatures AS s INDEXED BY ix_signatures_awaiting_scan
      LEFT JOIN visits AS vi ON vi.id = s.record_id AND s.form_kind = 'form.visit'
      JOIN monitoring_cases AS c ON c.id = coalesce(vi.case_id, s.record_id)
      JOIN households AS h ON h.id = c.household_id JOIN villages AS v ON v.id = h.village_id
    WHERE s.method = 'ink' AND s.scan_file IS NULL AND s.superseded_by IS NULL AND s.deleted_at IS NULL
    ORDER BY v.sort_order, c.case_code, s.form_kind`.execute(db);
  return rows.rows.filter((r) => isFormKind(r.form_kind)).map((r) => item(r, r.form_kind as FormKind, r.role_label));
}

/** What the stale check found per case: the stale blocks of the case's signed forms, by the form_changes note it is good up to. */
interface StaleBlock {
  caseId: string;
  formKind: FormKind;
  roleLabel: string;
}
interface StaleState {
  day: string;
  seq: number;
  byCase: Map<string, StaleBlock[]>;
}
const staleStates = new WeakMap<Kysely<DB>, StaleState>();

/** The form_changes notes since `seq`: the cases noted, or 'all' when a note says so or notes it needed are gone. */
async function changesSince(db: Kysely<DB>, seq: number | null): Promise<{ top: number; cases: Set<string> | 'all' }> {
  const r = await sql<{ hi: number | null; lo: number | null }>`
    SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'form_changes') AS hi, (SELECT min(seq) FROM form_changes) AS lo`.execute(db);
  const top = Number(r.rows[0]?.hi ?? 0);
  if (seq === null) return { top, cases: 'all' };
  if (top <= seq) return { top, cases: new Set() };
  const lo = r.rows[0]?.lo;
  if (lo === null || lo === undefined || Number(lo) > seq + 1) return { top, cases: 'all' };
  const rows = await sql<{ case_id: string }>`SELECT DISTINCT case_id FROM form_changes WHERE seq > ${seq} AND seq <= ${top}`.execute(db);
  const cases = new Set(rows.rows.map((x) => x.case_id));
  return { top, cases: cases.has('*') ? 'all' : cases };
}

/** The standing signatures' forms (of `caseIds`, or all), with the case each belongs to. */
async function signedForms(db: Kysely<DB>, caseIds: readonly string[] | null): Promise<{ form_kind: string; record_id: string; case_id: string }[]> {
  const rows = await sql<{ form_kind: string; record_id: string; case_id: string }>`
    SELECT s.form_kind, s.record_id, coalesce(vi.case_id, s.record_id) AS case_id
    FROM signatures AS s LEFT JOIN visits AS vi ON vi.id = s.record_id AND s.form_kind = 'form.visit'
    WHERE s.superseded_by IS NULL AND s.deleted_at IS NULL
    GROUP BY s.form_kind, s.record_id`.execute(db);
  if (caseIds === null) return rows.rows;
  const wanted = new Set(caseIds);
  return rows.rows.filter((r) => wanted.has(r.case_id));
}

/**
 * Rebuilds the signed forms of the cases changed since the last check (all of them the first time,
 * on a new day, or after a change every form prints) and keeps what it found for the others.
 */
async function refreshStale(ctx: HandlerContext): Promise<StaleState> {
  const day = ctx.today();
  const before = staleStates.get(ctx.db);
  const usable = before && before.day === day ? before : null;
  const { top, cases } = await changesSince(ctx.db, usable ? usable.seq : null);
  if (usable && cases !== 'all' && cases.size === 0) return usable;
  const byCase = cases === 'all' || !usable ? new Map<string, StaleBlock[]>() : new Map(usable.byCase);
  const changed = cases === 'all' || !usable ? null : [...cases];
  if (changed) for (const id of changed) byCase.delete(id);
  const forms = await signedForms(ctx.db, changed);
  const cache: FactsCache = new Map();
  await prefetchFacts(ctx, [...new Set(forms.map((f) => f.case_id))], cache);
  for (const f of forms) {
    if (!isFormKind(f.form_kind)) continue;
    let built;
    try {
      built = await buildForm(ctx, f.form_kind, f.record_id, cache);
    } catch {
      continue; // a form whose record is gone has nothing left to sign
    }
    for (const b of built.blocks) {
      if (b.status !== 'stale') continue;
      const list = byCase.get(built.caseId) ?? [];
      list.push({ caseId: built.caseId, formKind: f.form_kind, roleLabel: b.def.roleLabel });
      byCase.set(built.caseId, list);
    }
  }
  const state = { day, seq: top, byCase };
  staleStates.set(ctx.db, state);
  return state;
}

/** At opening: no check is kept yet, so the notes so far are not needed (the first check rebuilds all). */
export async function clearFormChanges(db: Kysely<DB>): Promise<void> {
  await sql`DELETE FROM form_changes`.execute(db);
}

/** Standing signatures whose form no longer hashes to what they signed. */
async function staleSignatures(ctx: HandlerContext): Promise<SignatureTodoItem[]> {
  const found = [...(await refreshStale(ctx)).byCase.values()].flat();
  const cases = found.length === 0 ? [] : (await sql<CaseRow>`
    SELECT ${caseColumns} FROM monitoring_cases AS c
      JOIN households AS h ON h.id = c.household_id JOIN villages AS v ON v.id = h.village_id
    WHERE c.id IN (${sql.join([...new Set(found.map((x) => x.caseId))])})`.execute(ctx.db)).rows;
  const byId = new Map(cases.map((c) => [c.case_id, c]));
  const items = found.flatMap((x) => {
    const c = byId.get(x.caseId);
    return c ? [item(c, x.formKind, x.roleLabel)] : [];
  });
  items.sort((a, b) => a.villageName.localeCompare(b.villageName, 'zh') || a.caseCode.localeCompare(b.caseCode));
  return items;
}

export async function signatureTodos(ctx: HandlerContext): Promise<SignatureTodos> {
  const [unsigned, scan, stale] = await Promise.all([unsignedApprovals(ctx.db), awaitingScan(ctx.db), staleSignatures(ctx)]);
  return { unsigned, awaitingScan: scan, stale };
}
