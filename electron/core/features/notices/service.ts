import type { NoticeList, NoticeSettings } from '../../../../shared/contract/notices';
import type { PrintResult } from '../../../../shared/contract/print';
import type { JobStarted } from '../../../../shared/contract/jobs';
import { effectiveNoticeColumns } from '../../../../shared/domain/noticeColumns';
import { documentKindShortLabels, type NoticeKind } from '../../../../shared/domain/paper';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { printDocuments } from '../print/render';
import { newRowMeta, touched } from '../../rows';
import { thresholdsOn } from '../../derived/thresholds';
import { buildNotice, categoryLabel, defaultObjectionNote, defaultObjectionPlace, groupByNotice, noticePeriod, noticeTexts, noticeWorkflow, riskText, stepNotice } from './documents';
import * as repo from './repository';
import { refuseStaleSave } from '../../staleSave';
import { noticeColumns } from '../../db/jsonColumns';

const noticeSettingLabels = { columns: '公示栏目', objectionPlace: '异议受理地点', objectionNote: '异议方式说明', noticePhone: '监督电话' } as const;

const kindName: Readonly<Record<NoticeKind, string>> = {
  'notice.identification': '识别纳入',
  'notice.elimination': '风险消除',
};

export async function settings(ctx: HandlerContext): Promise<NoticeSettings> {
  const [s, office] = await Promise.all([repo.findSettings(ctx.db), repo.officeRow(ctx.db)]);
  return {
    columns: effectiveNoticeColumns(s ? noticeColumns.decode(s.notice_columns) : []),
    version: s?.version ?? null,
    objectionPlace: s?.objection_place ?? null,
    objectionNote: s?.objection_note ?? null,
    noticePhone: s?.notice_phone ?? null,
    officePhone: office?.phone ?? null,
    defaults: { objectionPlace: defaultObjectionPlace('本村', office?.township_name ?? '乡镇'), objectionNote: defaultObjectionNote },
  };
}

export async function saveSettings(
  ctx: HandlerContext,
  input: { columns: string[]; objectionPlace: string | null; objectionNote: string | null; noticePhone: string | null; version?: number | null },
): Promise<NoticeSettings> {
  const columns = effectiveNoticeColumns(input.columns);
  await ctx.mutate(async (tx, audit) => {
    const current = await repo.findSettings(tx);
    const values = {
      notice_columns: noticeColumns.encode(columns),
      objection_place: input.objectionPlace,
      objection_note: input.objectionNote,
      notice_phone: input.noticePhone,
    };
    const before = current
      ? { columns: current.notice_columns, objectionPlace: current.objection_place, objectionNote: current.objection_note, noticePhone: current.notice_phone }
      : null;
    if (before) {
      const after = { columns: values.notice_columns, objectionPlace: values.objection_place, objectionNote: values.objection_note, noticePhone: values.notice_phone };
      const differing = (Object.keys(noticeSettingLabels) as (keyof typeof noticeSettingLabels)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => ({ path: k, label: noticeSettingLabels[k] }));
      if (differing.length > 0) await refuseStaleSave(tx, current, input.version, ctx.clock.now(), differing);
    }
    let id: string;
    if (current) {
      id = current.id;
      await tx.updateTable('print_settings').set({ ...values, ...touched(ctx) }).where('id', '=', id).execute();
    } else {
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await tx.insertInto('print_settings').values({ ...meta, ...values }).execute();
    }
    await audit.record({
      entity: 'print_settings',
      entityId: id,
      summary: '修改公示设置（公示栏目、异议受理方式、监督电话）',
      before,
      after: { columns: values.notice_columns, objectionPlace: values.objection_place, objectionNote: values.objection_note, noticePhone: values.notice_phone },
    });
  });
  return settings(ctx);
}

export async function overview(ctx: HandlerContext, input: { kind: NoticeKind }) {
  const [villages, cases] = await Promise.all([repo.listVillages(ctx.db), repo.casesAtNotice(ctx.db, null, noticeWorkflow[input.kind])]);
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.village_id, (counts.get(c.village_id) ?? 0) + 1);
  return { villages: villages.map((v) => ({ ...v, count: counts.get(v.id) ?? 0 })) };
}

async function villageOrThrow(ctx: HandlerContext, villageId: string) {
  const village = await repo.findVillage(ctx.db, villageId);
  if (!village) throw new AppError('NOT_FOUND', '找不到所选的村，请重新选择', { villageId: '请重新选择村' });
  return village;
}

function emptyMessage(kind: NoticeKind, villageName: string): string {
  return kind === 'notice.identification'
    ? `${villageName}目前没有处于“村内公示”步骤的识别纳入案件（已登记村内公示、尚未乡镇审核），无需打印识别公示。`
    : `${villageName}目前没有处于“村内公示”步骤的风险消除案件（已登记村内公示、尚未乡镇审核），无需打印风险消除公示。`;
}

export async function list(ctx: HandlerContext, input: { villageId: string; kind: NoticeKind }): Promise<NoticeList> {
  const village = await villageOrThrow(ctx, input.villageId);
  const records = await repo.casesAtNotice(ctx.db, village.id, noticeWorkflow[input.kind]);
  const risks = await repo.risksOfCases(ctx.db, records.map((r) => r.case_id));
  const groups = groupByNotice(records);
  const rows: NoticeList['rows'] = [];
  const periods: NoticeList['periods'] = [];
  for (const group of groups) {
    const n = stepNotice(group[0]!);
    const p = noticePeriod(n.startDate, n.endDate, (await thresholdsOn(ctx.db, n.startDate)).noticeDays);
    periods.push({ ...p, place: n.place, count: group.length });
    for (const r of group) {
      rows.push({
        caseId: r.case_id,
        caseCode: r.case_code,
        stepId: r.step_id,
        householdCode: r.household_code,
        headName: r.head_name,
        groupName: r.group_name,
        memberCount: r.member_count,
        categoryLabel: categoryLabel(input.kind, r),
        risks: riskText(risks.get(r.case_id)),
        noticeStart: p.from,
        noticeEnd: p.to,
        place: n.place,
      });
    }
  }
  return { village, kind: input.kind, rows, periods, emptyMessage: rows.length === 0 ? emptyMessage(input.kind, village.name) : null };
}

/** Starts the print job: one notice per notice period of the village, one HTML file. */
export async function print(ctx: HandlerContext, input: { villageId: string; kind: NoticeKind }): Promise<JobStarted> {
  const village = await villageOrThrow(ctx, input.villageId);
  const records = await repo.casesAtNotice(ctx.db, village.id, noticeWorkflow[input.kind]);
  if (records.length === 0) throw new AppError('RULE', emptyMessage(input.kind, village.name));
  // A notice on the village board with 监督电话：（未设置） tells villagers nowhere to object.
  if (!(await noticeTexts(ctx, village.name)).phone) {
    throw new AppError(
      'RULE',
      '公示须印监督电话，目前尚未设置。请管理员在“公示名单 → 公示设置”中填写监督电话（或在“单位与村组设置”中填写办公电话）后再打印。',
    );
  }
  const jobId = ctx.jobs.start('notices.print', async (control): Promise<PrintResult> => {
    const groups = groupByNotice(records);
    control.report(0, groups.length, `正在整理${village.name}${kindName[input.kind]}公示名单…`);
    const docs = [];
    for (const group of groups) {
      control.throwIfCancelled();
      docs.push(await buildNotice(ctx, input.kind, group));
    }
    return printDocuments(ctx, docs, { fileName: `${village.name}${documentKindShortLabels[input.kind]}.html`, control });
  });
  return { jobId };
}
