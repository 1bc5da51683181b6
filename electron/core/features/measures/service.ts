import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import {
  measureEditableCaseStatuses,
  measureEditFieldLabels,
  measureFamilyLabels,
  type Measure,
  type MeasureFamily,
  type MeasureType,
} from '../../../../shared/contract/measures';
import { riskCoverage } from '../../../../shared/domain/coverage';
import {
  caseStatusLabels,
  measureStatusLabels,
  riskTypeLabels,
  riskTypes as riskTypeOrder,
  type CaseStatus,
  type MeasureStatus,
  type RiskType,
} from '../../../../shared/domain/monitoring';
import { AppError } from '../../../../shared/lib/result';
import type { Kysely, Transaction } from 'kysely';
import type { HandlerContext } from '../../context';
import type { DB } from '../../db/schema';
import { newRowMeta, touched } from '../../rows';
import { refuseStaleSave } from '../../staleSave';
import { ensureMeasureCatalog } from './catalog';
import * as repo from './repository';
import type { CaseFacts, MeasureRecord, MeasureTypeRecord } from './repository';

// 帮扶措施 (DOMAIN §10): the catalog and each case's plan. Every open risk needs a matching
// measure (coverage, shown per risk); measures move 计划中 → 落实中 → 已落实 or are cancelled with
// a reason; a plan is only changed while the case is 识别中 or 监测中.

const familyPrefix: Record<MeasureFamily, string> = {
  industry: 'CY',
  employment: 'JY',
  finance: 'JR',
  health: 'JK',
  education: 'JX',
  socialSecurity: 'ZB',
  housing: 'ZF',
  drinkingWater: 'YS',
  aspiration: 'FZ',
  pairing: 'JD',
  social: 'SH',
  livingConditions: 'SS',
  other: 'QT',
};

type Db = Kysely<DB> | Transaction<DB>;

const CANCEL_MARK = '【取消原因】';

function parseRisks(json: string): RiskType[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((r): r is RiskType => (riskTypeOrder as readonly string[]).includes(r as string)) : [];
}

const measureTypeFieldLabels = { family: '措施类别', name: '措施名称', riskTypes: '对应风险', hasAmount: '涉及金额', active: '启用' } as const;

function sortRisks(risks: Iterable<string>): RiskType[] {
  const set = new Set(risks);
  return riskTypeOrder.filter((r) => set.has(r));
}

function riskNames(risks: readonly RiskType[]): string {
  return risks.map((r) => riskTypeLabels[r]).join('、');
}

export function toMeasureType(r: MeasureTypeRecord): MeasureType {
  return {
    code: r.code,
    family: r.family as MeasureFamily,
    name: r.name,
    riskTypes: parseRisks(r.risk_types),
    hasAmount: r.has_amount === 1,
    sortOrder: r.sort_order,
    version: r.version,
    active: r.active === 1,
    usedCount: r.used_count,
  };
}

/** The note as the clerk wrote it, and the cancel reason stored after it. */
function splitNote(note: string | null): { note: string | null; cancelReason: string | null } {
  if (note === null) return { note: null, cancelReason: null };
  const at = note.lastIndexOf(CANCEL_MARK);
  if (at < 0) return { note, cancelReason: null };
  const own = note.slice(0, at).replace(/\n$/, '');
  return { note: own === '' ? null : own, cancelReason: note.slice(at + CANCEL_MARK.length) };
}

