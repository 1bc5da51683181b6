import type { Transaction } from 'kysely';
import { surveyOutcomeLabels, type surveyOutcomes } from '../../../../shared/contract/employment';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import type { AuditWriter } from '../../auditWriter';

type Tx = Transaction<DB>;

/**
 * Marks one person checked in a 摸排 round (a second check of the same person replaces the
 * first: the last word of the quarter counts).
 */
export async function recordSurveyCheck(
  tx: Tx,
  ctx: HandlerContext,
  audit: AuditWriter,
  roundId: string,
  memberId: string,
  outcome: (typeof surveyOutcomes)[number],
  spellId: string | null,
): Promise<void> {
  const round = await tx.selectFrom('survey_rounds').selectAll().where('id', '=', roundId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!round) throw new AppError('NOT_FOUND', '找不到该摸排轮次，可能已被删除，请刷新后重试');
  const member = await tx
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name', 'h.village_id'])
    .where('m.id', '=', memberId)
    .where('m.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!member) throw new AppError('NOT_FOUND', '找不到该成员，可能已被删除，请刷新后重试');
  const existing = await tx
    .selectFrom('survey_checks')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('member_id', '=', memberId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const today = ctx.today();
  let id: string;
  if (existing) {
    id = existing.id;
    await tx.updateTable('survey_checks').set({ outcome, spell_id: spellId, checked_on: today, ...touched(ctx) }).where('id', '=', existing.id).execute();
  } else {
    const meta = await newRowMeta(ctx);
    id = meta.id;
    await tx
      .insertInto('survey_checks')
      .values({ ...meta, round_id: roundId, member_id: memberId, village_id: member.village_id, outcome, spell_id: spellId, checked_on: today })
      .execute();
  }
  await audit.record({
    entity: 'surveyCheck',
    entityId: id,
    summary: `${round.year} 年第 ${round.quarter} 季度务工摸排：${member.name} ${surveyOutcomeLabels[outcome]}`,
    before: existing ? { outcome: existing.outcome } : null,
    after: { outcome, spellId },
  });
}
