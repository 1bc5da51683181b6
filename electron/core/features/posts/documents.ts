import { z } from 'zod';
import { publicNoticeProblem } from '../../../../shared/domain/privacy';
import { formatYuan } from '../../../../shared/lib/money';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { canonicalJson } from '../print/hash';
import { html } from '../print/html';
import type { BuiltDocument, DocumentBuilder } from '../print/types';
import { chineseDate, noticeTexts } from '../notices/documents';
import * as repo from './repository';

// 公益性岗位拟聘人员公示 (EMPLOYMENT-FUNDS §1.4): the candidates of one village at the 公示 step, on
// the village board, masked like every public list (no ID, phone or account). recordRef = the JSON
// list of appointment ids; recordCode = the village code.

function parseIds(recordRef: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(recordRef);
  } catch {
    parsed = null;
  }
  const ids = z.array(z.string().min(1)).min(1).safeParse(parsed);
  if (!ids.success) throw new AppError('NOT_FOUND', '公示记录的编号无效，无法重新生成');
  return ids.data;
}

const sexWord: Readonly<Record<string, string>> = { male: '男', female: '女' };

export async function buildPostNotice(ctx: HandlerContext, ids: readonly string[]): Promise<BuiltDocument> {
  const list = await repo.selectAppointments(ctx.db, { ids }, ctx.today());
  const first = list[0];
  if (!first) throw new AppError('NOT_FOUND', '公示名单中的人员已不存在');
  const post = await repo.findPost(ctx.db, first.postId);
  const village = await ctx.db.selectFrom('villages').select(['code', 'name']).where('id', '=', post!.village_id).executeTakeFirst();
  if (!village) throw new AppError('NOT_FOUND', '公示名单所属的村已不存在');
  const posts = new Map((await repo.selectPosts(ctx.db, { villageId: post!.village_id })).map((p) => [p.id, p]));
  const from = list.map((a) => a.noticeStart ?? '').filter((d) => d !== '').sort()[0] ?? ctx.today();
  const to = list.map((a) => a.noticeEnd ?? '').filter((d) => d !== '').sort().pop() ?? from;
  const texts = await noticeTexts(ctx, village.name);
  const rows = list.map((a) => {
    const p = posts.get(a.postId);
    // Age at the start of the notice, so a reprint next year gives the same list.
    const age = Number(from.slice(0, 4)) - Number(a.birthDate.slice(0, 4)) - (from.slice(5) < a.birthDate.slice(5) ? 1 : 0);
    return { code: a.householdCode, name: a.name, sex: sexWord[a.sex] ?? a.sex, age, post: a.postName, type: p?.postType ?? '', subsidy: formatYuan(p?.subsidyFen ?? 0) };
  });
  const title = `${village.name}公益性岗位拟聘人员公示`;
  const data = { title, village: village.code, period: { from, to }, rows, phone: texts.phone };
  const body = html`<div class="doc-meta"><span>${village.name}（编号 ${village.code}）</span><span>公示地点：村务公开栏</span></div>
<p class="para">根据乡村公益性岗位开发管理有关规定，经本人申报、村级评议、乡镇审核，拟聘用以下 ${rows.length} 人到公益性岗位，现予以公示。</p>
<p class="para"><strong>公示期：${chineseDate(from)}至${chineseDate(to)}</strong></p>
<table class="grid">
<thead><tr><th style="width:2.5em">序号</th><th>姓名</th><th>性别</th><th>年龄</th><th>拟聘岗位</th><th>岗位类型</th><th>补贴标准（元/月）</th></tr></thead>
<tbody>${rows.map(
    (r, i) =>
      html`<tr><td class="center">${i + 1}</td><td>${r.name}</td><td class="center">${r.sex}</td><td class="center">${r.age}</td><td>${r.post}</td><td>${r.type}</td><td class="num">${r.subsidy}</td></tr>`,
  )}</tbody>
</table>
<p class="para">${texts.objectionNote}</p>
<p class="para">异议受理：${texts.objectionPlace}。监督电话：<span class="nowrap">${texts.phone || '（未设置）'}</span>。</p>
<div class="sign-area" style="justify-content:flex-end"><div class="sign-block" style="text-align:center"><div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div><div>${village.name}村民委员会（盖章）</div><div style="margin-top:3mm">\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日</div></div></div>`;
  const problem = publicNoticeProblem(`${title}\n${body.value}\n${canonicalJson(data)}`);
  if (problem) throw new AppError('RULE', problem);
  return { kind: 'paper.postNotice', title, recordRef: JSON.stringify([...ids]), recordCode: village.code, data, body };
}

export const postBuilders: Record<'paper.postNotice', DocumentBuilder> = {
  'paper.postNotice': { build: (ctx, recordRef) => buildPostNotice(ctx, parseIds(recordRef)) },
};
