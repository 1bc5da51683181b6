import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { refreshDecisionSchema, type RefreshDecision, type RefreshMissing } from '../../shared/contract/importRefresh';
import { memberLeaveStatuses, memberStatusLabels, type MemberLeaveStatus } from '../../shared/domain/household';
import { UsageError } from './args';
import { t, type CommandEnv } from './commandKit';

// The clerk's decisions on a monthly refresh's 文件中已无 rows, from the command line (issue 11
// item 4): one choice for every row (--missing keep | --missing leave with --leave-as / -reason /
// -date) and/or a JSON file naming rows by id (--decisions FILE), the file's entries first.
// Nothing is decided by default: a row left without a decision stops the import before it writes.

/** The status of a 减员, by code (movedOut) or by its label (迁出). */
function leaveStatusOf(text: string | undefined): MemberLeaveStatus | null {
  if (text === undefined) return null;
  const v = text.trim();
  if ((memberLeaveStatuses as readonly string[]).includes(v)) return v as MemberLeaveStatus;
  return memberLeaveStatuses.find((s) => memberStatusLabels[s] === v) ?? null;
}

const statusChoices = memberLeaveStatuses.map((s) => `${s}（${memberStatusLabels[s]}）`).join('、');

function parseDecision(env: CommandEnv, raw: unknown, where: string): RefreshDecision {
  let entry = raw;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const e: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    // The labels a person reads on the page (减员 / 保留, 迁出 / 死亡) as well as the codes.
    if (e.action === '减员') e.action = 'leave';
    if (e.action === '保留') e.action = 'keep';
    if (typeof e.status === 'string') e.status = leaveStatusOf(e.status) ?? e.status;
    entry = e;
  }
  const parsed = refreshDecisionSchema.safeParse(entry);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? '';
    throw new UsageError(t(env.lang, `${where}：${message}`, `${where}: ${message}`));
  }
  return parsed.data;
}

function fileDecisions(env: CommandEnv): RefreshDecision[] {
  const flag = env.args.flags.get('--decisions');
  if (flag === undefined) return [];
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(resolve(env.cwd, flag), 'utf8')) as unknown;
  } catch {
    throw new UsageError(
      t(env.lang, `--decisions 的文件“${flag}”读不出来，应为 JSON 数组，例如 [{"id":"…","action":"keep"}]`, `--decisions: cannot read "${flag}" as a JSON array`),
    );
  }
  const list = Array.isArray(body) ? body : body !== null && typeof body === 'object' ? (body as { decisions?: unknown }).decisions : undefined;
  if (!Array.isArray(list)) throw new UsageError(t(env.lang, '--decisions 的文件应为 JSON 数组（或带 decisions 数组的对象）', '--decisions must hold a JSON array'));
  return list.map((raw, i) => parseDecision(env, raw, t(env.lang, `--decisions 第 ${i + 1} 项`, `--decisions item ${i + 1}`)));
}

