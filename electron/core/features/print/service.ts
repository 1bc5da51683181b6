import type { PrintHistoryRow, VerifyResult } from '../../../../shared/contract/print';
import { documentKindLabels, isDocumentKind, type DocumentKind } from '../../../../shared/domain/paper';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { contentHash, normalizeContentCode } from './hash';
import { documentBuilders } from './registry';
import { formChanges, type FieldChange } from '../forms/formFields';
import { isFormKind } from '../../../../shared/domain/paper';
import { describeNoticeChanges } from '../notices/documents';
import * as noticeRepo from '../notices/repository';
import { printedDataColumn } from '../../db/jsonColumns';

// 核验 (verify): the short code on a paper copy leads to the printed_documents row; the document is
// built again from today's data through the same builder, and the hashes compared. What changed is
// told in Chinese: notices field by field per household, forms by their fields' Chinese names,
// each marked whether the form's signatures rest on it (forms/formFields.ts).

const maxChanges = 30;

function limit(changes: string[]): string[] {
  return changes.length > maxChanges ? [...changes.slice(0, maxChanges), `……另有 ${changes.length - maxChanges} 处不同`] : changes;
}

/** The renderer link of a document's record: a case, or the household of a visit. */
async function linkOf(ctx: HandlerContext, recordRef: string): Promise<string | null> {
  const c = await ctx.db.selectFrom('monitoring_cases').select('id').where('id', '=', recordRef).executeTakeFirst();
  if (c) return `#/monitoring/${c.id}`;
  const v = await ctx.db.selectFrom('visits').select('household_id').where('id', '=', recordRef).executeTakeFirst();
  if (v) return `#/households/${v.household_id}`;
  const h = await ctx.db.selectFrom('households').select('id').where('id', '=', recordRef).executeTakeFirst();
  return h ? `#/households/${h.id}` : null;
}

async function noticeLinks(ctx: HandlerContext, recordRef: string): Promise<{ label: string; link: string }[]> {
  let ids: unknown;
  try {
    ids = JSON.parse(recordRef);
  } catch {
    return [];
  }
  if (!Array.isArray(ids)) return [];
  const records = await noticeRepo.casesOfSteps(
    ctx.db,
    ids.filter((v): v is string => typeof v === 'string'),
  );
  return records.map((r) => ({ label: `${r.head_name}（${r.case_code}）`, link: `#/monitoring/${r.case_id}` }));
}

export async function verify(ctx: HandlerContext, input: { code: string }): Promise<VerifyResult> {
  const code = normalizeContentCode(input.code);
  if (code === null) {
    throw new AppError('INVALID_INPUT', '核验码应为 10 位数字或字母 A–F（如 3FA2C-91B0D），请对照纸质件页脚重新输入', {
      code: '核验码应为 10 位，如 3FA2C-91B0D',
    });
  }
  const prints = await ctx.db
    .selectFrom('printed_documents')
    .selectAll()
    .where('content_code', '=', code)
    .where('deleted_at', 'is', null)
    .orderBy('printed_at', 'desc')
    .execute();
  const latest = prints[0];
  if (!latest || !isDocumentKind(latest.kind)) {
    return { found: false, message: `没有找到核验码为 ${code} 的打印记录。请核对页脚上的核验码；若确为本程序打印，可能是在其他电脑或其他单位打印的。` };
  }
  const kind: DocumentKind = latest.kind;
  const printedData = printedDataColumn.decode(latest.data_json);
  let matches = false;
  let changes: string[];
  let fieldChanges: FieldChange[] = [];
  try {
    const rebuilt = await documentBuilders[kind].build(ctx, latest.record_ref);
    matches = contentHash(rebuilt.data) === latest.content_hash;
    if (matches) changes = [];
    else if (isFormKind(kind)) {
      fieldChanges = formChanges(kind, printedData, rebuilt.data);
      changes = fieldChanges.map((c) => (c.material ? c.text : `${c.text}（非实质变更）`));
    } else changes = describeNoticeChanges(printedData, rebuilt.data) ?? [];
    if (!matches && changes.length === 0) changes = ['记录内容有变化'];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    changes = [`无法按当前记录重新生成${documentKindLabels[kind]}：${err.message}`];
  }
  const informationalOnly = fieldChanges.length > 0 && fieldChanges.every((c) => !c.material);
  const isNotice = kind.startsWith('notice.');
  return {
    found: true,
    code,
    kind,
    title: latest.title,
    recordCode: latest.record_code,
    printedAt: latest.printed_at,
    printedBy: latest.printed_by_name,
    printCount: prints.length,
    matches,
    changes: limit(changes),
    informationalOnly,
    informationalChanges: informationalOnly ? [...new Set(fieldChanges.map((c) => c.field))] : [],
    link: isNotice ? null : await linkOf(ctx, latest.record_ref),
    related: isNotice ? await noticeLinks(ctx, latest.record_ref) : [],
  };
}

export async function history(ctx: HandlerContext, input: { kind?: DocumentKind | undefined; recordRef?: string | undefined; limit: number }): Promise<{ rows: PrintHistoryRow[] }> {
  let q = ctx.db.selectFrom('printed_documents').selectAll().where('deleted_at', 'is', null);
  if (input.kind) q = q.where('kind', '=', input.kind);
  if (input.recordRef) q = q.where('record_ref', '=', input.recordRef);
  const rows = await q.orderBy('printed_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
  return {
    rows: rows
      .filter((r) => isDocumentKind(r.kind))
      .map((r) => ({
        id: r.id,
        batchId: r.batch_id,
        kind: r.kind as DocumentKind,
        title: r.title,
        recordRef: r.record_ref,
        recordCode: r.record_code,
        contentCode: r.content_code,
        printedBy: r.printed_by_name,
        printedAt: r.printed_at,
      })),
  };
}
