import { sql } from 'kysely';
import { disbursementStageLabels, payeeKindLabels, projectStepLabels, projectTypeLabels, yuan, type DisbursementStage, type PayeeKind, type ProjectStepKind, type ProjectType } from '../../../../shared/domain/funds';
import { noticeSteps } from '../../../../shared/domain/funds';
import type { FundsKind } from '../../../../shared/domain/paper';
import { publicNoticeProblem } from '../../../../shared/domain/privacy';
import { rmbInCapitals } from '../../../../shared/lib/capitals';
import { daysBetween } from '../../../../shared/lib/dates';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { canonicalJson } from '../print/hash';
import { html } from '../print/html';
import type { BuiltDocument, DocumentBuilder } from '../print/types';
import { chineseDate } from '../notices/documents';
import { office, projectRecord, SUPERVISION_LINE } from './paper';
import { buildCompletionNotice, buildPlanNotice } from './publicNotices';
import { buildMoneyTrail } from './trail';
import * as repo from './repository';
import { villageNameMap } from './views';
import { projectVillageIds } from '../../db/jsonColumns';

// Funds paper (issue 13 item 7): the project's latest public notice (村公示 / 乡公示 / 入库公告)
// and the 资金拨付审批表 of one disbursement (年度计划公告 and 竣工公告: publicNotices.ts). recordRef is the project id or the disbursement id,
// so 核验 rebuilds the same paper from the records. Notices carry the national supervision line
// 12317 and the office's phone; nothing personal is printed.

export async function buildLibraryNotice(ctx: HandlerContext, projectId: string): Promise<BuiltDocument> {
  const p = await projectRecord(ctx, projectId);
  const steps = await repo.projectSteps(ctx.db, p.id);
  const notice = [...steps].reverse().find((s) => (noticeSteps as readonly string[]).includes(s.step) && s.notice_start !== null && s.notice_end !== null);
  if (!notice || notice.notice_start === null || notice.notice_end === null) {
    throw new AppError('RULE', '该项目还没有办理公示步骤（村公示、乡公示或入库公告），请先办理并填写公示期再打印公示');
  }
  const o = await office(ctx);
  const names = await villageNameMap(ctx.db);
  const villages = projectVillageIds.decode(p.village_ids).map((id) => names.get(id) ?? '').filter((n) => n !== '');
  const stepLabel = projectStepLabels[notice.step as ProjectStepKind];
  const title = `${o.township_name}${p.year}年度巩固衔接项目${stepLabel === '入库公告' ? '入库' : ''}公示`;
  const days = daysBetween(notice.notice_start, notice.notice_end) + 1;
  const data = {
    kind: 'funds.libraryNotice',
    title,
    step: notice.step,
    period: { from: notice.notice_start, to: notice.notice_end, days },
    project: {
      code: p.project_code,
      name: p.name,
      type: projectTypeLabels[p.project_type as ProjectType],
      villages,
      content: p.content,
      scale: p.scale ?? '',
      unit: p.implementing_unit,
      budgetFen: p.budget_fen,
      households: p.beneficiary_households,
      people: p.beneficiary_people,
      exited: p.beneficiary_exited,
      monitored: p.beneficiary_monitored,
      target: p.performance_target,
      farmerLink: p.farmer_link,
    },
    phone: o.phone ?? '',
  };
  const body = html`<div class="doc-meta"><span>${o.county_name}${o.township_name}</span><span>${stepLabel}</span></div>
<p class="para">根据巩固拓展脱贫攻坚成果和乡村振兴项目库建设管理有关规定，经村级申报、乡镇审核，现将以下项目予以公示，接受社会监督。</p>
<p class="para"><strong>公示期：${chineseDate(notice.notice_start)}至${chineseDate(notice.notice_end)}（共 ${days} 天）</strong></p>
<table class="grid">
<tbody>
<tr><th style="width:7em">项目编号</th><td>${p.project_code}</td><th style="width:7em">项目类型</th><td>${data.project.type}</td></tr>
<tr><th>项目名称</th><td colspan="3">${p.name}</td></tr>
<tr><th>实施地点</th><td colspan="3">${villages.join('、')}</td></tr>
<tr><th>建设内容</th><td colspan="3">${p.content}</td></tr>
<tr><th>建设规模</th><td>${p.scale ?? ''}</td><th>实施单位</th><td>${p.implementing_unit}</td></tr>
<tr><th>资金规模</th><td>${yuan(p.budget_fen)} 元</td><th>受益对象</th><td>${p.beneficiary_households} 户 ${p.beneficiary_people} 人，其中脱贫户 ${p.beneficiary_exited} 户、监测户 ${p.beneficiary_monitored} 户</td></tr>
<tr><th>绩效目标</th><td colspan="3">${p.performance_target}</td></tr>
<tr><th>联农带农机制</th><td colspan="3">${p.farmer_link}</td></tr>
</tbody>
</table>
<p class="para">公示期间，如有异议，请以书面、电话或当面方式实名向${o.township_name}人民政府反映。</p>
<p class="para">联系电话：<span class="nowrap">${o.phone ?? '（未设置）'}</span>。监督举报电话：<span class="nowrap">${SUPERVISION_LINE}</span>（全国防止返贫监测和乡村振兴咨询服务平台）。</p>
<div class="sign-area" style="justify-content:flex-end">
<div class="sign-block" style="text-align:center">
<div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div>
<div>${o.township_name}人民政府（盖章）</div>
<div style="margin-top:3mm">${chineseDate(notice.notice_start)}</div>
</div>
</div>`;
  const problem = publicNoticeProblem(`${title}\n${body.value}\n${canonicalJson(data)}`);
  if (problem) throw new AppError('RULE', problem);
  return { kind: 'funds.libraryNotice', title, recordRef: p.id, recordCode: p.project_code, data, body };
}