/** The choice for every row not in the decisions file, from --missing and the --leave-* options; null without --missing. */
function defaultDecision(env: CommandEnv): Omit<RefreshDecision, 'id'> | null {
  const missing = env.args.flags.get('--missing');
  const leaveFlags = ['--leave-as', '--leave-reason', '--leave-date'].filter((f) => env.args.flags.has(f));
  if (missing === undefined) {
    if (leaveFlags.length > 0) throw new UsageError(t(env.lang, `${leaveFlags.join('、')} 要与 --missing leave 一起使用`, `${leaveFlags.join(', ')} go with --missing leave`));
    return null;
  }
  if (missing === 'keep' || missing === '保留') {
    if (leaveFlags.length > 0) throw new UsageError(t(env.lang, `--missing keep 不需要 ${leaveFlags.join('、')}`, `--missing keep takes no ${leaveFlags.join(', ')}`));
    return { action: 'keep' };
  }
  if (missing !== 'leave' && missing !== '减员') throw new UsageError(t(env.lang, '--missing 应为 keep（保留）或 leave（减员）', '--missing must be keep or leave'));
  const reason = env.args.flags.get('--leave-reason')?.trim() ?? '';
  const date = env.args.flags.get('--leave-date')?.trim() ?? '';
  // The reason may name the kind itself (迁出, 死亡); otherwise --leave-as says it.
  const status = leaveStatusOf(env.args.flags.get('--leave-as')) ?? (env.args.flags.has('--leave-as') ? null : leaveStatusOf(reason));
  if (status === null) throw new UsageError(t(env.lang, `--missing leave 需要 --leave-as 减员类型：${statusChoices}`, `--missing leave needs --leave-as ${memberLeaveStatuses.join('|')}`));
  if (reason === '') throw new UsageError(t(env.lang, '--missing leave 需要 --leave-reason 减员原因（例如 迁出本乡镇）', '--missing leave needs --leave-reason'));
  if (date === '') throw new UsageError(t(env.lang, '--missing leave 需要 --leave-date 减员日期（例如 2026-11-30）', '--missing leave needs --leave-date YYYY-MM-DD'));
  // Checked as one decision would be (the date's form, the reason's length), for a row still to come.
  const checked = parseDecision(env, { id: '--missing', action: 'leave', status, reason, date }, '--missing leave');
  return { action: checked.action, status: checked.status, reason: checked.reason, date: checked.date };
}

/** Reads the options before anything is staged, so a mistyped option costs no preview. */
export function decisionOptions(env: CommandEnv): { fromFile: RefreshDecision[]; rest: Omit<RefreshDecision, 'id'> | null } {
  return { fromFile: fileDecisions(env), rest: defaultDecision(env) };
}

export type DecisionsOutcome = { ok: true; decisions: RefreshDecision[] } | { ok: false; undecided: RefreshMissing[] };

/** One decision per 文件中已无 row of the preview, or the rows left without one. */
export function decide(env: CommandEnv, missing: readonly RefreshMissing[], options: ReturnType<typeof decisionOptions>): DecisionsOutcome {
  const listed = new Set(missing.map((m) => m.id));
  const stray = options.fromFile.filter((d) => !listed.has(d.id));
  if (stray.length > 0) {
    throw new UsageError(
      t(env.lang, `--decisions 中的 ${stray.map((d) => d.id).join('、')} 不在本次“文件中已无”清单中，请按本次输出的编号填写`, `--decisions names ids not on this import's missing list: ${stray.map((d) => d.id).join(', ')}`),
    );
  }
  const byId = new Map(options.fromFile.map((d) => [d.id, d]));
  const decisions: RefreshDecision[] = [];
  const undecided: RefreshMissing[] = [];
  for (const m of missing) {
    const d = byId.get(m.id) ?? (options.rest ? { id: m.id, ...options.rest } : null);
    if (d) decisions.push(d);
    else undecided.push(m);
  }
  return undecided.length > 0 ? { ok: false, undecided } : { ok: true, decisions };
}

/** The 文件中已无 rows as a person reads them, with the decision taken on each when there is one. */
export function missingLines(env: CommandEnv, missing: readonly RefreshMissing[], decisions: readonly RefreshDecision[] | null): string[] {
  if (missing.length === 0) return [];
  const lines = [t(env.lang, `文件中已无 ${missing.length} 行：`, `${missing.length} row(s) no longer in the file:`)];
  for (const [i, m] of missing.entries()) {
    const d = decisions?.[i];
    const what = m.kind === 'household' ? t(env.lang, `户 ${m.householdCode}（户主 ${m.name}，${m.detail}）`, `household ${m.householdCode} (${m.name})`) : t(env.lang, `户 ${m.householdCode} 成员 ${m.name}（${m.detail}）`, `member ${m.name} of ${m.householdCode}`);
    const choice = !d ? '' : d.action === 'keep' ? t(env.lang, ' → 保留', ' → keep') : ` → ${t(env.lang, '减员', 'leave')}：${memberStatusLabels[d.status!]}（${d.date ?? ''}，${d.reason ?? ''}）`;
    lines.push(`  ${m.villageName} ${what}  ${m.id}${choice}`);
  }
  return lines;
}
