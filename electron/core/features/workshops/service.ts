import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import { workshopFieldLabels, type Workshop } from '../../../../shared/contract/workshops';
import { checkDue, workshopStateLabels, type WorkshopForm, type WorkshopState, type WorkshopType } from '../../../../shared/domain/workshops';
import type { HouseholdKind } from '../../../../shared/domain/household';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { toSpell } from '../employment/spells';
import { eligibilityOf } from './eligibility';
import * as repo from './repository';

// 就业帮扶车间 (EMPLOYMENT-FUNDS §1.1 E5, §1.3 item 3): 申请 → 县认定 → quarterly monitoring →
// the yearly reward. Edits carry the version the form loaded; every change writes its audit row
// in the same transaction.

export function toWorkshop(r: repo.WorkshopRecord, staffNow: number, today: string): Workshop {
  const state = r.state as WorkshopState;
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    creditCode: r.credit_code,
    form: r.form as WorkshopForm,
    kind: r.kind as WorkshopType,
    villageId: r.village_id,
    villageName: r.village_name,
    legalPerson: r.legal_person,
    products: r.products,
    recognitionNo: r.recognition_no,
    recognizedOn: r.recognized_on,
    insurer: r.insurer,
    insuranceFen: r.insurance_fen,
    insuranceUntil: r.insurance_until,
    state,
    note: r.note,
    staffNow,
    lastCheckOn: r.last_check_on,
    checkDue: checkDue(state, r.last_check_on, today),
    updatedAt: r.updated_at,
  };
}

type Fields = Omit<ParsedInputOf<'workshops.save'>, 'id' | 'version'>;

function view(w: Fields | Workshop): Record<keyof typeof workshopFieldLabels, unknown> {
  return {
    name: w.name,
    creditCode: w.creditCode,
    form: w.form,
    kind: w.kind,
    villageId: w.villageId,
    legalPerson: w.legalPerson,
    products: w.products,
    recognitionNo: w.recognitionNo,
    recognizedOn: w.recognizedOn,
    insurer: w.insurer,
    insuranceFen: w.insuranceFen,
    insuranceUntil: w.insuranceUntil,
    note: w.note,
  };
}

function columns(f: Fields) {
  return {
    name: f.name,
    credit_code: f.creditCode,
    form: f.form,
    kind: f.kind,
    village_id: f.villageId,
    legal_person: f.legalPerson,
    products: f.products,
    recognition_no: f.recognitionNo,
    recognized_on: f.recognizedOn,
    insurer: f.insurer,
    insurance_fen: f.insuranceFen,
    insurance_until: f.insuranceUntil,
    note: f.note,
  };
}

export async function list(ctx: HandlerContext, input: ParsedInputOf<'workshops.list'>): Promise<OutputOf<'workshops.list'>> {
  const today = ctx.today();
  const rows = await repo.listWorkshops(ctx.db, input);
  const now = await repo.staffNow(ctx.db, today);
  return { today, workshops: rows.map((r) => toWorkshop(r, now.get(r.id) ?? 0, today)) };
}

async function requireWorkshop(ctx: HandlerContext, db: Parameters<typeof repo.findWorkshop>[0], id: string): Promise<repo.WorkshopRecord> {
  const w = await repo.findWorkshop(db, id);
  if (!w) throw new AppError('NOT_FOUND', '找不到该帮扶车间，可能已被删除，请刷新后重试');
  return w;
}

export async function get(ctx: HandlerContext, input: ParsedInputOf<'workshops.get'>): Promise<OutputOf<'workshops.get'>> {
  const today = ctx.today();
  const w = await requireWorkshop(ctx, ctx.db, input.id);
  const spells = await repo.staffSpells(ctx.db, [w.id]);
  const now = await repo.staffNow(ctx.db, today);
  const eligibility = (await eligibilityOf(ctx, [w], input.year)).get(w.id)!;
  const checks = await repo.checks(ctx.db, w.id);
  return {
    today,
    workshop: toWorkshop(w, now.get(w.id) ?? 0, today),
    staff: spells
      .map((s) => ({ ...toSpell(s, today), householdCode: s.household_code, householdKind: s.household_kind as HouseholdKind, villageName: s.village_name }))
      .sort((a, b) => Number(b.open) - Number(a.open) || b.startDate.localeCompare(a.startDate)),
    checks: checks.map((c) => ({ id: c.id, checkedOn: c.checked_on, state: c.state as WorkshopState, people: c.people, checker: c.checker, note: c.note })),
    eligibility,
  };
}

