import { assetClassLabels, ownerLevelLabels } from '../../../../shared/domain/assets';
import type { AssetsKind } from '../../../../shared/domain/paper';
import { publicNoticeProblem } from '../../../../shared/domain/privacy';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { chineseDate } from '../notices/documents';
import { canonicalJson } from '../print/hash';
import { html } from '../print/html';
import type { BuiltDocument, DocumentBuilder } from '../print/types';
import * as repo from './repository';

// 资产公示 (one asset: what it is, who owns, runs and looks after it, what it earned) and
// 收益分配公示 (a plan's households and amounts, after 乡镇审核备案). Both carry the supervision
// line 12317 and the office phone; the plan names households by code and 户主 name only, as the
// payment lists' public list does. recordRef is the asset id or the plan id, so 核验 rebuilds them.

const SUPERVISION_LINE = '12317';

async function office(ctx: HandlerContext) {
  const o = await ctx.db.selectFrom('office').select(['county_name', 'township_name', 'township_code', 'phone']).where('deleted_at', 'is', null).executeTakeFirst();
  if (!o) throw new AppError('NOT_CONFIGURED', '请先完成单位设置');
  return o;
}

function footer(township: string, phone: string | null) {
  return html`<p class="para">公示期间，如有异议，请以书面、电话或当面方式实名向${township}人民政府反映。</p>
<p class="para">联系电话：<span class="nowrap">${phone ?? '（未设置）'}</span>。监督举报电话：<span class="nowrap">${SUPERVISION_LINE}</span>（全国防止返贫监测和乡村振兴咨询服务平台）。</p>`;
}

function stamp(signer: string, date: string | null) {
  return html`<div class="sign-area" style="justify-content:flex-end"><div class="sign-block" style="text-align:center"><div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div><div>${signer}（盖章）</div><div style="margin-top:3mm">${date ? chineseDate(date) : '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</div></div></div>`;
}

function checked(doc: BuiltDocument): BuiltDocument {
  const problem = publicNoticeProblem(`${doc.title}\n${doc.body.value}\n${canonicalJson(doc.data)}`);
  if (problem) throw new AppError('RULE', problem);
  return doc;
}

export async function buildAssetNotice(ctx: HandlerContext, assetId: string): Promise<BuiltDocument> {
  if (!(await repo.findAsset(ctx.db, assetId))) throw new AppError('NOT_FOUND', '找不到这项资产');
  const a = await repo.assetDetail(ctx.db, assetId);
  const o = await office(ctx);
  const title = `${o.township_name}扶贫（衔接）项目资产公示`;
  const data = {
    kind: 'assets.assetNotice',
    asset: { code: a.assetCode, name: a.name, class: assetClassLabels[a.assetClass], project: `${a.projectCode} ${a.projectName}`, formed: a.formedDate, village: a.villageName, quantity: a.quantity, valueFen: a.valueFen },
    owner: `${ownerLevelLabels[a.ownerLevel]} ${a.ownerName}`,
    operator: a.operator,
    caretaker: `${a.caretaker}（${a.caretakerPerson}）`,
    incomeFen: a.incomeFen,
    upkeepFen: a.upkeepFen,
    phone: o.phone ?? '',
  };
  const body = html`<div class="doc-meta"><span>${o.county_name}${o.township_name}</span><span>资产编号 ${a.assetCode}</span></div>
<p class="para">根据扶贫项目资产后续管理有关规定，现将以下项目资产的确权、经营和管护情况予以公示，接受社会监督。</p>
<table class="grid"><tbody>
<tr><th style="width:7em">资产名称</th><td>${a.name}</td><th style="width:7em">资产类别</th><td>${data.asset.class}</td></tr>
<tr><th>形成项目</th><td colspan="3">${data.asset.project}</td></tr>
<tr><th>形成日期</th><td>${chineseDate(a.formedDate)}</td><th>所在村</th><td>${a.villageName ?? ''}</td></tr>
<tr><th>数量</th><td>${a.quantity ?? ''}</td><th>资产原值</th><td class="num">${formatYuan(a.valueFen)} 元</td></tr>
<tr><th>所有权人</th><td colspan="3">${data.owner}</td></tr>
<tr><th>经营主体</th><td>${a.operator ?? ''}</td><th>管护主体</th><td>${data.caretaker}</td></tr>
<tr><th>累计收益</th><td class="num">${formatYuan(a.incomeFen)} 元</td><th>累计管护支出</th><td class="num">${formatYuan(a.upkeepFen)} 元</td></tr>
</tbody></table>
${footer(o.township_name, o.phone)}
${stamp(`${o.township_name}人民政府`, null)}`;
  return checked({ kind: 'assets.assetNotice', title, recordRef: a.id, recordCode: a.assetCode, data, body });
}

