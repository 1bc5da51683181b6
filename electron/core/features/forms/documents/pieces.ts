// The HTML pieces the forms share: the form's own CSS, the facts line under the title and the
// ruled tables of household, members, guarantees, income and workflow steps.
import { amountInCapitals } from '../../../../../shared/lib/capitals';
import { formatYuan } from '../../../../../shared/lib/money';
import { html, trusted, type SafeHtml } from '../../print/html';
import { type householdData, type caseData, type risksData, type guaranteesData, type incomeData, type stepData, type MemberFacts } from './facts';

// ---------------------------------------------------------------------------------------------
// HTML pieces

/** A full-width space between printed fields. */
export const gap = '\u3000';

export const formCss = trusted(`<style>
.form-section { font-weight: bold; margin: 3mm 0 1mm; }
table.grid td.label { background: #f7f7f7; white-space: nowrap; width: 1%; }
table.grid td.opinion { height: 24mm; vertical-align: top; }
.sig { display: inline-flex; align-items: flex-end; gap: 2mm; }
.sig img { height: 13mm; max-width: 45mm; vertical-align: bottom; }
.sig-who { font-size: 9pt; }
.sig-note { font-size: 8.5pt; color: #333; }
.opinion-sign { margin-top: 3mm; text-align: right; }
.check { font-family: inherit; }
</style>`);

/** "4,500.00 元（人民币肆仟伍佰元整）". */
export function money(fen: number | null): SafeHtml {
  if (fen === null) return html`—`;
  const capitals = fen < 0 ? `负${amountInCapitals(-fen)}` : amountInCapitals(fen);
  return html`<span class="nowrap">${formatYuan(fen)} 元</span>（人民币${capitals}）`;
}

export function meta(office: string, h: { village: string; group: string; householdCode: string }, code: string | null): SafeHtml {
  return html`<div class="doc-meta"><span>填报单位：${office}</span><span>${h.village}${h.group}</span><span>户编号：${h.householdCode}</span>${
    code ? html`<span>案件编号：${code}</span>` : null
  }</div>`;
}

export function householdTable(h: ReturnType<typeof householdData>, c: ReturnType<typeof caseData> | null): SafeHtml {
  return html`<table class="grid">
<tr><td class="label">户主姓名</td><td>${h.headName}</td><td class="label">家庭人口</td><td>${h.memberCount} 人</td><td class="label">户类型</td><td>${h.kind}</td></tr>
<tr><td class="label">住址</td><td colspan="3">${h.address}</td><td class="label">联系电话</td><td>${h.phone}</td></tr>
<tr><td class="label">低保户</td><td>${h.dibao ? '是' : '否'}</td><td class="label">特困供养</td><td>${h.tekun ? '是' : '否'}</td><td class="label">监测类别</td><td>${c?.category ?? ''}</td></tr>
</table>`;
}

export function membersTable(members: readonly MemberFacts[]): SafeHtml {
  return html`<table class="grid">
<thead><tr><th>序号</th><th>姓名</th><th>与户主关系</th><th>身份证号</th><th>性别</th><th>文化程度</th><th>在校状况</th><th>健康状况</th><th>劳动技能</th><th>务工状况</th><th>医保</th><th>养老保险</th></tr></thead>
<tbody>${members.map(
    (m, i) =>
      html`<tr><td class="center">${i + 1}</td><td class="nowrap">${m.name}</td><td>${m.relation}</td><td class="nowrap">${m.idNumber}</td><td class="center">${m.sex}</td><td>${m.education}</td><td>${m.schooling}</td><td>${m.health}</td><td>${m.labor}</td><td>${m.workStatus}</td><td class="center">${m.medicalInsurance ? '是' : '否'}</td><td class="center">${m.pensionInsurance ? '是' : '否'}</td></tr>`,
  )}</tbody>
</table>`;
}

export function risksLine(risks: ReturnType<typeof risksData>): string {
  return risks.length === 0 ? '无' : risks.map((r) => (r.note ? `${r.risk}（${r.note}）` : r.risk)).join('；');
}

export function guaranteesTable(g: ReturnType<typeof guaranteesData>): SafeHtml {
  return html`<table class="grid">
<thead><tr><th>保障项目</th><th>情况</th><th>说明</th></tr></thead>
<tbody>${g.map((r) => html`<tr><td>${r.item}</td><td class="center">${r.status}</td><td>${r.note}</td></tr>`)}</tbody>
</table>`;
}

export function incomeTable(i: NonNullable<ReturnType<typeof incomeData>>): SafeHtml {
  return html`<table class="grid">
<thead><tr><th>收入项目（${i.year} 年度，家庭人口 ${i.memberCount} 人）</th><th>金额</th></tr></thead>
<tbody>${i.items.map((r) => html`<tr><td>${r.item}</td><td>${money(r.fen)}</td></tr>`)}
<tr><td><b>家庭纯收入</b></td><td>${money(i.netIncomeFen)}</td></tr>
<tr><td><b>人均纯收入</b></td><td>${money(i.perCapitaFen)}</td></tr>
<tr><td>当年防止返贫监测范围</td><td>${money(i.monitoringLineFen)}</td></tr>
</tbody></table>`;
}

export function stepsTable(steps: ReturnType<typeof stepData>[]): SafeHtml {
  if (steps.length === 0) return html`<p class="notes">尚未办理流程步骤。</p>`;
  return html`<table class="grid">
<thead><tr><th>步骤</th><th>日期</th><th>参与人员</th><th>结果</th><th>说明</th></tr></thead>
<tbody>${steps.map(
    (s) =>
      html`<tr><td class="nowrap">${s.step}</td><td class="nowrap">${s.date}</td><td>${s.people}</td><td class="center">${s.outcome}</td><td>${s.notice ? `公示 ${s.notice}` : ''}${s.notice && s.note ? '；' : ''}${s.note}</td></tr>`,
  )}</tbody></table>`;
}
