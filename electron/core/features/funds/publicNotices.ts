import { sql } from 'kysely';
import { projectTypeLabels, stepOutcomeLabels, yuan, type ProjectType, type StepOutcome } from '../../../../shared/domain/funds';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { chineseDate } from '../notices/documents';
import { html } from '../print/html';
import type { BuiltDocument } from '../print/types';
import { checkedPublic, office, projectRecord, stamp, supervisionLines } from './paper';
import * as repo from './repository';
import { villageNameMap } from './views';
import { projectBudgetSources, projectVillageIds } from '../../db/jsonColumns';

// 年度计划公告 (the year's projects 列入年度计划: name, place, content, budget and its sources,
// unit, period, beneficiaries, targets, farmer link) and 竣工公告 (one finished project: what was
// built, budget against what was actually paid, dates, unit, acceptance), EMPLOYMENT-FUNDS §2.7.
// recordRef is the year ("2026") or the project id, so 核验 rebuilds the same paper.

async function sourceNames(ctx: HandlerContext): Promise<Map<string, string>> {
  return new Map((await repo.sources(ctx.db)).map((s) => [s.code, s.name]));
}

function period(start: string | null, end: string | null): string {
  if (start === null && end === null) return '';
  return `${start === null ? '' : chineseDate(start)}至${end === null ? '' : chineseDate(end)}`;
}

/** Projects of `year` with a passed 列入年度计划 step (not 出库), with the step's date. */
async function plannedProjects(ctx: HandlerContext, year: number) {
  const rows = await repo.projectRows(ctx.db, { ...repo.noFilter, year });
  const planned = await ctx.db
    .selectFrom('fund_project_steps as s')
    .innerJoin('fund_projects as p', 'p.id', 's.project_id')
    .select(['s.project_id', sql<string>`MAX(s.step_date)`.as('plan_date')])
    .where('p.year', '=', year)
    .where('s.step', '=', 'annualPlan')
    .where('s.outcome', '=', 'passed')
    .where('s.deleted_at', 'is', null)
    .groupBy('s.project_id')
    .execute();
  const dates = new Map(planned.map((r) => [r.project_id, r.plan_date]));
  return rows.filter((r) => dates.has(r.id) && r.status !== 'exited').map((r) => ({ ...r, plan_date: dates.get(r.id)! }));
}