function checkDates(ctx: HandlerContext, f: Fields): void {
  const today = ctx.today();
  if (f.recognizedOn !== null && f.recognizedOn > today) {
    const msg = `认定日期不能晚于今天（${today}）；尚未认定请先留空`;
    throw new AppError('INVALID_INPUT', msg, { recognizedOn: msg });
  }
}

export function save(ctx: HandlerContext, input: ParsedInputOf<'workshops.save'>): Promise<Workshop> {
  const { id: givenId, version, ...fields } = input;
  checkDates(ctx, fields);
  return ctx.mutate(async (tx, audit) => {
    const today = ctx.today();
    const village = await tx.selectFrom('villages').select('name').where('id', '=', fields.villageId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!village) throw new AppError('INVALID_INPUT', '所选的村不存在，请重新选择', { villageId: '所选的村不存在，请重新选择' });
    if (fields.creditCode !== null) {
      const same = await repo.findByCreditCode(tx, fields.creditCode);
      if (same && same.id !== givenId) {
        const msg = `统一社会信用代码已登记在车间"${same.name}"，同一主体请勿重复登记`;
        throw new AppError('RULE', msg, { creditCode: msg });
      }
    }
    let id: string;
    if (givenId !== undefined) {
      const existing = await requireWorkshop(ctx, tx, givenId);
      const before = view(toWorkshop(existing, 0, today));
      const after = view(fields);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      id = existing.id;
      if (changed.length > 0) {
        await refuseStaleSave(tx, existing, version, ctx.clock.now(), changed.map((k) => ({ path: k, label: workshopFieldLabels[k] })));
        await repo.updateWorkshop(tx, id, { ...columns(fields), ...touched(ctx) });
        await audit.record({
          entity: 'workshop',
          entityId: id,
          summary: `修改帮扶车间"${fields.name}"：${changed.map((k) => workshopFieldLabels[k]).join('、')}`,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        });
      }
    } else {
      const meta = await newRowMeta(ctx);
      id = meta.id;
      await repo.insertWorkshop(tx, { ...meta, ...columns(fields), state: 'running' });
      await audit.record({
        entity: 'workshop',
        entityId: id,
        summary: `登记帮扶车间"${fields.name}"（${village.name}）${fields.recognitionNo ? `，认定文号 ${fields.recognitionNo}` : '，尚未认定'}`,
        before: null,
        after: view(fields),
      });
    }
    const now = await repo.staffNow(tx, today);
    return toWorkshop((await repo.findWorkshop(tx, id))!, now.get(id) ?? 0, today);
  });
}

export function recordCheck(ctx: HandlerContext, input: ParsedInputOf<'workshops.recordCheck'>): Promise<Workshop> {
  return ctx.mutate(async (tx, audit) => {
    const today = ctx.today();
    if (input.checkedOn > today) {
      const msg = `检查日期不能晚于今天（${today}）`;
      throw new AppError('INVALID_INPUT', msg, { checkedOn: msg });
    }
    const w = await requireWorkshop(ctx, tx, input.workshopId);
    if (w.state === 'cleared') throw new AppError('RULE', `车间"${w.name}"已清理，不再监测；如恢复运行，请重新登记认定`);
    await refuseStaleSave(tx, w, input.version, ctx.clock.now(), w.state !== input.state ? [{ path: 'state', label: '监测状态' }] : []);
    const meta = await newRowMeta(ctx);
    await repo.insertCheck(tx, { ...meta, workshop_id: w.id, checked_on: input.checkedOn, state: input.state, people: input.people, checker: input.checker, note: input.note });
    // The version rises with every check, so a form opened before it cannot save over it.
    await repo.updateWorkshop(tx, w.id, { state: input.state, ...touched(ctx) });
    const stateText = w.state === input.state ? `仍为"${workshopStateLabels[input.state]}"` : `由"${workshopStateLabels[w.state as WorkshopState]}"改为"${workshopStateLabels[input.state]}"`;
    await audit.record({
      entity: 'workshop',
      entityId: w.id,
      summary: `${input.checkedOn} 监测检查帮扶车间"${w.name}"（检查人 ${input.checker}）：状态${stateText}`,
      before: { state: w.state },
      after: { state: input.state, checkId: meta.id, people: input.people, note: input.note },
    });
    const now = await repo.staffNow(tx, today);
    return toWorkshop((await repo.findWorkshop(tx, w.id))!, now.get(w.id) ?? 0, today);
  });
}
