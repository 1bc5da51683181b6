// The signature places of a form: each block's current signature checked against what it vouches
// for, drawn as the signer's image and date, or as blank lines to sign in ink.
import type { CaseStep } from '../../../../../shared/contract/monitoring';
import { formBlocks, type BlockDef } from '../../../../../shared/domain/formBlocks';
import { stepOutcomeLabels } from '../../../../../shared/domain/monitoring';
import type { FormKind } from '../../../../../shared/domain/paper';
import { currentSignature, statusOf, type SignatureStatus } from '../../../../../shared/domain/signatureStatus';
import { informationalChangeNames } from '../formFields';
import { currentScopeVersion, signedScopeHash } from '../signedScope';
import { html, trusted, type SafeHtml } from '../../print/html';
import type { JsonValue } from '../../print/types';
import type { SignatureRecord } from '../repository';
import { gap } from './pieces';
import { signedData } from '../../../db/jsonColumns';

// ---------------------------------------------------------------------------------------------
// Signature blocks

export interface BlockView {
  def: BlockDef;
  row: SignatureRecord | null;
  status: SignatureStatus;
  /** For a standing signature: the informational fields changed since it was made ("联系电话"). */
  informationalChanges: string[];
}

const pngDataUrl = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

export function blockViews(kind: FormKind, rows: readonly SignatureRecord[], data: JsonValue): BlockView[] {
  return formBlocks[kind].map((def) => {
    const mine = rows.filter((r) => r.block === def.block);
    const row = currentSignature(
      mine.map((r) => ({ ...r, method: r.method, contentHash: r.content_hash, signedAt: r.signed_at, supersededBy: r.superseded_by, deletedAt: r.deleted_at, scanFile: r.scan_file })),
    );
    const found = row ? (mine.find((r) => r.id === row.id) ?? null) : null;
    // Checked the way it was signed: an old signature against the old scope (see signedScope.ts).
    const status = statusOf(row, signedScopeHash(kind, def.block, data, found?.scope_version ?? currentScopeVersion));
    const informationalChanges =
      found && status !== 'stale' && found.signed_data_json !== null ? informationalChangeNames(kind, signedData.decode(found.signed_data_json), data) : [];
    return { def, row: found, status, informationalChanges };
  });
}

function localStamp(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The signature place of one block, with a line naming what changed since it was signed, if anything. */
export function signatureMark(v: BlockView): { sign: SafeHtml; date: SafeHtml; note: SafeHtml | null } {
  const mark = baseMark(v);
  if (v.informationalChanges.length === 0) return mark;
  const changed = html`<span class="sig-note">签字后有非实质变更：${v.informationalChanges.join('、')}</span>`;
  return { ...mark, note: mark.note ? html`${mark.note}<br>${changed}` : changed };
}

/** The image and date, or blank lines to sign in ink. */
function baseMark(v: BlockView): { sign: SafeHtml; date: SafeHtml; note: SafeHtml | null } {
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
export function signArea(views: readonly BlockView[]): SafeHtml {
  if (views.length === 0) return html``;
  return html`<div class="sign-row">${views.map((v) => {
    const m = signatureMark(v);
    return html`<div class="sign-block" data-block="${v.def.block}"><div class="nowrap">${v.def.roleLabel}签字：${m.sign}</div><div class="nowrap">日期：${m.date}</div>${m.note ? html`<div>${m.note}</div>` : null}</div>`;
  })}</div>`;
}

/** Approval rows (村 / 乡镇 / 县): the opinion from the step record, then the signature and date. */
export function opinionRows(views: readonly BlockView[], opinions: Readonly<Partial<Record<string, { title: string; text: string }>>>): SafeHtml {
  return html`<table class="grid">${views.map((v) => {
    const m = signatureMark(v);
    const o = opinions[v.def.block];
    return html`<tr data-block="${v.def.block}"><td class="label">${o?.title ?? v.def.roleLabel}</td><td class="opinion"><div>${o?.text ?? ''}</div>
<div class="opinion-sign">${v.def.block === 'village' ? `（盖章）${gap}` : ''}${v.def.roleLabel}（签字）：${m.sign}${gap}日期：${m.date}${m.note ? html`<br>${m.note}` : null}</div></td></tr>`;
  })}</table>`;
}

export function opinionText(s: CaseStep | undefined): string {
  if (!s) return '（尚未办理）';
  return `${s.date} ${stepOutcomeLabels[s.outcome]}${s.note ? `：${s.note}` : ''}（${s.people.join('、')}）`;
}
