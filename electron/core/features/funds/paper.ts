import { publicNoticeProblem } from '../../../../shared/domain/privacy';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { chineseDate } from '../notices/documents';
import { canonicalJson } from '../print/hash';
import { html, type SafeHtml } from '../print/html';
import type { BuiltDocument } from '../print/types';
import * as repo from './repository';

// What every piece of funds paper shares: the office's names and phone, the project record, the
// closing lines of a public notice (objections, the office phone and the national supervision
// line 12317, EMPLOYMENT-FUNDS §2.7) and the stamp block.

export const SUPERVISION_LINE = '12317';

export async function office(ctx: HandlerContext) {
  const o = await ctx.db.selectFrom('office').select(['county_name', 'township_name', 'township_code', 'phone']).where('deleted_at', 'is', null).executeTakeFirst();
  if (!o) throw new AppError('NOT_CONFIGURED', '请先完成单位设置');
  return o;
}

export async function projectRecord(ctx: HandlerContext, id: string) {
  const [p] = await repo.projectRows(ctx.db, repo.noFilter, id);
  if (!p) throw new AppError('NOT_FOUND', '找不到该项目，可能已被删除');
  return p;
}

/** Objections, the office phone (「（未设置）」 shows the gap on paper, as the other notices do) and 12317. */
export function supervisionLines(township: string, phone: string | null): SafeHtml {
  return html`<p class="para">公示期间，如有异议，请以书面、电话或当面方式实名向${township}人民政府反映。</p>
<p class="para">联系电话：<span class="nowrap">${phone ?? '（未设置）'}</span>。监督举报电话：<span class="nowrap">${SUPERVISION_LINE}</span>（全国防止返贫监测和乡村振兴咨询服务平台）。</p>`;
}

export function stamp(signer: string, date: string): SafeHtml {
  return html`<div class="sign-area" style="justify-content:flex-end">
<div class="sign-block" style="text-align:center">
<div class="stamp-box" style="margin:0 auto 3mm">（盖章处）</div>
<div>${signer}（盖章）</div>
<div style="margin-top:3mm">${chineseDate(date)}</div>
</div>
</div>`;
}

/** Refuses a public document that would show personal data (full ID numbers, accounts). */
export function checkedPublic(doc: BuiltDocument): BuiltDocument {
  const problem = publicNoticeProblem(`${doc.title}\n${doc.body.value}\n${canonicalJson(doc.data)}`);
  if (problem) throw new AppError('RULE', problem);
  return doc;
}
