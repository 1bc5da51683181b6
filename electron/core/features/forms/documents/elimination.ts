import type { HandlerContext } from '../../../context';
import { html } from '../../print/html';
import { type FactsCache, caseFacts, householdData, caseData, risksData, guaranteesData, stepData, measuresData, runSteps, noticePeriod, investigators, approvers } from './facts';
import { formCss, meta, householdTable, risksLine, guaranteesTable, stepsTable, money } from './pieces';
import { type BlockView, signArea, opinionRows, opinionText } from './signatures';
import { type Draft, formTitle, byBlock } from './draft';

export async function eliminationDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
  const f = await caseFacts(ctx, caseId, cache);
  const h = householdData(f);
  const c = caseData(f);
  const steps = runSteps(f, 'elimination');
  const i = f.income;
  const data = {
    form: 'form.elimination',
    office: f.office,
    household: h,
    case: c,
    risks: risksData(f),
    preconditions: (f.detail.elimination?.preconditions ?? []).map((p) => ({ item: p.label, met: p.met, reason: p.reason })),
    eliminatedDate: f.detail.case.eliminatedDate ?? '',
    income: i ? { year: i.year, perCapitaFen: i.perCapitaFen, monitoringLineFen: i.monitoringLineFen, eliminationFloorFen: i.eliminationFloorFen } : null,
    guarantees: guaranteesData(f.detail.case.guarantees),
    measures: measuresData(f).map((m) => ({ name: m.name, risks: m.risks, status: m.status, doneDate: m.doneDate, amountFen: m.amountFen })),
    steps: steps.map(stepData),
    notice: noticePeriod(steps),
  };
  const find = (k: string) => steps.find((s) => s.step === k);
  const views = (all: readonly BlockView[]) => ({
    people: byBlock(all, ['investigator1', 'investigator2', 'head']),
    approvals: byBlock(all, ['village', 'township', 'county']),
  });
  return {
    title: formTitle('form.elimination'),
    recordCode: h.householdCode,
    data,
    signers: { ...investigators(steps.length > 0 ? steps : runSteps(f, 'identification'), h.headName), ...approvers(steps) },
    caseId,
    recordLabel: null,
    body: (all) => html`${formCss}${meta(f.office, h, c.caseCode)}
${householdTable(h, c)}
<p class="para">纳入监测日期：${c.includedDate || '—'}；风险类型：${risksLine(data.risks)}。</p>
<div class="form-section">一、风险消除条件</div>
${
  data.preconditions.length > 0
    ? html`<table class="grid"><thead><tr><th>条件</th><th>是否满足</th><th>依据</th></tr></thead><tbody>${data.preconditions.map(
        (p) => html`<tr><td>${p.item}</td><td class="center nowrap">${p.met ? '☑满足 ☐不满足' : '☐满足 ☑不满足'}</td><td>${p.reason}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="notes">${data.eliminatedDate ? `已于 ${data.eliminatedDate} 标注风险消除。` : '案件不在监测中，不作条件核查。'}</p>`
}
<div class="form-section">二、收入情况</div>
${
  data.income
    ? html`<table class="grid">
<tr><td class="label">${data.income.year} 年人均纯收入</td><td>${money(data.income.perCapitaFen)}</td><td class="label">防止返贫监测范围</td><td>${money(data.income.monitoringLineFen)}</td></tr>
<tr><td class="label">风险消除收入底线</td><td>${money(data.income.eliminationFloorFen)}</td><td class="label">结论</td><td>${
        data.income.perCapitaFen > data.income.monitoringLineFen && data.income.perCapitaFen >= data.income.eliminationFloorFen
          ? '高于监测范围，且不低于消除底线'
          : '未稳定高于监测范围或低于消除底线'
      }</td></tr></table>`
    : html`<p class="notes">尚无收入记录。</p>`
}
<div class="form-section">三、"两不愁三保障"及饮水安全</div>
${guaranteesTable(data.guarantees)}
<div class="form-section">四、帮扶措施落实情况</div>
<table class="grid"><thead><tr><th>帮扶措施</th><th>针对风险</th><th>状态</th><th>落实日期</th><th>金额</th></tr></thead>
<tbody>${
      data.measures.length === 0
        ? html`<tr><td colspan="5" class="center">无</td></tr>`
        : data.measures.map(
            (m) => html`<tr><td>${m.name}</td><td>${m.risks}</td><td class="center">${m.status}</td><td class="nowrap">${m.doneDate}</td><td>${m.amountFen === null ? '—' : money(m.amountFen)}</td></tr>`,
          )
    }</tbody></table>
<div class="keep">
<div class="form-section">五、风险消除程序</div>
${stepsTable(data.steps)}
${data.notice ? null : html`<p class="notes">尚未公示</p>`}
${signArea(views(all).people)}
${opinionRows(views(all).approvals, {
  village: { title: '村民主评议意见', text: opinionText(find('villageReview')) },
  township: { title: '乡镇审核意见', text: opinionText(find('townshipReview')) },
  county: { title: '县级审定意见', text: opinionText(find('countyDecision')) },
})}
</div>`,
  };
}