export async function buildPlanNotice(ctx: HandlerContext, yearRef: string): Promise<BuiltDocument> {
  const year = Number(yearRef);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('INVALID_INPUT', '年度应为 2000 到 2100 之间的整数');
  const projects = await plannedProjects(ctx, year);
  if (projects.length === 0) {
    throw new AppError('RULE', `${year} 年还没有列入年度计划的项目：请先在项目办理中登记「列入年度计划」步骤，再打印年度计划公告`);
  }
  const o = await office(ctx);
  const [names, sources] = await Promise.all([villageNameMap(ctx.db), sourceNames(ctx)]);
  // Allocations stand in for the sources of a project whose budget was entered without them.
  const allocated = await ctx.db
    .selectFrom('fund_allocations as a')
    .innerJoin('fund_batches as b', 'b.id', 'a.batch_id')
    .select(['a.project_id', 'b.source_code', sql<number>`SUM(a.amount_fen)`.as('fen')])
    .where('a.project_id', 'in', projects.map((p) => p.id))
    .where('a.deleted_at', 'is', null)
    .groupBy(['a.project_id', 'b.source_code'])
    .execute();
  const rows = projects.map((p) => {
    const listed = projectBudgetSources.decode(p.budget_sources);
    const split = listed.length > 0 ? listed : allocated.filter((a) => a.project_id === p.id && a.fen !== 0).map((a) => ({ sourceCode: a.source_code, amountFen: a.fen }));
    return {
      code: p.project_code,
      name: p.name,
      type: projectTypeLabels[p.project_type as ProjectType],
      villages: projectVillageIds.decode(p.village_ids).map((id) => names.get(id) ?? '').filter((n) => n !== ''),
      content: p.content,
      scale: p.scale ?? '',
      budgetFen: p.budget_fen,
      sources: split.map((s) => ({ name: sources.get(s.sourceCode) ?? s.sourceCode, amountFen: s.amountFen })),
      unit: p.implementing_unit,
      period: period(p.start_date, p.end_date),
      households: p.beneficiary_households,
      people: p.beneficiary_people,
      exited: p.beneficiary_exited,
      monitored: p.beneficiary_monitored,
      target: p.performance_target,
      farmerLink: p.farmer_link,
    };
  });
  const totalFen = rows.reduce((s, r) => s + r.budgetFen, 0);
  const date = projects.reduce((d, p) => (p.plan_date > d ? p.plan_date : d), projects[0]!.plan_date);
  const title = `${o.township_name}${year}年度巩固衔接资金项目年度计划公告`;
  const data = { kind: 'funds.planNotice', title, year, date, rows, totalFen, phone: o.phone ?? '' };
  const body = html`<div class="doc-meta"><span>${o.county_name}${o.township_name}</span><span>${year} 年度</span><span>共 ${rows.length} 个项目</span></div>
<p class="para">根据巩固拓展脱贫攻坚成果和乡村振兴项目资金管理有关规定，现将本乡镇${year}年度列入年度计划的项目予以公告，共 ${rows.length} 个项目，计划投入资金 ${yuan(totalFen)} 元，接受社会监督。</p>
<table class="grid">
<thead><tr><th style="width:2.5em">序号</th><th>项目名称（编号）</th><th>实施地点</th><th>建设内容及规模</th><th>资金规模及来源（元）</th><th>实施单位 / 期限</th><th>受益对象</th><th>绩效目标 / 联农带农机制</th></tr></thead>
<tbody>${rows.map(
    (r, i) => html`<tr><td class="center">${i + 1}</td><td>${r.name}<br>（${r.code}，${r.type}）</td><td>${r.villages.join('、')}</td><td>${r.content}${r.scale === '' ? '' : html`<br>规模：${r.scale}`}</td>
<td class="num">${yuan(r.budgetFen)}${r.sources.map((s) => html`<br>${s.name} ${yuan(s.amountFen)}`)}</td><td>${r.unit}${r.period === '' ? '' : html`<br>${r.period}`}</td>
<td>${r.households} 户 ${r.people} 人，其中脱贫户 ${r.exited} 户、监测户 ${r.monitored} 户</td><td>${r.target}<br>${r.farmerLink}</td></tr>`,
  )}
<tr><td colspan="4" class="center"><strong>合计</strong></td><td class="num"><strong>${yuan(totalFen)}</strong></td><td colspan="3"></td></tr></tbody>
</table>
${supervisionLines(o.township_name, o.phone)}
${stamp(`${o.township_name}人民政府`, date)}`;
  return checkedPublic({ kind: 'funds.planNotice', title, recordRef: String(year), recordCode: `${o.township_code}-${year}`, data, body });
}

