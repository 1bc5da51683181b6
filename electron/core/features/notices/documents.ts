import { z } from 'zod';
import { householdKindLabels, type HouseholdKind } from '../../../../shared/domain/household';
import {
  clueSourceLabels,
  monitoringCategoryLabels,
  riskTypeLabels,
  type ClueSource,
  type MonitoringCategory,
  type RiskType,
} from '../../../../shared/domain/monitoring';
import { effectiveNoticeColumns, noticeColumnLabels, type NoticeColumnKey } from '../../../../shared/domain/noticeColumns';
import type { NoticeKind } from '../../../../shared/domain/paper';
import { maskIdNumber, publicNoticeProblem } from '../../../../shared/domain/privacy';
import { noticeEndDate, noticeLength } from '../../../../shared/domain/thresholds';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { canonicalJson } from '../print/hash';
import { html } from '../print/html';
import { rowGroups } from '../print/layout';
import type { BuiltDocument, DocumentBuilder, JsonValue } from '../print/types';
import { thresholdsOn } from '../../derived/thresholds';
import * as repo from './repository';
import { noticeColumns, stepDetailsColumn } from '../../db/jsonColumns';

// 公示名单 (DOMAIN §13): one notice per village and notice period, listing the cases whose notice
// step it was printed for. recordRef = JSON list of those notice step ids, so 核验 rebuilds the
// same list later from the current data; recordCode = the village code. The text is checked
// before it leaves: a notice holding a full ID number is refused (privacy.ts).

export const noticeWorkflow: Readonly<Record<NoticeKind, 'identification' | 'elimination'>> = {
  'notice.identification': 'identification',
  'notice.elimination': 'elimination',
};

const titleSuffix: Readonly<Record<NoticeKind, string>> = {
  'notice.identification': '防止返贫监测对象识别公示',
  'notice.elimination': '防止返贫监测对象风险消除公示',
};

export function noticeTitle(kind: NoticeKind, villageName: string): string {
  return `${villageName}${titleSuffix[kind]}`;
}

export interface NoticePeriod {
  from: string;
  to: string;
  days: number;
}

/**
 * The period printed on a notice: from the step's start date, to the later of the recorded end
 * and the shortest notice the thresholds in force allow (`noticeDays`, start day included).
 */
export function noticePeriod(startDate: string, recordedEnd: string | null, noticeDays: number): NoticePeriod {
  const shortest = noticeEndDate(startDate, noticeDays);
  const to = recordedEnd !== null && recordedEnd > shortest ? recordedEnd : shortest;
  return { from: startDate, to, days: noticeLength(startDate, to) };
}

/** 2026-04-24 → 2026年4月24日 */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

interface StepNotice {
  startDate: string;
  endDate: string | null;
  place: string;
}

export function stepNotice(r: Pick<repo.NoticeCaseRecord, 'details' | 'step_date'>): StepNotice {
  const notice = stepDetailsColumn.decode(r.details).notice;
  return { startDate: notice?.startDate ?? r.step_date, endDate: notice?.endDate ?? null, place: notice?.place ?? '' };
}

