import type { CaseDetail, CaseStep } from '../../../../shared/contract/monitoring';
import type { IncomeYear } from '../../../../shared/contract/income';
import { formBlocks, type BlockDef, type SignatureBlock } from '../../../../shared/domain/formBlocks';
import {
  disabilityCategoryLabels,
  disabilityGradeLabels,
  educationLabels,
  healthLabels,
  householdKindLabels,
  laborLabels,
  relationLabels,
  schoolingLabels,
  workStatusLabels,
  type DisabilityCategory,
  type DisabilityGrade,
  type Education,
  type Health,
  type Labor,
  type Relation,
  type Schooling,
  type WorkStatus,
} from '../../../../shared/domain/household';
import { incomeCategories, incomeCategoryLabels } from '../../../../shared/domain/income';
import {
  clueSourceLabels,
  guaranteeKeys,
  guaranteeLabels,
  guaranteeStatusLabels,
  measureStatusLabels,
  monitoringCategoryLabels,
  negativeListItems,
  negativeListLabels,
  riskTypeLabels,
  stepOutcomeLabels,
  visitKindLabels,
  type GuaranteeKey,
  type GuaranteeStatus,
  type MeasureStatus,
  type RiskType,
  type VisitKind,
} from '../../../../shared/domain/monitoring';
import { documentKindLabels, type FormKind } from '../../../../shared/domain/paper';
import { currentSignature, statusOf, type SignatureStatus } from '../../../../shared/domain/signatureStatus';
import { currentRun } from '../../../../shared/domain/workflow';
import { amountInCapitals } from '../../../../shared/lib/capitals';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { contentHash } from '../../print/hash';
import { signedScopeHash } from './signedScope';
import { html, trusted, type SafeHtml } from '../../print/html';
import type { BuiltDocument, DocumentBuilder, JsonValue } from '../../print/types';
import { listMembers } from '../households/repository';
import { listIncomes } from '../income/repository';
import { toIncomeYear } from '../income/service';
import { measuresOfCase } from '../measures/repository';
import { detail as caseDetail } from '../monitoring/service';
import { getOffice } from '../settings/repository';
import { savedThresholds } from '../thresholds/repository';
import { findVisit } from '../visits/repository';
import { signaturesOf, type SignatureRecord } from './repository';

// The five approval forms and the visit record (DOMAIN §7, §8, §13), built from the record as it
// is now. `data` holds the facts the form prints — the thing hashed for the content code and for
// signatures — and never the signatures themselves; `body` draws the facts and, in the signature
// blocks, each block's current signature: a valid screen signature as its image with signer and
// date, anything else as a blank line to sign in ink (with a note when the scan of the signed page
// is attached, or when the earlier signature no longer matches the record). Forms are not public:
// they carry ID numbers. Every amount is printed in figures and in Chinese capitals.

// ---------------------------------------------------------------------------------------------
// Facts

interface MemberFacts {
  name: string;
  idNumber: string;
  sex: string;
  birthDate: string;
  relation: string;
  education: string;
  schooling: string;
  health: string;
  labor: string;
  workStatus: string;
  medicalInsurance: boolean;
  pensionInsurance: boolean;
}

interface CaseFacts {
  detail: CaseDetail;
  office: string;
  members: MemberFacts[];
  /** Latest income year on record. */
  income: IncomeYear | null;
  incomes: IncomeYear[];
  measures: Awaited<ReturnType<typeof measuresOfCase>>;
}

/** Loads a case's facts once per build pass (forms.status builds several forms of one case). */
export type FactsCache = Map<string, Promise<CaseFacts>>;

function label<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return (labels as Readonly<Record<string, string>>)[key] ?? key;
}

