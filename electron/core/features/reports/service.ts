import type { OutputOf } from '../../../../shared/contract';
import { currentQuarter } from '../../../../shared/domain/workbench';
import type { HandlerContext } from '../../context';
import { ensureVisitSchedules } from '../visits/schedule';
import { emptyFigures, townshipFigures, trend, villageFigures } from './figures';
import { collectTodos } from './todos';

/** 工作台: to-dos, the township's and each village's key figures, and the 24-month trend. */
export async function workbench(ctx: HandlerContext): Promise<OutputOf<'reports.workbench'>> {
  // The visit counts read the stored schedule; fill it in once after an upgrade (as the ledgers do).
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const user = ctx.requireUser();
  const [todos, figures, months, villages] = await Promise.all([
    collectTodos({ ctx, today, me: user.displayName }),
    villageFigures(ctx.db, today),
    trend(ctx.db, today),
    ctx.db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('code').execute(),
  ]);
  return {
    today,
    quarter: currentQuarter(today),
    todos,
    township: townshipFigures(figures),
    villages: villages.map((v) => ({ villageId: v.id, name: v.name, figures: figures.byVillage.get(v.id) ?? emptyFigures(figures.incomeYear) })),
    trend: months,
  };
}