export function toMeasure(r: MeasureRecord): Measure {
  const { note, cancelReason } = splitNote(r.note);
  return {
    id: r.id,
    caseId: r.case_id,
    householdId: r.household_id,
    measureTypeCode: r.measure_type_code,
    typeName: r.type_name ?? r.measure_type_code,
    family: (r.type_family ?? 'other') as MeasureFamily,
    hasAmount: r.type_has_amount === 1,
    riskTypes: parseRisks(r.risk_types),
    responsibleUnit: r.responsible_unit,
    helperName: r.helper_name,
    plannedDate: r.planned_date,
    doneDate: r.done_date,
    status: r.status as MeasureStatus,
    amountFen: r.amount_fen,
    note,
    cancelReason,
    createdAt: r.created_at,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** What the audit log shows of a measure. */
function measureView(m: Measure) {
  return {
    measureTypeCode: m.measureTypeCode,
    riskTypes: m.riskTypes,
    responsibleUnit: m.responsibleUnit,
    helperName: m.helperName,
    plannedDate: m.plannedDate,
    doneDate: m.doneDate,
    status: m.status,
    amountFen: m.amountFen,
    note: m.note,
    cancelReason: m.cancelReason,
  };
}

function typeView(t: MeasureType) {
  return { code: t.code, family: t.family, name: t.name, riskTypes: t.riskTypes, hasAmount: t.hasAmount, active: t.active };
}

function isEditableCase(status: string): boolean {
  return (measureEditableCaseStatuses as readonly string[]).includes(status);
}

function requireEditableCase(c: CaseFacts): void {
  if (!isEditableCase(c.status)) {
    const label = caseStatusLabels[c.status as CaseStatus] ?? c.status;
    throw new AppError('RULE', `该监测对象状态为"${label}"，帮扶措施已不能增改；如风险返回，请先办理回退`);
  }
}

async function requireCase(ctx: HandlerContext, caseId: string): Promise<CaseFacts> {
  const c = await repo.findCase(ctx.db, caseId);
  if (!c) throw new AppError('NOT_FOUND', '找不到该监测对象，可能已被删除，请刷新后重试');
  return c;
}

async function requireActiveType(db: Db, code: string): Promise<MeasureType> {
  const t = await repo.findType(db, code.toUpperCase());
  if (!t) throw new AppError('INVALID_INPUT', `措施目录中没有代码为"${code}"的措施，请从目录中选择`, { measureTypeCode: '请从措施目录中选择' });
  if (t.active !== 1) {
    throw new AppError('RULE', `措施"${t.name}"已在目录中停用，请选择其他措施；如需使用请管理员在措施目录中启用`, {
      measureTypeCode: '该措施已停用',
    });
  }
  return toMeasureType(t);
}

/**
 * The case's open risks this measure answers: the given ones (each must be open), or by default
 * the type's risks that are open on the case. Refused when the result is empty.
 */
function resolveRisks(type: MeasureType, given: readonly RiskType[] | undefined, open: readonly RiskType[]): RiskType[] {
  if (open.length === 0) {
    throw new AppError('RULE', '该监测对象尚未登记风险类型，请先在监测对象页面登记风险，再制定帮扶措施');
  }
  if (given !== undefined) {
    if (given.length === 0) throw new AppError('INVALID_INPUT', '请至少选择一种该措施解决的风险', { riskTypes: '请至少选择一种风险类型' });
    const notOpen = given.filter((r) => !open.includes(r));
    if (notOpen.length > 0) {
      throw new AppError('RULE', `"${riskNames(notOpen)}"不是该户当前的风险（当前风险：${riskNames(open)}），请重新选择`, {
        riskTypes: '只能选择该户当前的风险',
      });
    }
    return sortRisks(given);
  }
  const matched = sortRisks(type.riskTypes.filter((r) => open.includes(r)));
  if (matched.length === 0) {
    throw new AppError(
      'RULE',
      `措施"${type.name}"针对的是${riskNames(type.riskTypes)}，与该户当前的风险（${riskNames(open)}）不对应。请选择对应的措施（缺什么补什么），或指定它解决的风险`,
      { measureTypeCode: '与该户当前风险不对应' },
    );
  }
  return matched;
}

function checkAmount(type: MeasureType, amountFen: number | null | undefined): void {
  if (amountFen != null && !type.hasAmount) {
    throw new AppError('INVALID_INPUT', `措施"${type.name}"不涉及资金，不填金额`, { amountFen: '该措施不涉及资金，请清空金额' });
  }
}

// ---------------------------------------------------------------------------------------------
// Catalog

export async function catalog(ctx: HandlerContext): Promise<OutputOf<'measures.catalog'>> {
  await ensureMeasureCatalog(ctx);
  return { types: (await repo.listTypes(ctx.db)).map(toMeasureType) };
}

export async function saveType(ctx: HandlerContext, input: ParsedInputOf<'measures.saveType'>): Promise<MeasureType> {
  await ensureMeasureCatalog(ctx);
  const code = await ctx.mutate(async (tx, audit) => {
    const existing = input.code === undefined ? undefined : await repo.findType(tx, input.code.toUpperCase());
    const risks = sortRisks(input.riskTypes);
    if (existing) {
      const before = toMeasureType(existing);
      const asked = { family: input.family, name: input.name, riskTypes: risks, hasAmount: input.hasAmount, active: input.active };
      const differing = (Object.keys(asked) as (keyof typeof asked)[])
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(asked[k]))
        .map((k) => ({ path: k, label: measureTypeFieldLabels[k] }));
      if (differing.length > 0) await refuseStaleSave(tx, existing, input.version, ctx.clock.now(), differing);
      await tx
        .updateTable('measure_types')
        .set({
          family: input.family,
          name: input.name,
          risk_types: JSON.stringify(risks),
          has_amount: input.hasAmount ? 1 : 0,
          active: input.active ? 1 : 0,
          ...touched(ctx),
        })
        .where('id', '=', existing.id)
        .execute();
      const after = toMeasureType((await repo.findType(tx, existing.code))!);
      const what = before.active !== after.active ? (after.active ? '启用' : '停用') : '修改';
      await audit.record({
        entity: 'measureType',
        entityId: existing.id,
        summary: `${what}帮扶措施目录项：${after.code} ${after.name}`,
        before: typeView(before),
        after: typeView(after),
      });
      return existing.code;
    }
    const all = await repo.typeCodes(tx);
    let newCode = input.code?.toUpperCase();
    if (newCode === undefined) {
      const prefix = familyPrefix[input.family];
      const used = all
        .map((t) => t.code)
        .filter((c) => c.startsWith(prefix))
        .map((c) => Number(c.slice(prefix.length)))
        .filter((n) => Number.isInteger(n));
      newCode = `${prefix}${String(Math.max(0, ...used) + 1).padStart(2, '0')}`;
    }
    const sortOrder = Math.max(0, ...all.map((t) => t.sort_order)) + 10;
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('measure_types')
      .values({
        ...meta,
        code: newCode,
        family: input.family,
        name: input.name,
        risk_types: JSON.stringify(risks),
        has_amount: input.hasAmount ? 1 : 0,
        sort_order: sortOrder,
        active: input.active ? 1 : 0,
      })
      .execute();
    const created = toMeasureType((await repo.findType(tx, newCode))!);
    await audit.record({
      entity: 'measureType',
      entityId: meta.id,
      summary: `新增帮扶措施目录项：${created.code} ${created.name}（${measureFamilyLabels[created.family]}）`,
      before: null,
      after: typeView(created),
    });
    return newCode;
  });
  return toMeasureType((await repo.findType(ctx.db, code))!);
}

// ---------------------------------------------------------------------------------------------
// A case's plan

export async function forCase(ctx: HandlerContext, input: ParsedInputOf<'measures.forCase'>): Promise<OutputOf<'measures.forCase'>> {
  await ensureMeasureCatalog(ctx);
  const c = await requireCase(ctx, input.caseId);
  const openRisks = sortRisks(await repo.openRisksOf(ctx.db, c.id));
  const measures = (await repo.measuresOfCase(ctx.db, c.id)).map(toMeasure);
  const coverage = riskCoverage(openRisks, measures);
  const planOverdue =
    c.status === 'monitoring' && c.plan_due_date !== null && ctx.today() > c.plan_due_date && coverage.some((r) => !r.covered);
  return {
    caseId: c.id,
    householdId: c.household_id,
    caseStatus: c.status as CaseStatus,
    editable: isEditableCase(c.status),
    openRisks,
    defaultHelperName: c.helper_name ?? c.household_helper_name,
    planDueDate: c.plan_due_date,
    planOverdue,
    measures,
    coverage,
  };
}

export async function create(ctx: HandlerContext, input: ParsedInputOf<'measures.create'>): Promise<Measure> {
  await ensureMeasureCatalog(ctx);
  const id = await ctx.mutate(async (tx, audit) => {
    const c = await repo.findCase(tx, input.caseId);
    if (!c) throw new AppError('NOT_FOUND', '找不到该监测对象，可能已被删除，请刷新后重试');
    requireEditableCase(c);
    const type = await requireActiveType(tx, input.measureTypeCode);
    const open = sortRisks(await repo.openRisksOf(tx, c.id));
    const risks = resolveRisks(type, input.riskTypes, open);
    checkAmount(type, input.amountFen);
    const meta = await newRowMeta(ctx);
    await tx
      .insertInto('measures')
      .values({
        ...meta,
        case_id: c.id,
        household_id: c.household_id,
        measure_type_code: type.code,
        risk_types: JSON.stringify(risks),
        responsible_unit: input.responsibleUnit,
        helper_name: input.helperName ?? c.helper_name ?? c.household_helper_name,
        planned_date: input.plannedDate,
        done_date: null,
        status: 'planned',
        amount_fen: input.amountFen ?? null,
        note: input.note,
      })
      .execute();
    const created = toMeasure((await repo.findMeasure(tx, meta.id))!);
    await audit.record({
      entity: 'measure',
      entityId: meta.id,
      summary: `为${c.head_name}户（${c.case_code}）制定帮扶措施：${type.name}（解决${riskNames(risks)}）`,
      before: null,
      after: measureView(created),
    });
    return meta.id;
  });
  return toMeasure((await repo.findMeasure(ctx.db, id))!);
}

const forward: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  planned: ['inProgress', 'done', 'cancelled'],
  inProgress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export async function update(ctx: HandlerContext, input: ParsedInputOf<'measures.update'>): Promise<Measure> {
  await ensureMeasureCatalog(ctx);
  await ctx.mutate(async (tx, audit) => {
    const record = await repo.findMeasure(tx, input.id);
    if (!record) throw new AppError('NOT_FOUND', '找不到该帮扶措施，可能已被删除，请刷新后重试');
    const before = toMeasure(record);
    const c = await repo.findCase(tx, record.case_id);
    if (!c) throw new AppError('NOT_FOUND', '找不到该措施所属的监测对象，请刷新后重试');
    requireEditableCase(c);
    // A stale form is told who changed the measure before any rule about its current state.
    const differing = (Object.keys(measureEditFieldLabels) as (keyof typeof measureEditFieldLabels)[])
      .filter((k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(before[k]))
      .map((k) => ({ path: k, label: measureEditFieldLabels[k] }));
    if (differing.length > 0) await refuseStaleSave(tx, record, input.version, ctx.clock.now(), differing);
    if (before.status === 'cancelled') throw new AppError('RULE', '该措施已取消，不能再修改；如需要请重新添加一条措施');

    const target = input.status ?? before.status;
    if (target !== before.status && !forward[before.status].includes(target)) {
      throw new AppError(
        'RULE',
        `措施状态不能从"${measureStatusLabels[before.status]}"改为"${measureStatusLabels[target]}"（只能 计划中 → 落实中 → 已落实，或取消）`,
        { status: '不能这样改状态' },
      );
    }
    if (before.status === 'done') {
      const locked = (['measureTypeCode', 'riskTypes', 'responsibleUnit', 'helperName', 'plannedDate'] as const).filter(
        (k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(before[k]),
      );
      if (locked.length > 0) {
        throw new AppError('RULE', '已落实的措施只能修改落实日期、金额和备注', Object.fromEntries(locked.map((k) => [k, '已落实的措施不能修改此项'])));
      }
    }
    if (input.doneDate !== undefined && target !== 'done') {
      throw new AppError('INVALID_INPUT', '只有标记为已落实时才填写落实日期', { doneDate: '未落实的措施不填落实日期' });
    }
    const doneDate = target === 'done' ? (input.doneDate ?? before.doneDate) : null;
    if (doneDate !== null && doneDate > ctx.today()) {
      throw new AppError('INVALID_INPUT', `落实日期不能晚于今天（${ctx.today()}）`, { doneDate: '不能晚于今天' });
    }

    let type: MeasureType;
    if (input.measureTypeCode !== undefined && input.measureTypeCode.toUpperCase() !== before.measureTypeCode) {
      type = await requireActiveType(tx, input.measureTypeCode);
    } else {
      const current = await repo.findType(tx, before.measureTypeCode);
      type = current
        ? toMeasureType(current)
        : { code: before.measureTypeCode, family: before.family, name: before.typeName, riskTypes: [], hasAmount: before.hasAmount, sortOrder: 0, active: false, usedCount: 0, version: 1 };
    }
    let risks = before.riskTypes;
    const typeChanged = type.code !== before.measureTypeCode;
    if (input.riskTypes !== undefined || typeChanged) {
      const open = sortRisks(await repo.openRisksOf(tx, c.id));
      risks = resolveRisks(type, input.riskTypes, open);
    }
    let amountFen = input.amountFen === undefined ? before.amountFen : input.amountFen;
    if (input.amountFen !== undefined) checkAmount(type, input.amountFen);
    if (!type.hasAmount) amountFen = null;

    const note = input.note === undefined ? before.note : input.note;
    const cancelReason = target === 'cancelled' ? (input.cancelReason ?? null) : null;
    const storedNote = cancelReason === null ? note : `${note === null ? '' : `${note}\n`}${CANCEL_MARK}${cancelReason}`;

    await tx
      .updateTable('measures')
      .set({
        measure_type_code: type.code,
        risk_types: JSON.stringify(risks),
        responsible_unit: input.responsibleUnit ?? before.responsibleUnit,
        helper_name: input.helperName === undefined ? before.helperName : input.helperName,
        planned_date: input.plannedDate ?? before.plannedDate,
        done_date: doneDate,
        status: target,
        amount_fen: amountFen,
        note: storedNote,
        ...touched(ctx),
      })
      .where('id', '=', record.id)
      .execute();
    const after = toMeasure((await repo.findMeasure(tx, record.id))!);
    const what =
      target !== before.status
        ? target === 'cancelled'
          ? `取消帮扶措施（${cancelReason ?? ''}）`
          : `帮扶措施改为${measureStatusLabels[target]}${target === 'done' ? `（${doneDate ?? ''}）` : ''}`
        : '修改帮扶措施';
    await audit.record({
      entity: 'measure',
      entityId: record.id,
      summary: `${c.head_name}户（${c.case_code}）${what}：${after.typeName}`,
      before: measureView(before),
      after: measureView(after),
    });
  });
  return toMeasure((await repo.findMeasure(ctx.db, input.id))!);
}