export async function buildPaymentApproval(ctx: HandlerContext, disbursementId: string): Promise<BuiltDocument> {
  const d = await ctx.db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_batches as b', 'b.id', 'd.batch_id')
    .innerJoin('fund_sources as s', 's.code', 'b.source_code')
    .selectAll('d')
    .select(['b.doc_no', 's.name as source_name'])
    .where('d.id', '=', disbursementId)
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND', '找不到该拨付记录');
  if (d.reverses_id !== null) throw new AppError('RULE', '冲销记录不需要审批表，请打印原拨付记录的审批表');
  const p = await projectRecord(ctx, d.project_id);
  const o = await office(ctx);
  // What stood on this pair when it was paid: allocations written up to then, payments written
  // before it (by rowid, the order of writing), so a reprint after later entries is unchanged.
  const allocated = (
    await ctx.db
      .selectFrom('fund_allocations')
      .select(sql<number>`COALESCE(SUM(amount_fen), 0)`.as('t'))
      .where('batch_id', '=', d.batch_id)
      .where('project_id', '=', d.project_id)
      .where('created_at', '<=', d.created_at)
      .executeTakeFirstOrThrow()
  ).t;
  const paid = (
    await ctx.db
      .selectFrom('fund_disbursements')
      .select(sql<number>`COALESCE(SUM(amount_fen), 0)`.as('t'))
      .where('batch_id', '=', d.batch_id)
      .where('project_id', '=', d.project_id)
      .where(sql<boolean>`rowid < (SELECT rowid FROM fund_disbursements WHERE id = ${d.id})`)
      .executeTakeFirstOrThrow()
  ).t;
  const title = `${o.township_name}巩固衔接资金拨付审批表`;
  const data = {
    kind: 'funds.paymentApproval',
    project: { code: p.project_code, name: p.name, unit: p.implementing_unit, budgetFen: p.budget_fen },
    batch: { docNo: d.doc_no, source: d.source_name },
    date: d.entry_date,
    amountFen: d.amount_fen,
    capitals: rmbInCapitals(d.amount_fen),
    voucherNo: d.voucher_no,
    payee: payeeKindLabels[d.payee_kind as PayeeKind],
    stage: disbursementStageLabels[d.stage as DisbursementStage],
    allocatedFen: allocated,
    paidBeforeFen: paid,
  };
  const signer = (role: string) => html`<div class="sign-block"><div>${role}：<span class="sign-line"></span></div><div style="margin-top:2mm">\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div>`;
  const body = html`<div class="doc-meta"><span>${o.county_name}${o.township_name}</span><span>凭证号 ${d.voucher_no}</span></div>
<table class="grid">
<tbody>
<tr><th style="width:7em">项目名称</th><td colspan="3">${p.project_code} ${p.name}</td></tr>
<tr><th>实施单位</th><td>${p.implementing_unit}</td><th style="width:7em">批复预算</th><td class="num">${yuan(p.budget_fen)} 元</td></tr>
<tr><th>资金批次</th><td>${d.doc_no}</td><th>资金来源</th><td>${d.source_name}</td></tr>
<tr><th>本批次分配</th><td class="num">${yuan(allocated)} 元</td><th>此前已拨付</th><td class="num">${yuan(paid)} 元</td></tr>
<tr><th>拨付阶段</th><td>${data.stage}</td><th>收款方类别</th><td>${data.payee}</td></tr>
<tr><th>本次拨付</th><td colspan="3"><strong>${rmbInCapitals(d.amount_fen)}</strong>（￥${yuan(d.amount_fen)}）</td></tr>
<tr><th>拨付日期</th><td colspan="3">${chineseDate(d.entry_date)}</td></tr>
</tbody>
</table>
<div class="sign-area">${['经办人', '财务负责人', '分管领导', '主要领导'].map(signer)}</div>`;
  return { kind: 'funds.paymentApproval', title, recordRef: d.id, recordCode: p.project_code, data, body };
}

export const fundsBuilders: Record<FundsKind, DocumentBuilder> = {
  'funds.libraryNotice': { build: (ctx, ref) => buildLibraryNotice(ctx, ref) },
  'funds.paymentApproval': { build: (ctx, ref) => buildPaymentApproval(ctx, ref) },
  'funds.planNotice': { build: (ctx, ref) => buildPlanNotice(ctx, ref) },
  'funds.completionNotice': { build: (ctx, ref) => buildCompletionNotice(ctx, ref) },
  'funds.moneyTrail': { build: (ctx, ref) => buildMoneyTrail(ctx, ref) },
};
