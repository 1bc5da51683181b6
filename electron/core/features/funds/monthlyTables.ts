import { sql } from 'kysely';
import type { MonthlyTable } from '../../../../shared/contract/subsidies';
import { projectStepLabels, type ProjectStepKind } from '../../../../shared/domain/funds';
import { requiredPercent } from '../../../../shared/domain/fundsRules';
import { monthRange } from '../../../../shared/domain/posts';
import type { HandlerContext } from '../../context';
import { fundSettingsOf } from './settings';

// 月报 R4 资金进度 and R5 项目进度 (EMPLOYMENT-FUNDS §3.1), as they stood on the month's last day
// (today for the running month): entries are append-only and dated, so a month's table is the
// entries dated up to that day. R4 is one row per source of the month's year: 下达 (batches
// issued by then), 分配, 拨付, 进度 = 拨付 ÷ 分配, the milestone in force and the gap; R5 one row per
// project of the year: the step reached, planned and actual 开工 / 完工, and its 拨付进度.

type Column = MonthlyTable['columns'][number];
type Row = MonthlyTable['rows'][number];

const text = (key: string, header: string): Column => ({ key, header, kind: 'text' });
const money = (key: string, header: string): Column => ({ key, header, kind: 'money' });
const percent = (key: string, header: string): Column => ({ key, header, kind: 'percent' });

