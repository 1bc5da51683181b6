import type { HandlerContext } from '../../../context';
import { html } from '../../print/html';
import { type FactsCache, caseFacts, householdData, caseData, risksData, stepData, runSteps, noticePeriod, approvers } from './facts';
import { formCss, meta, householdTable, risksLine, stepsTable, money } from './pieces';
import { opinionRows, opinionText } from './signatures';
import { type Draft, formTitle, byBlock } from './draft';

export async function approvalDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
  const f = await caseFacts(ctx, caseId, cache);
  const h = householdData(f);
  const c = caseData(f);
  const steps = runSteps(f, 'identification');
  const stepIds = new Set(steps.map((s) => s.id));
  const notice = noticePeriod(steps);
  const data = {
    form: 'form.approval',
    office: f.office,
    household: h,
    case: c,
    risks: risksData(f),
    income: f.income ? { year: f.income.year, perCapitaFen: f.income.perCapitaFen, monitoringLineFen: f.income.monitoringLineFen } : null,
    steps: steps.map(stepData),
    notice,
    objections: f.detail.objections
      .filter((o) => stepIds.has(o.stepId))
      .map((o) => ({ receivedDate: o.receivedDate, objector: o.objector ?? '', content: o.content, resolution: o.resolution ?? '', resolvedDate: o.resolvedDate ?? '' })),
  };
  const find = (k: string) => steps.find((s) => s.step === k);
  return {
    title: formTitle('form.approval'),
    recordCode: h.householdCode,
    data,
    signers: approvers(steps),
    caseId,
    recordLabel: null,
    body: (views) => html`${formCss}${meta(f.office, h, c.caseCode)}
${householdTable(h, c)}
<table class="grid">
<tr><td class="label">风险类型</td><td colspan="3">${risksLine(data.risks)}</td></tr>
<tr><td class="label">人均纯收入</td><td colspan="3">${data.income ? html`${data.income.year} 年 ${money(data.income.perCapitaFen)}；当年监测范围 ${money(data.income.monitoringLineFen)}` : '尚无收入记录'}</td></tr>
<tr><td class="label">线索来源</td><td>${c.clueSource}（${c.clueDate}）</td><td class="label">帮扶联系人</td><td>${c.helperName}</td></tr>
<tr><td class="label">公示期</td><td colspan="3">${notice ? `${notice.from} 至 ${notice.to}，公示地点：${notice.place}` : '尚未公示'}</td></tr>
<tr><td class="label">公示异议</td><td colspan="3">${
      data.objections.length === 0
        ? '公示期间无异议'
        : data.objections.map((o) => `${o.receivedDate} ${o.objector ? `${o.objector}：` : ''}${o.content}；核实处理：${o.resolution || '待处理'}${o.resolvedDate ? `（${o.resolvedDate}）` : ''}`).join('。')
    }</td></tr>
</table>
<div class="keep">
<div class="form-section">识别程序</div>
${stepsTable(data.steps)}
${opinionRows(byBlock(views, ['village', 'township', 'county']), {
  village: { title: '村级评议意见', text: opinionText(find('villageReview')) },
  township: { title: '乡镇审核意见', text: opinionText(find('townshipReview')) },
  county: { title: '县级审定意见', text: opinionText(find('countyDecision')) },
})}
</div>`,
  };
}
