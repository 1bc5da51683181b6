import type { HandlerContext } from '../../../context';
import { html, type SafeHtml } from '../../print/html';
import { type FactsCache, caseFacts, householdData, caseData, risksData, runSteps } from './facts';
import { gap, formCss, meta, householdTable, risksLine, money } from './pieces';
import { signArea } from './signatures';
import { type Draft, formTitle } from './draft';

export async function applicationDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
  const f = await caseFacts(ctx, caseId, cache);
  const h = householdData(f);
  const c = caseData(f);
  const apply = runSteps(f, 'identification').find((s) => s.step === 'apply');
  const income = f.income ? { year: f.income.year, perCapitaFen: f.income.perCapitaFen } : null;
  const data = {
    form: 'form.application',
    office: f.office,
    household: h,
    case: c,
    risks: risksData(f),
    members: f.members.map((m) => ({ name: m.name, relation: m.relation, idNumber: m.idNumber })),
    income,
    apply: apply ? { date: apply.date, people: apply.people.join('、') } : null,
  };
  return {
    title: formTitle('form.application'),
    recordCode: h.householdCode,
    data,
    signers: { head: h.headName },
    caseId,
    recordLabel: null,
    body: (views) => html`${formCss}${meta(f.office, h, c.caseCode)}
${householdTable(h, null)}
<div class="form-section">一、申请事项</div>
<p class="para">本人${h.headName}，住${h.village}${h.group}${h.address ? `（${h.address}）` : ''}，家庭人口 ${h.memberCount} 人。因${risksLine(data.risks)}，家庭存在返贫致贫风险${
      income ? html`（${income.year} 年家庭人均纯收入 ${money(income.perCapitaFen)}）` : null
    }，现申请纳入防止返贫监测对象，接受帮扶。${c.clueNote ? `情况说明：${c.clueNote}` : ''}</p>
<div class="form-section">二、承诺</div>
<p class="para">本人承诺：所提供的家庭人口、收入、财产及生活状况等信息真实、完整，如有隐瞒、虚报，愿意承担相应责任，并退还因此获得的帮扶资金和物资；家庭情况发生变化时，及时向村委会报告。</p>
<div class="form-section">三、授权</div>
<p class="para">本人及共同生活的家庭成员同意并授权有关部门和单位依法查询、核对本户成员的存款、房产、车辆、工商登记、社会保险、财政供养等家庭经济状况信息，用于防止返贫监测对象认定及帮扶工作。</p>
${membersAuthTable(data.members)}
${signArea(views)}
<p class="notes">申请日期：${apply?.date ?? '\u3000\u3000年\u3000\u3000月\u3000\u3000日'}${gap}${gap}线索来源：${c.clueSource}（${c.clueDate}）</p>`,
  };
}

function membersAuthTable(members: readonly { name: string; relation: string; idNumber: string }[]): SafeHtml {
  return html`<table class="grid"><thead><tr><th>序号</th><th>家庭成员</th><th>与户主关系</th><th>身份证号</th><th>本人签字（授权）</th></tr></thead>
<tbody>${members.map((m, i) => html`<tr><td class="center">${i + 1}</td><td>${m.name}</td><td>${m.relation}</td><td class="nowrap">${m.idNumber}</td><td></td></tr>`)}</tbody></table>`;
}
