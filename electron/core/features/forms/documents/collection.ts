import { negativeListItems, negativeListLabels } from '../../../../../shared/domain/monitoring';
import type { HandlerContext } from '../../../context';
import { html } from '../../print/html';
import { type FactsCache, caseFacts, householdData, caseData, risksData, guaranteesData, incomeData, runSteps, investigators } from './facts';
import { formCss, meta, householdTable, membersTable, risksLine, guaranteesTable, incomeTable } from './pieces';
import { signArea } from './signatures';
import { type Draft, formTitle } from './draft';

export async function collectionDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
  const f = await caseFacts(ctx, caseId, cache);
  const h = householdData(f);
  const c = caseData(f);
  const homeCheck = runSteps(f, 'identification').find((s) => s.step === 'homeCheck');
  const answers = homeCheck?.details.negativeList ?? null;
  const data = {
    form: 'form.collection',
    office: f.office,
    household: h,
    case: c,
    members: f.members.map((m) => ({ ...m })),
    income: incomeData(f.income),
    guarantees: guaranteesData(f.detail.case.guarantees),
    risks: risksData(f),
    negativeList: answers ? negativeListItems.map((k) => ({ item: negativeListLabels[k], hit: answers[k] === true })) : null,
    specialDecision: homeCheck?.details.specialDecision ?? null,
    homeCheck: homeCheck ? { date: homeCheck.date, people: homeCheck.people.join('、') } : null,
  };
  return {
    title: formTitle('form.collection'),
    recordCode: h.householdCode,
    data,
    signers: investigators(runSteps(f, 'identification'), h.headName),
    caseId,
    recordLabel: null,
    body: (views) => html`${formCss}${meta(f.office, h, c.caseCode)}
<div class="form-section">一、家庭基本情况</div>
${householdTable(h, c)}
<div class="form-section">二、家庭成员</div>
${membersTable(data.members)}
<div class="form-section">三、家庭收入</div>
${data.income ? incomeTable(data.income) : html`<p class="notes">尚无收入记录。</p>`}
<div class="form-section">四、"两不愁三保障"及饮水安全</div>
${guaranteesTable(data.guarantees)}
<div class="form-section">五、风险类型</div>
<p class="para">${risksLine(data.risks)}</p>
<div class="keep">
<div class="form-section">六、负面清单核查（不予认定情形）</div>
${
  data.negativeList
    ? html`<table class="grid"><tbody>${pairs(data.negativeList).map(
        (row) => html`<tr>${row.map((n) => html`<td>${n.item}</td><td class="center nowrap">${n.hit ? '☑存在 ☐不存在' : '☐存在 ☑不存在'}</td>`)}</tr>`,
      )}</tbody></table>`
    : html`<p class="notes">入户核实时逐项核查。</p>`
}
${data.specialDecision ? html`<p class="para">村民代表大会特别决定（${data.specialDecision.date}）：${data.specialDecision.note}</p>` : null}
<p class="notes">入户核实：${data.homeCheck ? `${data.homeCheck.date}，${data.homeCheck.people}` : '尚未办理'}</p>
${signArea(views)}
</div>`,
  };
}

/** Two checks to a row: ten rows of one short line each made the form a page longer. */
function pairs<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2));
  return out;
}