export async function buildIncomeNotice(ctx: HandlerContext, planId: string): Promise<BuiltDocument> {
  const p = await repo.findPlan(ctx.db, planId);
  if (!p) throw new AppError('NOT_FOUND', '找不到这份收益分配方案');
  if (!['townshipFiling', 'villageNotice', 'paying'].includes(p.status)) throw new AppError('RULE', '方案须经「乡镇审核备案」后才能打印收益分配公示');
  const a = (await repo.findAsset(ctx.db, p.asset_id))!;
  const lines = await repo.planLines(ctx.db, p.id);
  const notice = await ctx.db.selectFrom('asset_income_plan_steps').select(['step_date', 'notice_end']).where('plan_id', '=', p.id).where('step', '=', 'villageNotice').executeTakeFirst();
  const village = a.village_id ? await ctx.db.selectFrom('villages').select('name').where('id', '=', a.village_id).executeTakeFirst() : undefined;
  const o = await office(ctx);
  const rows = lines.map((l) => ({ code: l.household_code, name: l.name, basis: l.basis, amountFen: l.amount_fen }));
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const title = `${p.year}年度${a.name}收益分配公示`;
  const period = notice?.notice_end ? { from: notice.step_date, to: notice.notice_end } : null;
  const data = { kind: 'assets.incomeNotice', title, asset: `${a.asset_code} ${a.name}`, year: p.year, period, rows, totalFen, phone: o.phone ?? '' };
  const body = html`<div class="doc-meta"><span>${o.county_name}${o.township_name}${village?.name ?? ''}</span><span>资产 ${a.asset_code}</span></div>
<p class="para">经村集体制定、村民代表讨论、乡镇审核备案，${a.name} ${p.year} 年收益拟分配给以下 ${rows.length} 户，合计 ${formatYuan(totalFen)} 元，现予以公示。</p>
${period ? html`<p class="para"><strong>公示期：${chineseDate(period.from)}至${chineseDate(period.to)}</strong></p>` : ''}
<table class="grid">
<thead><tr><th style="width:2.5em">序号</th><th>户编号</th><th>户主</th><th>分配依据</th><th>金额（元）</th></tr></thead>
<tbody>${rows.map((r, i) => html`<tr><td class="center">${i + 1}</td><td>${r.code}</td><td>${r.name}</td><td>${r.basis}</td><td class="num">${formatYuan(r.amountFen)}</td></tr>`)}</tbody>
</table>
${footer(o.township_name, o.phone)}
${stamp(village ? `${village.name}村民委员会` : `${o.township_name}人民政府`, period?.from ?? null)}`;
  return checked({ kind: 'assets.incomeNotice', title, recordRef: p.id, recordCode: a.asset_code, data, body });
}

export const assetsBuilders: Record<AssetsKind, DocumentBuilder> = {
  'assets.assetNotice': { build: (ctx, ref) => buildAssetNotice(ctx, ref) },
  'assets.incomeNotice': { build: (ctx, ref) => buildIncomeNotice(ctx, ref) },
};
