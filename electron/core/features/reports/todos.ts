import { sql } from 'kysely';
import type { Todo } from '../../../../shared/contract/reports';
import { endOfMonth } from '../../../../shared/lib/dates';
import { DUE_SOON_DAYS, dueSoonUntil } from '../../../../shared/domain/workbench';
import type { HandlerContext } from '../../context';
import { backupStatus } from '../backups/service';
import { hasPlan, openObjection } from '../monitoring/repository';
import { dueCounts } from '../visits/repository';
import { todo as surveyTodo } from '../employment/survey';
import { todos as fundsTodos } from '../funds/service';
import { overdueCount as overdueLoans } from '../loans/ledger';
import { countPendingDetails } from '../pending/service';
import { signatureTodos } from '../forms/signatureTodos';

// The workbench's 待办: a list of sources, each a small function returning its counts and the
// ledger page (with its filter in the query string) that lists exactly those records. A ledger
// that lands later (employment, funds, the import's 待补充 list) adds its own source here.

export interface TodoQuery {
  ctx: HandlerContext;
  today: string;
  /** The signed-in user's display name: their items are those where they are the 帮扶联系人. */
  me: string;
}

export type TodoSource = (q: TodoQuery) => Promise<Todo[]>;

function link(path: string, params: Record<string, string>): string {
  return `${path}?${new URLSearchParams(params).toString()}`;
}

/** Open cases (identifying or monitoring) matching `where`, counted in total and for one helper. */
async function caseCounts(q: TodoQuery, where: ReturnType<typeof sql>): Promise<{ count: number; mine: number }> {
  const r = await sql<{ n: number; mine: number }>`
    SELECT count(*) AS n, coalesce(sum(c.helper_name = ${q.me}), 0) AS mine
    FROM monitoring_cases AS c WHERE c.deleted_at IS NULL AND ${where}`.execute(q.ctx.db);
  return { count: Number(r.rows[0]?.n ?? 0), mine: Number(r.rows[0]?.mine ?? 0) };
}

function caseTodo(
  key: string,
  label: string,
  tone: Todo['tone'],
  params: Record<string, string>,
  where: (q: TodoQuery) => ReturnType<typeof sql>,
): TodoSource {
  return async (q) => {
    const { count, mine } = await caseCounts(q, where(q));
    return [{ key, label, count, mine, tone, route: link('/monitoring', params), mineRoute: link('/monitoring', { ...params, helper: q.me }) }];
  };
}

const identification: TodoSource[] = [
  caseTodo('identification.overdue', '识别超过时限仍未办结', 'overdue', { status: 'identifying', overdue: 'deadline' }, (q) => sql`c.status = 'identifying' AND c.deadline_date < ${q.today}`),
  caseTodo(
    'identification.soon',
    `识别时限 ${DUE_SOON_DAYS} 天内到期`,
    'due',
    { status: 'identifying', overdue: 'deadlineSoon' },
    (q) => sql`c.status = 'identifying' AND c.deadline_date BETWEEN ${q.today} AND ${dueSoonUntil(q.today)}`,
  ),
];

const plans: TodoSource[] = [
  caseTodo(
    'plan.overdue',
    '帮扶计划超过时限仍未制定',
    'overdue',
    { status: 'monitoring', overdue: 'plan' },
    (q) => sql`c.status = 'monitoring' AND c.plan_due_date < ${q.today} AND NOT ${hasPlan}`,
  ),
  caseTodo(
    'plan.soon',
    `帮扶计划 ${DUE_SOON_DAYS} 天内到期`,
    'due',
    { status: 'monitoring', overdue: 'planSoon' },
    (q) => sql`c.status = 'monitoring' AND c.plan_due_date BETWEEN ${q.today} AND ${dueSoonUntil(q.today)} AND NOT ${hasPlan}`,
  ),
];

const objections: TodoSource = async (q) => {
  const { count, mine } = await caseCounts(q, openObjection);
  return [
    {
      key: 'objection.open',
      label: '公示异议尚未处理（监测对象数）',
      count,
      mine,
      tone: 'due',
      route: link('/monitoring', { objection: 'open' }),
      mineRoute: link('/monitoring', { objection: 'open', helper: q.me }),
    },
  ];
};

