import type { RefreshDecision, RefreshFindings } from '../../../../../../shared/contract/importRefresh';
import { AppError } from '../../../../../../shared/lib/result';
import type { HandlerContext } from '../../../../context';
import { boundTo } from '../../../../transaction';
import type { AuditWriter } from '../../../../auditWriter';
import { memberLeave } from '../../../households/members';
import { close } from '../../../households/service';
import type { Tx } from '../write';

// The clerk's decisions on the 文件中已无 rows, written in the import's own transaction: 减员
// goes through the households service's own memberLeave / close (their rules, their audit rows,
// the head / size / schedule they keep), 保留 is recorded as an audit row of its own, so nothing
// the file no longer lists is removed or kept silently.

/** Refuses an apply that leaves a 文件中已无 row undecided, or decides a row the preview did not list. */
export function checkDecisions(findings: RefreshFindings | null | undefined, decisions: readonly RefreshDecision[]): void {
  const missing = findings?.missing ?? [];
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const undecided = missing.filter((m) => !byId.has(m.id));
  if (undecided.length > 0) {
    const names = undecided.slice(0, 5).map((m) => `${m.householdCode} ${m.name}`);
    throw new AppError(
      'RULE',
      `“文件中已无”还有 ${undecided.length} 行没有选择处理方式（${names.join('、')}${undecided.length > 5 ? ' 等' : ''}）。请逐行选择减员或保留后再导入`,
    );
  }
  const listed = new Set(missing.map((m) => m.id));
  const stray = decisions.filter((d) => !listed.has(d.id));
  if (stray.length > 0) {
    throw new AppError('CONFLICT', `有 ${stray.length} 项处理决定对应的户或成员已不在“文件中已无”清单中（台账在预览后有变动），请重新预览后再导入`);
  }
}

export async function applyDecisions(
  ctx: HandlerContext,
  tx: Tx,
  audit: AuditWriter,
  findings: RefreshFindings | null | undefined,
  decisions: readonly RefreshDecision[],
  fileName: string,
): Promise<void> {
  checkDecisions(findings, decisions);
  if (!findings || findings.missing.length === 0) return;
  const txCtx = boundTo(ctx, tx, audit);
  const byId = new Map(decisions.map((d) => [d.id, d]));
  for (const m of findings.missing) {
    const d = byId.get(m.id)!;
    if (d.action === 'keep') {
      await audit.record({
        entity: m.kind,
        entityId: m.id,
        summary: `导入 ${fileName}：${m.kind === 'household' ? `户 ${m.householdCode}（户主 ${m.name}）` : `户 ${m.householdCode} 成员 ${m.name}`}在文件中已无，经办人选择保留`,
        before: null,
        after: { decision: 'keep', file: fileName },
      });
      continue;
    }
    // checkDecisions and the contract make status, date and reason present for 减员.
    const leave = { status: d.status!, date: d.date!, reason: d.reason! };
    if (m.kind === 'household') await close(txCtx, { id: m.id, date: leave.date, reason: leave.reason, membersLeaveAs: leave.status });
    else await memberLeave(txCtx, { id: m.id, status: leave.status, date: leave.date, reason: leave.reason });
  }
}