async function loadCaseFacts(ctx: HandlerContext, caseId: string): Promise<CaseFacts> {
  const detail = await caseDetail(ctx.db, caseId, ctx.today());
  const [office, memberRows, incomeRows, saved, measures] = await Promise.all([
    getOffice(ctx.db),
    listMembers(ctx.db, detail.household.id),
    listIncomes(ctx.db, detail.household.id),
    savedThresholds(ctx.db),
    measuresOfCase(ctx.db, caseId),
  ]);
  const members: MemberFacts[] = memberRows
    .filter((m) => m.status === 'current')
    .map((m) => {
      const disability =
        m.disability_category !== null
          ? `（${label(disabilityCategoryLabels, m.disability_category as DisabilityCategory)}${m.disability_grade !== null ? (disabilityGradeLabels[m.disability_grade as DisabilityGrade] ?? '') : ''}）`
          : '';
      return {
        name: m.name,
        idNumber: m.id_number,
        sex: m.sex === 'male' || m.sex === '男' ? '男' : m.sex === 'female' || m.sex === '女' ? '女' : m.sex,
        birthDate: m.birth_date,
        relation: label(relationLabels, m.relation as Relation),
        education: label(educationLabels, m.education as Education),
        schooling: label(schoolingLabels, m.schooling as Schooling),
        health: label(healthLabels, m.health as Health) + disability,
        labor: label(laborLabels, m.labor as Labor),
        workStatus: label(workStatusLabels, m.work_status as WorkStatus),
        medicalInsurance: m.medical_insurance === 1,
        pensionInsurance: m.pension_insurance === 1,
      };
    });
  const incomes = incomeRows.map((r) => {
    const previous = incomeRows.find((p) => p.year === r.year - 1);
    return toIncomeYear(r, previous, saved);
  });
  return {
    detail,
    office: office ? `${office.countyName}${office.townshipName}` : '',
    members,
    income: incomes[0] ?? null,
    incomes,
    measures,
  };
}

