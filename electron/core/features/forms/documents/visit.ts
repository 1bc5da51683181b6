import { visitKindLabels } from '../../../../../shared/domain/monitoring';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import { html } from '../../print/html';
import { findVisit } from '../../visits/repository';
import { type FactsCache, label, caseFacts, householdData, guaranteesData } from './facts';
import { formCss, meta, guaranteesTable, money } from './pieces';
import { signArea } from './signatures';
import { type Draft, formTitle } from './draft';
import { visitGuarantees, visitVisitors } from '../../../db/jsonColumns';

export async function visitDraft(ctx: HandlerContext, visitId: string, cache?: FactsCache): Promise<Draft> {
  const v = await findVisit(ctx.db, visitId);
  if (!v) throw new AppError('NOT_FOUND', '找不到该走访记录，可能已被删除，请刷新后重试');
  if (!v.case_id) throw new AppError('NOT_FOUND', '该走访记录不属于任何监测对象，无法生成走访记录表');
  const f = await caseFacts(ctx, v.case_id, cache);
  const h = householdData(f);
  const visitors = visitVisitors.decode(v.visitors);
  const guarantees = v.guarantees ? visitGuarantees.decode(v.guarantees) : null;
  const income = v.income_year !== null ? (f.incomes.find((y) => y.year === v.income_year) ?? null) : null;
  const data = {
    form: 'form.visit',
    office: f.office,
    household: h,
    caseCode: v.case_code ?? '',
    visit: { date: v.visit_date, kind: label(visitKindLabels, v.kind), visitors: visitors.join('、'), findings: v.findings },
    guarantees: guarantees ? guaranteesData(guarantees) : null,
    income: income ? { year: income.year, netIncomeFen: income.netIncomeFen, perCapitaFen: income.perCapitaFen, monitoringLineFen: income.monitoringLineFen } : null,
  };
  return {
    title: formTitle('form.visit'),
    recordCode: h.householdCode,
    data,
    signers: {
      head: h.headName,
      ...(visitors[0] ? { visitor1: visitors[0] } : {}),
      ...(visitors[1] ? { visitor2: visitors[1] } : {}),
    },
    caseId: v.case_id,
    recordLabel: `${v.visit_date} ${data.visit.kind}`,
    body: (views) => html`${formCss}${meta(f.office, h, data.caseCode || null)}
<table class="grid">
<tr><td class="label">户主姓名</td><td>${h.headName}</td><td class="label">家庭人口</td><td>${h.memberCount} 人</td><td class="label">联系电话</td><td>${h.phone}</td></tr>
<tr><td class="label">走访日期</td><td>${data.visit.date}</td><td class="label">走访类型</td><td>${data.visit.kind}</td><td class="label">走访人</td><td>${data.visit.visitors}</td></tr>
<tr><td class="label">走访情况</td><td colspan="5" class="opinion">${data.visit.findings}</td></tr>
</table>
<div class="form-section">"两不愁三保障"及饮水安全核查</div>
${data.guarantees ? guaranteesTable(data.guarantees) : html`<p class="notes">本次走访未核查。</p>`}
<div class="form-section">收入更新</div>
${
  data.income
    ? html`<table class="grid"><tr><td class="label">${data.income.year} 年家庭纯收入</td><td>${money(data.income.netIncomeFen)}</td></tr>
<tr><td class="label">人均纯收入</td><td>${money(data.income.perCapitaFen)}</td></tr>
<tr><td class="label">当年监测范围</td><td>${money(data.income.monitoringLineFen)}</td></tr></table>`
    : html`<p class="notes">本次走访未更新收入。</p>`
}
${signArea(views)}`,
  };
}
