import type { Transaction } from 'kysely';
import { relationLabels, type NonHeadRelation } from '../../../../shared/domain/household';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { touched } from '../../rows';
import type { AuditWriter } from '../../auditWriter';
import * as repo from './repository';
import type { HouseholdRecord, MemberRecord } from './repository';

// 户主变更 (issue 15 item 15): the other members' relations, re-read relative to the new head and
// confirmed by the clerk in the same dialog, saved in the head change's own transaction.

/**
 * Sets each listed member's relation to the new head, one audit row per change. Every member
 * must be a current member of the household other than the new and the former head.
 */
export async function saveOtherRelations(
  ctx: HandlerContext,
  tx: Transaction<DB>,
  audit: AuditWriter,
  h: HouseholdRecord,
  members: readonly MemberRecord[],
  heads: { next: MemberRecord; former: MemberRecord | undefined },
  relations: readonly { memberId: string; relation: NonHeadRelation }[],
): Promise<void> {
  const seen = new Set<string>();
  for (const { memberId, relation } of relations) {
    const m = members.find((o) => o.id === memberId && o.status === 'current');
    if (!m || m.id === heads.next.id || m.id === heads.former?.id || seen.has(memberId)) {
      const msg = '要调整关系的成员须是本户其他在册成员（新户主和原户主除外），请重新打开户主变更';
      throw new AppError('INVALID_INPUT', msg, { otherRelations: msg });
    }
    seen.add(memberId);
    if (m.relation === relation) continue;
    await repo.updateMember(tx, m.id, { relation, ...touched(ctx) });
    await audit.record({
      entity: 'member',
      entityId: m.id,
      summary: `户 ${h.household_code} 户主变更：${m.name} 与新户主 ${heads.next.name} 的关系改为"${relationLabels[relation]}"（原为户主的"${relationLabels[m.relation]}"）`,
      before: { relation: m.relation },
      after: { relation },
    });
  }
}