/** Cases posted on the same dates at the same place share one printed notice. */
export function groupByNotice(records: readonly repo.NoticeCaseRecord[]): repo.NoticeCaseRecord[][] {
  const groups = new Map<string, repo.NoticeCaseRecord[]>();
  for (const r of records) {
    const n = stepNotice(r);
    const key = `${n.startDate}|${n.endDate ?? ''}|${n.place}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, rows]) => sortRows(rows));
}

export function sortRows(rows: readonly repo.NoticeCaseRecord[]): repo.NoticeCaseRecord[] {
  return [...rows].sort((a, b) => a.group_order - b.group_order || a.household_code.localeCompare(b.household_code));
}

export function categoryLabel(kind: NoticeKind, r: Pick<repo.NoticeCaseRecord, 'category' | 'suggested_category'>): string {
  const c = r.category ?? (kind === 'notice.identification' ? r.suggested_category : null);
  return c ? (monitoringCategoryLabels[c as MonitoringCategory] ?? c) : '待认定';
}

export function riskText(risks: readonly string[] | undefined): string {
  return (risks ?? []).map((k) => riskTypeLabels[k as RiskType] ?? k).join('、') || '—';
}

function cellValue(key: NoticeColumnKey, kind: NoticeKind, r: repo.NoticeCaseRecord, risks: readonly string[] | undefined): string | number {
  switch (key) {
    case 'headName':
      return r.head_name;
    case 'group':
      return r.group_name;
    case 'memberCount':
      return r.member_count;
    case 'category':
      return categoryLabel(kind, r);
    case 'risks':
      return riskText(risks);
    case 'householdCode':
      return r.household_code;
    case 'householdKind':
      return householdKindLabels[r.household_kind as HouseholdKind] ?? r.household_kind;
    case 'clueSource':
      return clueSourceLabels[r.clue_source as ClueSource] ?? r.clue_source;
    case 'address':
      return r.address ?? '';
    case 'maskedIdNumber':
      return maskIdNumber(r.head_id_number);
  }
}

export interface NoticeTexts {
  objectionPlace: string;
  objectionNote: string;
  phone: string;
}

export function defaultObjectionPlace(villageName: string, townshipName: string): string {
  return `${villageName}村民委员会或${townshipName}人民政府`;
}
export const defaultObjectionNote = '公示期间，任何单位和个人如有异议，可以书面、电话或当面方式实名向上述地点反映，反映情况应真实、具体，受理单位将及时调查核实并答复。';

/** The office's notice settings with the defaults filled in. */
export async function noticeTexts(ctx: HandlerContext, villageName: string): Promise<NoticeTexts & { columns: NoticeColumnKey[] }> {
  const [s, office] = await Promise.all([repo.findSettings(ctx.db), repo.officeRow(ctx.db)]);
  return {
    columns: effectiveNoticeColumns(s ? noticeColumns.decode(s.notice_columns) : []),
    objectionPlace: s?.objection_place ?? defaultObjectionPlace(villageName, office?.township_name ?? '乡镇'),
    objectionNote: s?.objection_note ?? defaultObjectionNote,
    phone: s?.notice_phone ?? office?.phone ?? '',
  };
}

/** The facts a notice shows (hashed for its content code; compared by 核验). */
const noticeDataSchema = z.object({
  kind: z.string(),
  title: z.string(),
  village: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  place: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.object({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) })),
  objection: z.object({ place: z.string(), note: z.string(), phone: z.string() }),
});
type NoticeData = z.infer<typeof noticeDataSchema>;

/** Builds one notice for these cases (all of one village, at one notice period). */
export async function buildNotice(ctx: HandlerContext, kind: NoticeKind, records: readonly repo.NoticeCaseRecord[]): Promise<BuiltDocument> {
  const first = records[0];
  if (!first) throw new AppError('NOT_FOUND', '公示名单中的案件已不存在');
  const village = await repo.findVillage(ctx.db, first.village_id);
  if (!village) throw new AppError('NOT_FOUND', '公示名单所属的村已不存在');
  const rows = sortRows(records);
  const notices = rows.map(stepNotice);
  const start = notices.map((n) => n.startDate).sort()[0]!;
  const ends = notices.map((n) => n.endDate).filter((e): e is string => e !== null);
  const recordedEnd = ends.length > 0 ? ends.sort()[ends.length - 1]! : null;
  const period = noticePeriod(start, recordedEnd, (await thresholdsOn(ctx.db, start)).noticeDays);
  const place = notices.find((n) => n.place !== '')?.place ?? '村务公开栏';
  const texts = await noticeTexts(ctx, village.name);
  const risks = await repo.risksOfCases(ctx.db, rows.map((r) => r.case_id));
  const title = noticeTitle(kind, village.name);
  const people = rows.reduce((sum, r) => sum + r.member_count, 0);

  const data: NoticeData = {
    kind,
    title,
    village: { code: village.code, name: village.name },
    period,
    place,
    columns: texts.columns,
    rows: rows.map((r) => ({
      code: r.household_code,
      values: Object.fromEntries(texts.columns.map((k) => [k, cellValue(k, kind, r, risks.get(r.case_id))])),
    })),
    objection: { place: texts.objectionPlace, note: texts.objectionNote, phone: texts.phone },
  };

  const intro =
    kind === 'notice.identification'
      ? `根据防止返贫动态监测和帮扶工作有关规定，经农户申请、入户核实、村级民主评议，拟将以下 ${rows.length} 户（${people} 人）纳入防止返贫监测对象，现予以公示。`
      : `根据防止返贫动态监测和帮扶工作有关规定，经村提名、入户核实、村民主评议，以下 ${rows.length} 户（${people} 人）风险已稳定消除，拟标注为风险消除，现予以公示。`;
  const body = html`<div class="doc-meta"><span>${village.name}（编号 ${village.code}）</span><span>公示地点：${place}</span></div>
<p class="para">${intro}</p>
<p class="para"><strong>公示期：${chineseDate(period.from)}至${chineseDate(period.to)}（共 ${period.days} 天）</strong></p>
<table class="grid long">
<thead><tr><th style="width:3em">序号</th>${texts.columns.map((k) => html`<th>${noticeColumnLabels[k]}</th>`)}</tr></thead>
${rowGroups(
  data.rows.map(
    (row, i) =>
      html`<tr><td class="center">${i + 1}</td>${texts.columns.map((k) => {
        const v = row.values[k] ?? '';
        return typeof v === 'number' ? html`<td class="center">${v}</td>` : html`<td>${v}</td>`;
      })}</tr>`.value,
  ),
)}
</table>
<p class="para">${texts.objectionNote}</p>
<p class="para">异议受理：${texts.objectionPlace}。监督电话：<span class="nowrap">${texts.phone || '（未设置）'}</span>。</p>
<div class="sign-area" style="justify-content:flex-end">
<div class="sign-block" style="text-align:center">
<div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div>
<div>${village.name}村民委员会（盖章）</div>
<div style="margin-top:3mm">\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div>
</div>
</div>`;

  const problem = publicNoticeProblem(`${title}\n${body.value}\n${canonicalJson(data)}`);
  if (problem) throw new AppError('RULE', problem);

  return {
    kind,
    title,
    recordRef: JSON.stringify(rows.map((r) => r.step_id)),
    recordCode: village.code,
    data,
    body,
  };
}

function parseStepIds(recordRef: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(recordRef);
  } catch {
    parsed = null;
  }
  const ids = z.array(z.string().min(1)).min(1).safeParse(parsed);
  if (!ids.success) throw new AppError('NOT_FOUND', '公示记录的编号无效，无法重新生成');
  return ids.data;
}

function builderFor(kind: NoticeKind): DocumentBuilder {
  return {
    async build(ctx, recordRef) {
      const records = await repo.casesOfSteps(ctx.db, parseStepIds(recordRef));
      if (records.length === 0) throw new AppError('NOT_FOUND', '公示名单中的案件已不存在（可能已被删除）');
      return buildNotice(ctx, kind, records);
    },
  };
}

export const noticeBuilders: Record<NoticeKind, DocumentBuilder> = {
  'notice.identification': builderFor('notice.identification'),
  'notice.elimination': builderFor('notice.elimination'),
};

function show(v: string | number | undefined): string {
  return v === undefined || v === '' ? '（空）' : String(v);
}

/** What differs between a printed notice's data and the same notice rebuilt now, in Chinese. */
export function describeNoticeChanges(printed: JsonValue, now: JsonValue): string[] | null {
  const a = noticeDataSchema.safeParse(printed);
  const b = noticeDataSchema.safeParse(now);
  if (!a.success || !b.success) return null;
  const p = a.data;
  const n = b.data;
  const out: string[] = [];
  if (p.title !== n.title) out.push(`标题：${p.title} → ${n.title}`);
  if (p.period.from !== n.period.from || p.period.to !== n.period.to) {
    out.push(`公示期：${p.period.from} 至 ${p.period.to} → ${n.period.from} 至 ${n.period.to}`);
  }
  if (p.place !== n.place) out.push(`公示地点：${p.place} → ${n.place}`);
  const label = (k: string) => noticeColumnLabels[k as NoticeColumnKey] ?? k;
  if (p.columns.join() !== n.columns.join()) out.push(`公示栏目：${p.columns.map(label).join('、')} → ${n.columns.map(label).join('、')}`);
  const nameOf = (row: { code: string; values: Record<string, string | number> }) => (row.values.headName !== undefined ? String(row.values.headName) : row.code);
  const before = new Map(p.rows.map((r) => [r.code, r]));
  const after = new Map(n.rows.map((r) => [r.code, r]));
  for (const [code, r] of before) {
    const m = after.get(code);
    if (!m) {
      out.push(`名单中已没有：${nameOf(r)}（户编号 ${code}）`);
      continue;
    }
    for (const k of new Set([...Object.keys(r.values), ...Object.keys(m.values)])) {
      if (r.values[k] !== m.values[k] && p.columns.includes(k) && n.columns.includes(k)) {
        out.push(`${nameOf(r)} ${label(k)}：${show(r.values[k])} → ${show(m.values[k])}`);
      }
    }
  }
  for (const [code, r] of after) if (!before.has(code)) out.push(`名单中新增：${nameOf(r)}（户编号 ${code}）`);
  if (p.objection.place !== n.objection.place) out.push(`异议受理地点：${p.objection.place} → ${n.objection.place}`);
  if (p.objection.note !== n.objection.note) out.push('异议方式说明已修改');
  if (p.objection.phone !== n.objection.phone) out.push(`监督电话：${show(p.objection.phone)} → ${show(n.objection.phone)}`);
  return out;
}
