import type { HandlerContext } from '../../../context';
import { html } from '../../print/html';
import { type FactsCache, caseFacts, householdData, caseData, risksData, measuresData, runSteps, investigators } from './facts';
import { formCss, meta, householdTable, risksLine, money } from './pieces';
import { signArea } from './signatures';
import { type Draft, formTitle } from './draft';

export async function measuresDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
  const f = await caseFacts(ctx, caseId, cache);
  const h = householdData(f);
  const c = caseData(f);
  const measures = measuresData(f);
  const totalFen = measures.reduce((sum, m) => sum + (m.amountFen ?? 0), 0);
  const data = { form: 'form.measures', office: f.office, household: h, case: c, risks: risksData(f), measures, totalFen };
  return {
    title: formTitle('form.measures'),
    recordCode: h.householdCode,
    data,
    signers: investigators(runSteps(f, 'elimination').length > 0 ? runSteps(f, 'elimination') : runSteps(f, 'identification'), h.headName),
    caseId,
    recordLabel: null,
    body: (views) => html`${formCss}${meta(f.office, h, c.caseCode)}
${householdTable(h, c)}
<p class="para">风险类型：${risksLine(data.risks)}。纳入监测日期：${c.includedDate || '—'}。帮扶联系人：${c.helperName || '—'}。</p>
<table class="grid">
<thead><tr><th>序号</th><th>帮扶措施</th><th>针对风险</th><th>责任单位</th><th>帮扶人</th><th>计划日期</th><th>落实日期</th><th>状态</th><th>金额</th></tr></thead>
<tbody>${
      measures.length === 0
        ? html`<tr><td colspan="9" class="center">尚未制定帮扶措施</td></tr>`
        : measures.map(
            (m, i) =>
              html`<tr><td class="center">${i + 1}</td><td>${m.name}${m.note ? html`<br><span class="notes">${m.note}</span>` : null}</td><td>${m.risks}</td><td>${m.unit}</td><td>${m.helper}</td><td class="nowrap">${m.plannedDate}</td><td class="nowrap">${m.doneDate}</td><td class="center">${m.status}</td><td>${m.amountFen === null ? '—' : money(m.amountFen)}</td></tr>`,
          )
    }</tbody></table>
<div class="keep">
<p class="para">帮扶资金合计：${money(totalFen)}</p>
${signArea(views)}
</div>`,
  };
}
