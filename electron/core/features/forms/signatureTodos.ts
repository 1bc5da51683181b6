import { sql } from 'kysely';
import type { SignatureTodoItem, SignatureTodos } from '../../../../shared/contract/forms';
import { formBlocks } from '../../../../shared/domain/formBlocks';
import { isFormKind, type FormKind } from '../../../../shared/domain/paper';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import type { Kysely } from 'kysely';
import { buildForm, type FactsCache } from './documents';

// The workbench's signature to-dos (issue 14 item 1): approval forms of monitored cases with a
// block still unsigned, ink signatures whose scanned page is not yet attached, and signatures
// gone stale (the form's facts changed after signing). The first two are indexed counts. Whether
// a signature went stale can only be told by rebuilding its form and comparing the hash it was
// made with, so that list is rebuilt only when something was written since it was last made:
// every write leaves an audit row in its transaction (and another program moves data_version),
// so the newest audit rowid is a change token that costs one index step to read.

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

interface StaleCache {
  token: string;
  items: SignatureTodoItem[];
}
const staleCache = new WeakMap<Kysely<DB>, StaleCache>();

async function changeToken(ctx: HandlerContext): Promise<string> {
  const r = await sql<{ a: number | null; v: number }>`SELECT (SELECT max(rowid) FROM audit_log) AS a, (SELECT data_version FROM pragma_data_version) AS v`.execute(ctx.db);
  return `${ctx.today()}|${r.rows[0]?.a ?? 0}|${r.rows[0]?.v ?? 0}`;
}

/** Standing signatures whose form no longer hashes to what they signed. */
async function staleSignatures(ctx: HandlerContext): Promise<SignatureTodoItem[]> {
  const token = await changeToken(ctx);
  const cached = staleCache.get(ctx.db);
  if (cached && cached.token === token) return cached.items;
  const forms = await ctx.db
    .selectFrom('signatures')
    .select(['form_kind', 'record_id'])
    .where('superseded_by', 'is', null)
    .where('deleted_at', 'is', null)
    .groupBy(['form_kind', 'record_id'])
    .execute();
  const cache: FactsCache = new Map();
  const found: { caseId: string; formKind: FormKind; roleLabel: string }[] = [];
  for (const f of forms) {
    if (!isFormKind(f.form_kind)) continue;
    let built;
    try {
      built = await buildForm(ctx, f.form_kind, f.record_id, cache);
    } catch {
      continue; // a form whose record is gone has nothing left to sign
    }
    for (const b of built.blocks) if (b.status === 'stale') found.push({ caseId: built.caseId, formKind: f.form_kind, roleLabel: b.def.roleLabel });
  }
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
  staleCache.set(ctx.db, { token, items });
  return items;
}

export async function signatureTodos(ctx: HandlerContext): Promise<SignatureTodos> {
  const [unsigned, scan, stale] = await Promise.all([unsignedApprovals(ctx.db), awaitingScan(ctx.db), staleSignatures(ctx)]);
  return { unsigned, awaitingScan: scan, stale };
}
