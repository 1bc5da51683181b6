import { sql, type Kysely } from 'kysely';
import type { OutputOf } from '../../../../shared/contract';
import type { Figures } from '../../../../shared/contract/reports';
import type { DB } from '../../db/schema';
import { currentQuarter } from '../../../../shared/domain/workbench';
import type { HandlerContext } from '../../context';
import { ensureVisitSchedules } from '../../derived/visitSchedule';
import { emptyFigures, townshipFigures, trend, villageFigures, type VillageFigures } from './figures';
import { collectTodos } from './todos';

interface Computed {
  token: string;
  figures: VillageFigures;
  township: Figures;
  trend: OutputOf<'reports.workbench'>['trend'];
}

/**
 * The figures are recomputed only when the data they read changed: figures_version moves (by
 * triggers, migration 0022) with every write to a column a figure reads, whoever makes it, and
 * data_version moves when another program (the command line) writes the file. With the day, that
 * is the whole of what the figures depend on; an audit row, a sign-in or a phone number does not
 * move them.
 */
const computed = new WeakMap<Kysely<DB>, Computed>();

async function changeToken(db: Kysely<DB>, today: string): Promise<string> {
  const r = await sql<{ c: number; v: number }>`SELECT (SELECT n FROM figures_version WHERE id = 1) AS c, (SELECT data_version FROM pragma_data_version) AS v`.execute(db);
  return `${today}|${r.rows[0]?.c ?? 0}|${r.rows[0]?.v ?? 0}`;
}

async function figuresOf(db: Kysely<DB>, today: string): Promise<Computed> {
  const token = await changeToken(db, today);
  const cached = computed.get(db);
  if (cached && cached.token === token) return cached;
  const [figures, months] = await Promise.all([villageFigures(db, today), trend(db, today)]);
  const fresh = { token, figures, township: townshipFigures(figures), trend: months };
  computed.set(db, fresh);
  return fresh;
}

/** 工作台: to-dos, the township's and each village's key figures, and the 24-month trend. */
export async function workbench(ctx: HandlerContext): Promise<OutputOf<'reports.workbench'>> {
  // The visit counts read the stored schedule; fill it in once after an upgrade (as the ledgers do).
  await ensureVisitSchedules(ctx);
  const today = ctx.today();
  const user = ctx.requireUser();
  // The to-dos are each user's own and cheap (a few indexed counts): always read fresh.
  const [todos, f, villages] = await Promise.all([
    collectTodos({ ctx, today, me: user.displayName }),
    figuresOf(ctx.db, today),
    ctx.db.selectFrom('villages').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('code').execute(),
  ]);
  return {
    today,
    quarter: currentQuarter(today),
    todos,
    township: f.township,
    villages: villages.map((v) => ({ villageId: v.id, name: v.name, figures: f.figures.byVillage.get(v.id) ?? emptyFigures(f.figures.incomeYear) })),
    trend: f.trend,
  };
}
