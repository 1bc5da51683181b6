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

// Forms are denser than notices: an ordinary case's form must fit one A4 page, so the tables are
// set in 10pt with thin padding. A long case breaks between sections and rows (the base layout
// keeps rows and signature blocks whole and repeats a table's header row), never after a heading.
export const formCss = trusted(`<style>
[data-kind^="form."] { line-height: 1.4; }
[data-kind^="form."] .official-title { margin-bottom: 3mm; }
[data-kind^="form."] table.grid { font-size: 9.5pt; margin: 1mm 0 2mm; }
[data-kind^="form."] table.grid th, [data-kind^="form."] table.grid td { padding: 0.7mm 1.4mm; }
[data-kind^="form."] .para { margin-bottom: 1mm; }
[data-kind^="form."] .doc-code { margin-top: 3mm; }
.keep { break-inside: avoid; }
.form-section { font-weight: bold; margin: 1.5mm 0 0.5mm; break-after: avoid; }
[data-kind^="form."] table.grid:not(.members) th { white-space: nowrap; }
[data-kind^="form."] table.grid.members { font-size: 9pt; }
[data-kind^="form."] table.grid.members th, [data-kind^="form."] table.grid.members td { padding: 0.6mm 0.8mm; }
table.grid td.label { background: #f7f7f7; white-space: nowrap; width: 1%; }
table.grid td.center { white-space: nowrap; }
table.grid td.opinion { height: 12mm; vertical-align: top; }
.sign-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(50mm, 1fr)); gap: 1mm 6mm; margin-top: 3mm; break-inside: avoid; break-before: avoid; }
.sign-row .sign-block { min-width: 0; font-size: 10.5pt; }
.sign-row .sign-line { min-width: 22mm; height: 7mm; }
.sig { display: inline-flex; align-items: flex-end; gap: 2mm; }
.sig img { height: 11mm; max-width: 40mm; vertical-align: bottom; }
.sig-who { font-size: 9pt; }
.sig-note { font-size: 8.5pt; color: #333; }
.opinion-sign { margin-top: 1mm; text-align: right; }
.opinion-sign .sign-line { height: 6mm; }
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

/** Twelve columns: set tighter than the other tables so a member stays on one line. */
export function membersTable(members: readonly MemberFacts[]): SafeHtml {
  return html`<table class="grid members">
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

/** The six guarantees three to a row (项目 | 情况), a note after its status. */
export function guaranteesTable(g: ReturnType<typeof guaranteesData>): SafeHtml {
  const rows: (typeof g)[] = [];
  for (let i = 0; i < g.length; i += 3) rows.push(g.slice(i, i + 3));
  return html`<table class="grid"><tbody>${rows.map(
    (row) => html`<tr>${row.map((r) => html`<td class="label">${r.item}</td><td>${r.status}${r.note ? `（${r.note}）` : ''}</td>`)}</tr>`,
  )}</tbody></table>`;
}

/**
 * The income breakdown three items to a row in figures, then the totals that the decision rests on
 * in figures and capitals: thirteen rows of capitals pushed an ordinary form onto a second page.
 */
export function incomeTable(i: NonNullable<ReturnType<typeof incomeData>>): SafeHtml {
  const rows: (typeof i.items)[] = [];
  for (let k = 0; k < i.items.length; k += 3) rows.push(i.items.slice(k, k + 3));
  return html`<table class="grid">
<thead><tr><th colspan="6">${i.year} 年度家庭收入（家庭人口 ${i.memberCount} 人，单位：元）</th></tr></thead>
<tbody>${rows.map((row) => html`<tr>${row.map((r) => html`<td class="label">${r.item}</td><td class="num">${formatYuan(r.fen)}</td>`)}${row.length < 3 ? html`<td colspan="${(3 - row.length) * 2}"></td>` : null}</tr>`)}
<tr><td class="label"><b>家庭纯收入</b></td><td colspan="5">${money(i.netIncomeFen)}</td></tr>
<tr><td class="label"><b>人均纯收入</b></td><td colspan="5">${money(i.perCapitaFen)}</td></tr>
<tr><td class="label">当年监测范围</td><td colspan="5">${money(i.monitoringLineFen)}</td></tr>
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