function fraction(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The day a month's table stands on: its last day, or today while it runs. */
export function tableDay(month: string, today: string): string {
  const { last } = monthRange(month);
  return last < today ? last : today;
}

export async function r4Table(ctx: HandlerContext, month: string): Promise<MonthlyTable> {
  const day = tableDay(month, ctx.today());
  const year = Number(month.slice(0, 4));
  const settings = await fundSettingsOf(ctx.db, year);
  const milestone = requiredPercent(settings.milestones, year, day) / 100;
  const sums = await ctx.db
    .selectFrom('fund_sources as s')
    .leftJoin('fund_batches as b', (j) => j.onRef('b.source_code', '=', 's.code').on('b.year', '=', year).on('b.issued_date', '<=', day).on('b.deleted_at', 'is', null))
    .select([
      's.code',
      's.name',
      's.active',
      sql<number>`COALESCE(SUM(b.amount_fen), 0)`.as('issued'),
      sql<number>`COALESCE(SUM((SELECT SUM(a.amount_fen) FROM fund_allocations a WHERE a.batch_id = b.id AND a.entry_date <= ${day} AND a.deleted_at IS NULL)), 0)`.as('allocated'),
      sql<number>`COALESCE(SUM((SELECT SUM(d.amount_fen) FROM fund_disbursements d WHERE d.batch_id = b.id AND d.entry_date <= ${day} AND d.deleted_at IS NULL)), 0)`.as('disbursed'),
    ])
    .groupBy(['s.code', 's.name', 's.active', 's.sort_order'])
    .orderBy('s.sort_order')
    .execute();
  const row = (name: string, issued: number, allocated: number, disbursed: number): Row => {
    const progress = fraction(disbursed, allocated);
    return { source: name, issued, allocated, disbursed, balance: issued - disbursed, progress, milestone, gap: progress === null ? null : progress - milestone };
  };
  // A source with no money this year is left out unless it is still in the catalog's active list.
  const rows = sums.filter((s) => s.issued !== 0 || s.allocated !== 0 || s.disbursed !== 0 || s.active === 1).map((s) => row(s.name, s.issued, s.allocated, s.disbursed));
  const t = (k: 'issued' | 'allocated' | 'disbursed') => sums.reduce((a, s) => a + s[k], 0);
  const columns: Column[] = [
    text('source', '资金来源'),
    money('issued', '下达（元）'),
    money('allocated', '分配（元）'),
    money('disbursed', '拨付（元）'),
    money('balance', '结余（元）'),
    percent('progress', '支出进度'),
    percent('milestone', '进度节点要求'),
    percent('gap', '差距'),
  ];
  return { title: `R4 资金进度（${year} 年度，截至 ${day}）`, columns, rows: [...rows, row('合计', t('issued'), t('allocated'), t('disbursed'))] };
}

export async function r5Table(ctx: HandlerContext, month: string): Promise<MonthlyTable> {
  const day = tableDay(month, ctx.today());
  const year = Number(month.slice(0, 4));
  const projects = await ctx.db
    .selectFrom('fund_projects as p')
    .select([
      'p.id',
      'p.project_code',
      'p.name',
      'p.start_date',
      'p.end_date',
      'p.budget_fen',
      sql<string | null>`(SELECT s.step FROM fund_project_steps s WHERE s.project_id = p.id AND s.deleted_at IS NULL AND s.outcome = 'passed' AND s.step_date <= ${day} ORDER BY s.step_date DESC, s.created_at DESC, s.id DESC LIMIT 1)`.as('step'),
      sql<string | null>`(SELECT MIN(s.step_date) FROM fund_project_steps s WHERE s.project_id = p.id AND s.deleted_at IS NULL AND s.outcome = 'passed' AND s.step = 'implement' AND s.step_date <= ${day})`.as('started'),
      sql<string | null>`(SELECT MIN(s.step_date) FROM fund_project_steps s WHERE s.project_id = p.id AND s.deleted_at IS NULL AND s.outcome = 'passed' AND s.step = 'complete' AND s.step_date <= ${day})`.as('completed'),
      sql<number>`(SELECT COALESCE(SUM(a.amount_fen), 0) FROM fund_allocations a WHERE a.project_id = p.id AND a.entry_date <= ${day} AND a.deleted_at IS NULL)`.as('allocated'),
      sql<number>`(SELECT COALESCE(SUM(d.amount_fen), 0) FROM fund_disbursements d WHERE d.project_id = p.id AND d.entry_date <= ${day} AND d.deleted_at IS NULL)`.as('disbursed'),
    ])
    .where('p.year', '=', year)
    .where('p.deleted_at', 'is', null)
    .where('p.status', 'not in', ['exited', 'rejected'])
    .orderBy('p.project_code')
    .execute();
  const rows: Row[] = projects.map((p) => ({
    project: `${p.project_code} ${p.name}`,
    step: p.step === null ? '未申报' : projectStepLabels[p.step as ProjectStepKind],
    plannedStart: p.start_date,
    started: p.started,
    plannedEnd: p.end_date,
    completed: p.completed,
    budget: p.budget_fen,
    allocated: p.allocated,
    disbursed: p.disbursed,
    progress: fraction(p.disbursed, p.allocated),
  }));
  const started = projects.filter((p) => p.started !== null).length;
  const completed = projects.filter((p) => p.completed !== null).length;
  const sum = (k: 'budget_fen' | 'allocated' | 'disbursed') => projects.reduce((a, p) => a + p[k], 0);
  const total: Row = {
    project: `合计 ${projects.length} 个项目`,
    step: null,
    plannedStart: null,
    started: `开工 ${started} 个`,
    plannedEnd: null,
    completed: `完工 ${completed} 个`,
    budget: sum('budget_fen'),
    allocated: sum('allocated'),
    disbursed: sum('disbursed'),
    progress: fraction(sum('disbursed'), sum('allocated')),
    startRate: fraction(started, projects.length),
    completeRate: fraction(completed, projects.length),
  };
  const columns: Column[] = [
    text('project', '项目'),
    text('step', '所处步骤'),
    text('plannedStart', '计划开工'),
    text('started', '实际开工'),
    text('plannedEnd', '计划完工'),
    text('completed', '实际完工'),
    money('budget', '批复预算（元）'),
    money('allocated', '已分配（元）'),
    money('disbursed', '已拨付（元）'),
    percent('progress', '拨付进度'),
    percent('startRate', '开工率'),
    percent('completeRate', '完工率'),
  ];
  return { title: `R5 项目进度（${year} 年度，截至 ${day}）`, columns, rows: [...rows.map((r) => ({ ...r, startRate: null, completeRate: null })), total] };
}