/** The same counts as 走访待办 (visits.due) for this month: overdue, and due by month end but not yet overdue. */
const visits: TodoSource = async (q) => {
  const rows = await dueCounts(q.ctx.db, endOfMonth(q.today), q.today);
  const sum = (overdue: number, mineOnly: boolean) =>
    rows.filter((r) => r.overdue === overdue && (!mineOnly || r.helper_name === q.me)).reduce((a, r) => a + r.n, 0);
  return [
    {
      key: 'visit.overdue',
      label: '走访已逾期的农户',
      count: sum(1, false),
      mine: sum(1, true),
      tone: 'overdue',
      route: link('/due', { show: 'overdue' }),
      mineRoute: link('/due', { show: 'overdue', helper: q.me }),
    },
    {
      key: 'visit.month',
      label: '本月应走访（尚未逾期）的农户',
      count: sum(0, false),
      mine: sum(0, true),
      tone: 'due',
      route: link('/due', { show: 'upcoming' }),
      mineRoute: link('/due', { show: 'upcoming', helper: q.me }),
    },
  ];
};

const backup: TodoSource = async (q) => {
  const s = await backupStatus(q.ctx);
  const admin = q.ctx.requireUser().role === 'admin';
  const label =
    s.ageDays === null
      ? `还没有做过备份${admin ? '' : '，请告知管理员'}`
      : s.warn
        ? `上次备份是 ${s.ageDays} 天前，已超过 ${s.warnAfterDays} 天${admin ? '' : '，请告知管理员'}`
        : `备份正常（最近一次是 ${s.ageDays === 0 ? '今天' : `${s.ageDays} 天前`}）`;
  return [{ key: 'backup.old', label, count: s.warn ? 1 : 0, mine: null, tone: 'notice', route: admin ? '/backups' : null, mineRoute: null }];
};

const pending: TodoSource = async (q) => {
  const count = await countPendingDetails(q.ctx.db, q.today);
  return [{ key: 'pending.details', label: '待补充的信息（残疾类别、帮扶责任人、收入构成等）', count, mine: null, tone: 'notice', route: '/pending', mineRoute: null }];
};

const survey: TodoSource = async (q) => {
  const { rounds } = await surveyTodo(q.ctx);
  const left = rounds.reduce((n, r) => n + (r.total - r.checked), 0);
  const label = rounds.length === 0 ? '季度务工摸排已按期完成' : `季度务工摸排已过完成期限，还有 ${left} 人未摸排`;
  return [{ key: 'employment.survey', label, count: rounds.length === 0 ? 0 : left, mine: null, tone: 'overdue', route: '/employment/survey', mineRoute: null }];
};

const funds: TodoSource = async (q) => {
  const t = await fundsTodos(q.ctx);
  return [
    { key: 'funds.late', label: '资金支出进度落后于时间节点的项目', count: t.lateSpending.length, mine: null, tone: 'overdue', route: link('/funds/projects', { late: '1' }), mineRoute: null },
    { key: 'funds.review', label: '公示期满后超过审核时限的项目', count: t.overdueReviews.length, mine: null, tone: 'overdue', route: '/funds/projects', mineRoute: null },
  ];
};

const loans: TodoSource = async (q) => {
  const { count } = await overdueLoans(q.ctx);
  return [{ key: 'loans.overdue', label: '已到期仍欠本金的小额信贷', count, mine: null, tone: 'overdue', route: link('/funds/loans', { status: 'overdue' }), mineRoute: null }];
};

/** Forms waiting for a signature or a scanned page, and signatures gone stale: each opens its list. */
const signatures: TodoSource = async (q) => {
  const t = await signatureTodos(q.ctx);
  const mine = (items: typeof t.stale) => items.filter((i) => i.helperName === q.me).length;
  const entry = (key: string, label: string, items: typeof t.stale, show: string, tone: Todo['tone']): Todo => ({
    key,
    label,
    count: items.length,
    mine: mine(items),
    tone,
    route: link('/forms/signatures', { show }),
    mineRoute: link('/forms/signatures', { show, helper: q.me }),
  });
  return [
    entry('signature.stale', '签字后表单内容有实质变更、签字已失效（需重新签字）', t.stale, 'stale', 'overdue'),
    entry('signature.unsigned', '已纳入监测但识别审批表尚有签字栏未签', t.unsigned, 'unsigned', 'due'),
    entry('signature.scan', '纸质签字尚未上传签字页扫描件', t.awaitingScan, 'scan', 'due'),
  ];
};

/** Every to-do source, in the order shown when none is the user's own. */
export const todoSources: readonly TodoSource[] = [...identification, ...plans, visits, objections, signatures, survey, funds, loans, pending, backup];

/** Runs every source; those with items of the user's own first, each group in source order. */
export async function collectTodos(q: TodoQuery): Promise<Todo[]> {
  const all = (await Promise.all(todoSources.map((s) => s(q)))).flat();
  return all
    .map((t, i) => ({ t, i }))
    .sort((a, b) => Number((b.t.mine ?? 0) > 0) - Number((a.t.mine ?? 0) > 0) || a.i - b.i)
    .map((x) => x.t);
}