function caseFacts(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<CaseFacts> {
  if (!cache) return loadCaseFacts(ctx, caseId);
  let p = cache.get(caseId);
  if (!p) {
    p = loadCaseFacts(ctx, caseId);
    cache.set(caseId, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Data pieces (plain JSON: what the form prints)

function householdData(f: CaseFacts) {
  const h = f.detail.household;
  return {
    householdCode: h.householdCode,
    village: h.villageName,
    group: h.groupName,
    address: h.address ?? '',
    headName: h.headName,
    memberCount: h.memberCount,
    kind: householdKindLabels[h.kind],
    phone: h.phone ?? '',
    dibao: h.dibao,
    tekun: h.tekun,
  };
}

function caseData(f: CaseFacts) {
  const c = f.detail.case;
  return {
    caseCode: c.caseCode,
    category: c.category ? monitoringCategoryLabels[c.category] : '待确认',
    clueSource: clueSourceLabels[c.clueSource],
    clueDate: c.clueDate,
    clueNote: c.clueNote ?? '',
    helperName: c.helperName ?? '',
    includedDate: c.includedDate ?? '',
  };
}

function risksData(f: CaseFacts) {
  return f.detail.risks.map((r) => ({ risk: riskTypeLabels[r.riskType], note: r.note ?? '' }));
}

function guaranteesData(g: Readonly<Record<GuaranteeKey, { status: GuaranteeStatus; note: string | null }>>) {
  return guaranteeKeys.map((k) => ({ item: guaranteeLabels[k], status: guaranteeStatusLabels[g[k].status], note: g[k].note ?? '' }));
}

function incomeData(i: IncomeYear | null) {
  if (!i) return null;
  return {
    year: i.year,
    memberCount: i.memberCount,
    items: incomeCategories.map((c) => ({ item: incomeCategoryLabels[c], fen: i[c] })),
    netIncomeFen: i.netIncomeFen,
    perCapitaFen: i.perCapitaFen,
    monitoringLineFen: i.monitoringLineFen,
    eliminationFloorFen: i.eliminationFloorFen,
  };
}

function stepData(s: CaseStep) {
  const n = s.details.notice;
  return {
    step: s.stepLabel,
    date: s.date,
    people: s.people.join('、'),
    outcome: stepOutcomeLabels[s.outcome],
    note: s.note ?? '',
    notice: n ? `${n.startDate} 至 ${n.endDate}（${n.place}）` : '',
  };
}

function measuresData(f: CaseFacts) {
  return f.measures
    .filter((m) => m.status !== 'cancelled')
    .map((m) => ({
      name: m.type_name ?? m.measure_type_code,
      risks: parseRisks(m.risk_types).map((r) => riskTypeLabels[r] ?? r).join('、'),
      unit: m.responsible_unit,
      helper: m.helper_name ?? '',
      plannedDate: m.planned_date,
      doneDate: m.done_date ?? '',
      status: label(measureStatusLabels, m.status as MeasureStatus),
      amountFen: m.amount_fen,
      note: m.note ?? '',
    }));
}

function parseRisks(json: string): RiskType[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is RiskType => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The steps of the current run of a workflow, as printed. */
function runSteps(f: CaseFacts, workflow: 'identification' | 'elimination'): CaseStep[] {
  // Identification runs once per case (a rejection ends the case); elimination may run again
  // after a rejected run or a 回退, so its form shows the current round's current run.
  if (workflow === 'identification') return f.detail.steps.filter((s) => s.workflow === 'identification');
  return currentRun(f.detail.steps, workflow, f.detail.case.round);
}

function noticePeriod(steps: readonly CaseStep[]): { from: string; to: string; place: string } | null {
  const n = steps.find((s) => s.step === 'notice')?.details.notice;
  return n ? { from: n.startDate, to: n.endDate, place: n.place } : null;
}

function investigators(steps: readonly CaseStep[], head: string): Partial<Record<SignatureBlock, string>> {
  const people = steps.find((s) => s.step === 'homeCheck')?.people ?? [];
  const out: Partial<Record<SignatureBlock, string>> = { head };
  if (people[0]) out.investigator1 = people[0];
  if (people[1]) out.investigator2 = people[1];
  return out;
}

function approvers(steps: readonly CaseStep[]): Partial<Record<SignatureBlock, string>> {
  const out: Partial<Record<SignatureBlock, string>> = {};
  const first = (k: string) => steps.find((s) => s.step === k)?.people[0];
  const village = first('villageReview');
  const township = first('townshipReview');
  const county = first('countyDecision');
  if (village) out.village = village;
  if (township) out.township = township;
  if (county) out.county = county;
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTML pieces

/** A full-width space between printed fields. */
const gap = '\u3000';

const formCss = trusted(`<style>
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

function meta(office: string, h: { village: string; group: string; householdCode: string }, code: string | null): SafeHtml {
  return html`<div class="doc-meta"><span>填报单位：${office}</span><span>${h.village}${h.group}</span><span>户编号：${h.householdCode}</span>${
    code ? html`<span>案件编号：${code}</span>` : null
  }</div>`;
}

function householdTable(h: ReturnType<typeof householdData>, c: ReturnType<typeof caseData> | null): SafeHtml {
  return html`<table class="grid">
<tr><td class="label">户主姓名</td><td>${h.headName}</td><td class="label">家庭人口</td><td>${h.memberCount} 人</td><td class="label">户类型</td><td>${h.kind}</td></tr>
<tr><td class="label">住址</td><td colspan="3">${h.address}</td><td class="label">联系电话</td><td>${h.phone}</td></tr>
<tr><td class="label">低保户</td><td>${h.dibao ? '是' : '否'}</td><td class="label">特困供养</td><td>${h.tekun ? '是' : '否'}</td><td class="label">监测类别</td><td>${c?.category ?? ''}</td></tr>
</table>`;
}

function membersTable(members: readonly MemberFacts[]): SafeHtml {
  return html`<table class="grid">
<thead><tr><th>序号</th><th>姓名</th><th>与户主关系</th><th>身份证号</th><th>性别</th><th>文化程度</th><th>在校状况</th><th>健康状况</th><th>劳动技能</th><th>务工状况</th><th>医保</th><th>养老保险</th></tr></thead>
<tbody>${members.map(
    (m, i) =>
      html`<tr><td class="center">${i + 1}</td><td class="nowrap">${m.name}</td><td>${m.relation}</td><td class="nowrap">${m.idNumber}</td><td class="center">${m.sex}</td><td>${m.education}</td><td>${m.schooling}</td><td>${m.health}</td><td>${m.labor}</td><td>${m.workStatus}</td><td class="center">${m.medicalInsurance ? '是' : '否'}</td><td class="center">${m.pensionInsurance ? '是' : '否'}</td></tr>`,
  )}</tbody>
</table>`;
}

function risksLine(risks: ReturnType<typeof risksData>): string {
  return risks.length === 0 ? '无' : risks.map((r) => (r.note ? `${r.risk}（${r.note}）` : r.risk)).join('；');
}

function guaranteesTable(g: ReturnType<typeof guaranteesData>): SafeHtml {
  return html`<table class="grid">
<thead><tr><th>保障项目</th><th>情况</th><th>说明</th></tr></thead>
<tbody>${g.map((r) => html`<tr><td>${r.item}</td><td class="center">${r.status}</td><td>${r.note}</td></tr>`)}</tbody>
</table>`;
}

function incomeTable(i: NonNullable<ReturnType<typeof incomeData>>): SafeHtml {
  return html`<table class="grid">
<thead><tr><th>收入项目（${i.year} 年度，家庭人口 ${i.memberCount} 人）</th><th>金额</th></tr></thead>
<tbody>${i.items.map((r) => html`<tr><td>${r.item}</td><td>${money(r.fen)}</td></tr>`)}
<tr><td><b>家庭纯收入</b></td><td>${money(i.netIncomeFen)}</td></tr>
<tr><td><b>人均纯收入</b></td><td>${money(i.perCapitaFen)}</td></tr>
<tr><td>当年防止返贫监测范围</td><td>${money(i.monitoringLineFen)}</td></tr>
</tbody></table>`;
}

function stepsTable(steps: ReturnType<typeof stepData>[]): SafeHtml {
  if (steps.length === 0) return html`<p class="notes">尚未办理流程步骤。</p>`;
  return html`<table class="grid">
<thead><tr><th>步骤</th><th>日期</th><th>参与人员</th><th>结果</th><th>说明</th></tr></thead>
<tbody>${steps.map(
    (s) =>
      html`<tr><td class="nowrap">${s.step}</td><td class="nowrap">${s.date}</td><td>${s.people}</td><td class="center">${s.outcome}</td><td>${s.notice ? `公示 ${s.notice}` : ''}${s.notice && s.note ? '；' : ''}${s.note}</td></tr>`,
  )}</tbody></table>`;
}

// ---------------------------------------------------------------------------------------------
// Signature blocks

export interface BlockView {
  def: BlockDef;
  row: SignatureRecord | null;
  status: SignatureStatus;
}

const pngDataUrl = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

function blockViews(kind: FormKind, rows: readonly SignatureRecord[], data: JsonValue): BlockView[] {
  return formBlocks[kind].map((def) => {
    const hash = signedScopeHash(kind, def.block, data);
    const mine = rows.filter((r) => r.block === def.block);
    const row = currentSignature(
      mine.map((r) => ({ ...r, method: r.method, contentHash: r.content_hash, signedAt: r.signed_at, supersededBy: r.superseded_by, deletedAt: r.deleted_at, scanFile: r.scan_file })),
    );
    const found = row ? (mine.find((r) => r.id === row.id) ?? null) : null;
    return { def, row: found, status: statusOf(row, hash) };
  });
}

function localStamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The signature place of one block: the image and date, or blank lines to sign in ink. */
function signatureMark(v: BlockView): { sign: SafeHtml; date: SafeHtml; note: SafeHtml | null } {
  const blank = html`<span class="sign-line"></span>`;
  if (v.status === 'valid' && v.row && v.row.method === 'screen' && v.row.image_png && pngDataUrl.test(v.row.image_png)) {
    return {
      sign: html`<span class="sig"><img src="${trusted(v.row.image_png)}" alt="${v.row.signer_name}的签名"><span class="sig-who">（${v.row.signer_name}）</span></span>`,
      date: html`<span class="nowrap">${v.row.signed_on}</span>`,
      note: null,
    };
  }
  if (v.status === 'valid' && v.row && v.row.method === 'ink') {
    return { sign: blank, date: blank, note: html`<span class="sig-note">已附签字页扫描件（${v.row.scan_attached_at ? localStamp(v.row.scan_attached_at) : ''}）</span>` };
  }
  if (v.status === 'stale') return { sign: blank, date: blank, note: html`<span class="sig-note">原签字已失效</span>` };
  return { sign: blank, date: blank, note: null };
}

/** Signature blocks side by side at the foot of the form. */
function signArea(views: readonly BlockView[]): SafeHtml {
  if (views.length === 0) return html``;
  return html`<div class="sign-area">${views.map((v) => {
    const m = signatureMark(v);
    return html`<div class="sign-block" data-block="${v.def.block}"><div>${v.def.roleLabel}（签字）：${m.sign}</div><div>日期：${m.date}</div>${m.note ? html`<div>${m.note}</div>` : null}</div>`;
  })}</div>`;
}

/** Approval rows (村 / 乡镇 / 县): the opinion from the step record, then the signature and date. */
function opinionRows(views: readonly BlockView[], opinions: Readonly<Partial<Record<string, { title: string; text: string }>>>): SafeHtml {
  return html`<table class="grid">${views.map((v) => {
    const m = signatureMark(v);
    const o = opinions[v.def.block];
    return html`<tr data-block="${v.def.block}"><td class="label">${o?.title ?? v.def.roleLabel}</td><td class="opinion"><div>${o?.text ?? ''}</div>
<div class="opinion-sign">${v.def.block === 'village' ? `（盖章）${gap}` : ''}${v.def.roleLabel}（签字）：${m.sign}${gap}日期：${m.date}${m.note ? html`<br>${m.note}` : null}</div></td></tr>`;
  })}</table>`;
}

function opinionText(s: CaseStep | undefined): string {
  if (!s) return '（尚未办理）';
  return `${s.date} ${stepOutcomeLabels[s.outcome]}${s.note ? `：${s.note}` : ''}（${s.people.join('、')}）`;
}

// ---------------------------------------------------------------------------------------------
// The forms

interface Draft {
  title: string;
  recordCode: string;
  data: JsonValue;
  /** Who is expected to sign each block, from the record (prefilled in the signature dialog). */
  signers: Partial<Record<SignatureBlock, string>>;
  caseId: string;
  recordLabel: string | null;
  /** Renders the body once the block views (signatures against the data's hash) are known. */
  body: (views: readonly BlockView[]) => SafeHtml;
}

const formTitle = (kind: FormKind): string => (kind === 'form.application' ? documentKindLabels[kind] : `防止返贫监测对象${documentKindLabels[kind]}`);

function byBlock(views: readonly BlockView[], blocks: readonly string[]): BlockView[] {
  return views.filter((v) => blocks.includes(v.def.block));
}

async function applicationDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
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

async function collectionDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
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
<div class="form-section">六、负面清单核查（不予认定情形）</div>
${
  data.negativeList
    ? html`<table class="grid"><tbody>${data.negativeList.map((n) => html`<tr><td>${n.item}</td><td class="center nowrap">${n.hit ? '☑存在 ☐不存在' : '☐存在 ☑不存在'}</td></tr>`)}</tbody></table>`
    : html`<p class="notes">入户核实时逐项核查。</p>`
}
${data.specialDecision ? html`<p class="para">村民代表大会特别决定（${data.specialDecision.date}）：${data.specialDecision.note}</p>` : null}
<p class="notes">入户核实：${data.homeCheck ? `${data.homeCheck.date}，${data.homeCheck.people}` : '尚未办理'}</p>
${signArea(views)}`,
  };
}

async function approvalDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
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
<div class="form-section">识别程序</div>
${stepsTable(data.steps)}
${opinionRows(byBlock(views, ['village', 'township', 'county']), {
  village: { title: '村级评议意见', text: opinionText(find('villageReview')) },
  township: { title: '乡镇审核意见', text: opinionText(find('townshipReview')) },
  county: { title: '县级审定意见', text: opinionText(find('countyDecision')) },
})}`,
  };
}

async function measuresDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
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
<p class="para">帮扶资金合计：${money(totalFen)}</p>
${signArea(views)}`,
  };
}

async function eliminationDraft(ctx: HandlerContext, caseId: string, cache?: FactsCache): Promise<Draft> {
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
<tr><td class="label">${data.income.year} 年人均纯收入</td><td>${money(data.income.perCapitaFen)}</td></tr>
<tr><td class="label">防止返贫监测范围</td><td>${money(data.income.monitoringLineFen)}</td></tr>
<tr><td class="label">风险消除收入底线</td><td>${money(data.income.eliminationFloorFen)}</td></tr>
<tr><td class="label">结论</td><td>${
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
<div class="form-section">五、风险消除程序</div>
${stepsTable(data.steps)}
<p class="notes">公示期：${data.notice ? `${data.notice.from} 至 ${data.notice.to}，公示地点：${data.notice.place}` : '尚未公示'}</p>
${signArea(views(all).people)}
${opinionRows(views(all).approvals, {
  village: { title: '村民主评议意见', text: opinionText(find('villageReview')) },
  township: { title: '乡镇审核意见', text: opinionText(find('townshipReview')) },
  county: { title: '县级审定意见', text: opinionText(find('countyDecision')) },
})}`,
  };
}

async function visitDraft(ctx: HandlerContext, visitId: string, cache?: FactsCache): Promise<Draft> {
  const v = await findVisit(ctx.db, visitId);
  if (!v) throw new AppError('NOT_FOUND', '找不到该走访记录，可能已被删除，请刷新后重试');
  if (!v.case_id) throw new AppError('NOT_FOUND', '该走访记录不属于任何监测对象，无法生成走访记录表');
  const f = await caseFacts(ctx, v.case_id, cache);
  const h = householdData(f);
  const visitors = (() => {
    try {
      const parsed: unknown = JSON.parse(v.visitors);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // plain text
    }
    return v.visitors.split(/[、,，]/).map((s) => s.trim()).filter(Boolean);
  })();
  const guarantees = v.guarantees ? (JSON.parse(v.guarantees) as Record<GuaranteeKey, { status: GuaranteeStatus; note: string | null }>) : null;
  const income = v.income_year !== null ? (f.incomes.find((y) => y.year === v.income_year) ?? null) : null;
  const data = {
    form: 'form.visit',
    office: f.office,
    household: h,
    caseCode: v.case_code ?? '',
    visit: { date: v.visit_date, kind: label(visitKindLabels, v.kind as VisitKind), visitors: visitors.join('、'), findings: v.findings },
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

const drafts: Readonly<Record<FormKind, (ctx: HandlerContext, ref: string, cache?: FactsCache) => Promise<Draft>>> = {
  'form.application': applicationDraft,
  'form.collection': collectionDraft,
  'form.approval': approvalDraft,
  'form.measures': measuresDraft,
  'form.elimination': eliminationDraft,
  'form.visit': visitDraft,
};

export interface BuiltForm extends BuiltDocument {
  kind: FormKind;
  /** The whole form's hash (its content code). */
  hash: string;
  /** What a signature in each block is bound to (see signedScope.ts). */
  blockHash(block: SignatureBlock): string;
  blocks: BlockView[];
  signers: Partial<Record<SignatureBlock, string>>;
  /** The case the form belongs to (for a visit record, the visit's case). */
  caseId: string;
  /** For a visit record: "2026-05-03 日常走访". */
  recordLabel: string | null;
}

/** Builds one form as it is now, with its hash and each block's current signature and status. */
export async function buildForm(ctx: HandlerContext, kind: FormKind, recordRef: string, cache?: FactsCache): Promise<BuiltForm> {
  const draft = await drafts[kind](ctx, recordRef, cache);
  const hash = contentHash(draft.data);
  const rows = await signaturesOf(ctx.db, kind, recordRef);
  const views = blockViews(kind, rows, draft.data);
  return {
    kind,
    title: draft.title,
    recordRef,
    recordCode: draft.recordCode,
    data: draft.data,
    body: draft.body(views),
    hash,
    blockHash: (block) => signedScopeHash(kind, block, draft.data),
    blocks: views,
    signers: draft.signers,
    caseId: draft.caseId,
    recordLabel: draft.recordLabel,
  };
}

function builder(kind: FormKind): DocumentBuilder {
  return { build: (ctx, recordRef) => buildForm(ctx, kind, recordRef) };
}

export const formBuilders: Record<FormKind, DocumentBuilder> = {
  'form.application': builder('form.application'),
  'form.collection': builder('form.collection'),
  'form.approval': builder('form.approval'),
  'form.measures': builder('form.measures'),
  'form.elimination': builder('form.elimination'),
  'form.visit': builder('form.visit'),
};