export async function buildCompletionNotice(ctx: HandlerContext, projectId: string): Promise<BuiltDocument> {
  const p = await projectRecord(ctx, projectId);
  const steps = (await repo.projectSteps(ctx.db, p.id)).filter((s) => s.outcome === 'passed' || s.step === 'accept');
  const last = (kind: string) => [...steps].reverse().find((s) => s.step === kind);
  const complete = last('complete');
  if (!complete) throw new AppError('RULE', '该项目还没有办理「完工」步骤，请先登记完工再打印竣工公告');
  const started = last('implement');
  const accept = last('accept');
  const o = await office(ctx);
  const names = await villageNameMap(ctx.db);
  // Paid money per source, reversals netted: what the project actually spent.
  const spent = await ctx.db
    .selectFrom('fund_disbursements as d')
    .innerJoin('fund_batches as b', 'b.id', 'd.batch_id')
    .innerJoin('fund_sources as s', 's.code', 'b.source_code')
    .select(['s.name', sql<number>`SUM(d.amount_fen)`.as('fen')])
    .where('d.project_id', '=', p.id)
    .where('d.deleted_at', 'is', null)
    .groupBy(['s.code', 's.name', 's.sort_order'])
    .orderBy('s.sort_order')
    .execute();
  const spentFen = spent.reduce((s, r) => s + r.fen, 0);
  const villages = projectVillageIds.decode(p.village_ids).map((id) => names.get(id) ?? '').filter((n) => n !== '');
  const date = accept && accept.step_date > complete.step_date ? accept.step_date : complete.step_date;
  const title = `${o.township_name}${p.year}年度巩固衔接资金项目竣工公告`;
  const data = {
    kind: 'funds.completionNotice',
    title,
    project: { code: p.project_code, name: p.name, type: projectTypeLabels[p.project_type as ProjectType], villages, content: p.content, scale: p.scale ?? '', unit: p.implementing_unit },
    plannedPeriod: period(p.start_date, p.end_date),
    startedDate: started?.step_date ?? null,
    completedDate: complete.step_date,
    acceptance: accept ? { date: accept.step_date, outcome: stepOutcomeLabels[accept.outcome as StepOutcome], people: accept.people, docNo: accept.doc_no ?? '' } : null,
    budgetFen: p.budget_fen,
    spentFen,
    spentBySource: spent.filter((r) => r.fen !== 0).map((r) => ({ source: r.name, amountFen: r.fen })),
    beneficiaries: { households: p.beneficiary_households, people: p.beneficiary_people, exited: p.beneficiary_exited, monitored: p.beneficiary_monitored },
    target: p.performance_target,
    farmerLink: p.farmer_link,
    phone: o.phone ?? '',
  };
  const acceptText = data.acceptance
    ? `${chineseDate(data.acceptance.date)}验收${data.acceptance.outcome}${data.acceptance.docNo === '' ? '' : `（${data.acceptance.docNo}）`}，验收人员：${data.acceptance.people}`
    : '尚未验收';
  const body = html`<div class="doc-meta"><span>${o.county_name}${o.township_name}</span><span>项目编号 ${p.project_code}</span></div>
<p class="para">以下项目已建设完成，现将项目建设内容、资金使用和验收情况予以公告，接受社会监督。</p>
<table class="grid">
<tbody>
<tr><th style="width:7em">项目名称</th><td colspan="3">${p.name}（${data.project.type}）</td></tr>
<tr><th>实施地点</th><td>${villages.join('、')}</td><th style="width:7em">实施单位</th><td>${p.implementing_unit}</td></tr>
<tr><th>建设内容</th><td colspan="3">${p.content}${p.scale === null ? '' : html`；规模：${p.scale}`}</td></tr>
<tr><th>计划工期</th><td>${data.plannedPeriod || '（未填写）'}</td><th>开工日期</th><td>${data.startedDate === null ? '（未登记）' : chineseDate(data.startedDate)}</td></tr>
<tr><th>完工日期</th><td>${chineseDate(complete.step_date)}</td><th>验收情况</th><td>${acceptText}</td></tr>
<tr><th>批复预算</th><td class="num">${yuan(p.budget_fen)} 元</td><th>实际支出</th><td class="num">${yuan(spentFen)} 元</td></tr>
<tr><th>资金来源</th><td colspan="3">${data.spentBySource.length === 0 ? '（尚无拨付）' : data.spentBySource.map((s) => `${s.source} ${yuan(s.amountFen)} 元`).join('；')}</td></tr>
<tr><th>结余</th><td colspan="3">${yuan(p.budget_fen - spentFen)} 元</td></tr>
<tr><th>受益对象</th><td colspan="3">${p.beneficiary_households} 户 ${p.beneficiary_people} 人，其中脱贫户 ${p.beneficiary_exited} 户、监测户 ${p.beneficiary_monitored} 户</td></tr>
<tr><th>绩效目标</th><td colspan="3">${p.performance_target}</td></tr>
<tr><th>联农带农机制</th><td colspan="3">${p.farmer_link}</td></tr>
</tbody>
</table>
${supervisionLines(o.township_name, o.phone)}
${stamp(`${o.township_name}人民政府`, date)}`;
  return checkedPublic({ kind: 'funds.completionNotice', title, recordRef: p.id, recordCode: p.project_code, data, body });
}
