import { z } from 'zod';
import { assetClasses, assetEventKinds, assetStatuses, ownerLevels, planStatuses, planSteps } from '../domain/assets';
import { paymentListStatuses } from '../domain/payments';
import { channel } from './channel';
import { printResultSchema } from './print';
import { idSchema, isoDate, optionalText, paging, requiredText, versionSeen } from './fields';

// 项目资产 (issue 13 item 5): assets formed by a finished project, their append-only events
// (yearly income, upkeep, disposal) and the yearly 产业收益分配 plan, paid through a payment list.
// Money is integer fen.

const MAX_FEN = 100_000_000_000;
const fenField = (label: string, min: number) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(min, { error: min > 0 ? `${label}应大于 0 元` : `${label}不能为负数` })
    .max(MAX_FEN, { error: `${label}不能超过 10 亿元，请检查小数点` });
const year = z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' });
const valueSources = z.array(z.object({ sourceCode: z.string(), amountFen: z.number().int() }));

export const assetRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  assetCode: z.string(),
  name: z.string(),
  assetClass: z.enum(assetClasses),
  projectId: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  formedDate: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  quantity: z.string().nullable(),
  valueFen: z.number().int(),
  valueSources,
  ownerLevel: z.enum(ownerLevels),
  ownerName: z.string(),
  operator: z.string().nullable(),
  caretaker: z.string(),
  caretakerPerson: z.string(),
  status: z.enum(assetStatuses),
  /** Σ of the events of each kind, all years. */
  incomeFen: z.number().int(),
  upkeepFen: z.number().int(),
  disposalFen: z.number().int(),
});
export type AssetRow = z.infer<typeof assetRowSchema>;

export const assetEventSchema = z.object({
  id: z.string(),
  kind: z.enum(assetEventKinds),
  date: z.string(),
  year: z.number().int(),
  amountFen: z.number().int(),
  decision: z.string().nullable(),
  note: z.string().nullable(),
});

export const incomePlanSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(planStatuses),
  totalFen: z.number().int(),
  lines: z.array(z.object({ householdId: z.string(), householdCode: z.string(), memberId: z.string(), name: z.string(), basis: z.string(), amountFen: z.number().int() })),
  steps: z.array(z.object({ step: z.enum(planSteps), date: z.string(), people: z.array(z.string()), docNo: z.string().nullable(), noticeEnd: z.string().nullable() })),
  paymentListId: z.string().nullable(),
  paymentListStatus: z.enum(paymentListStatuses).nullable(),
});
export type IncomePlan = z.infer<typeof incomePlanSchema>;

export const assetDetailSchema = assetRowSchema.extend({ events: z.array(assetEventSchema), plans: z.array(incomePlanSchema) });
export type AssetDetail = z.infer<typeof assetDetailSchema>;

const people = z.array(requiredText('参加人员', 20)).min(1, { error: '请至少填写一位参加人员' });

export const assetsChannels = {
  'assets.list': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({
      assetClass: z.enum(assetClasses).nullable().default(null),
      status: z.enum(assetStatuses).nullable().default(null),
      villageId: z.string().nullable().default(null),
      search: z.string().max(60).default(''),
      ...paging,
    }),
    output: z.object({ total: z.number().int(), rows: z.array(assetRowSchema) }),
  }),
  'assets.get': channel({ access: 'signedIn', mutates: false, input: z.object({ id: idSchema }), output: assetDetailSchema }),
  /** An asset from a project that has reached 完工; Σ value by source equals the value. */
  'assets.create': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      projectId: idSchema,
      name: requiredText('资产名称', 60),
      assetClass: z.enum(assetClasses, { error: '请选择资产类别' }),
      formedDate: isoDate,
      villageId: z.string().nullable().default(null),
      quantity: optionalText('数量', 30),
      valueFen: fenField('资产原值', 0),
      valueSources: z.array(z.object({ sourceCode: requiredText('资金来源', 20), amountFen: fenField('来源金额', 1) })).min(1, { error: '请填写资产的资金来源' }),
      ownerLevel: z.enum(ownerLevels, { error: '请选择所有权人层级' }),
      ownerName: requiredText('所有权人', 60),
      operator: optionalText('经营主体', 60),
      caretaker: requiredText('管护主体', 60),
      caretakerPerson: requiredText('管护责任人', 20),
    }),
    output: assetDetailSchema,
  }),
  /** Who runs and looks after it, and 在用 / 闲置; 处置 is an event. */
  'assets.update': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      id: idSchema,
      version: versionSeen,
      ownerName: requiredText('所有权人', 60),
      operator: optionalText('经营主体', 60),
      caretaker: requiredText('管护主体', 60),
      caretakerPerson: requiredText('管护责任人', 20),
      status: z.enum(['inUse', 'idle'], { error: '请选择在用或闲置（处置请登记处置事项）' }),
    }),
    output: assetDetailSchema,
  }),
  /** 年度收益 / 管护支出 / 处置 (with the decision and proceeds); never edited. */
  'assets.addEvent': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      assetId: idSchema,
      kind: z.enum(assetEventKinds, { error: '请选择事项类别' }),
      date: isoDate,
      amountFen: fenField('金额', 0),
      decision: optionalText('处置决定（文号或会议）', 100),
      note: optionalText('说明', 200, 'multi'),
    }),
    output: assetDetailSchema,
  }),
  /** 村集体制定: a year's plan with one line per household (paid to its 户主). */
  'assets.createPlan': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      assetId: idSchema,
      year,
      title: requiredText('方案名称', 60),
      date: isoDate,
      people,
      lines: z
        .array(z.object({ memberId: idSchema, basis: requiredText('分配依据', 60), amountFen: fenField('分配金额', 1) }))
        .min(1, { error: '请至少添加一户分配对象' }),
    }),
    output: assetDetailSchema,
  }),
  /** 村民代表讨论 → 乡镇审核备案 → 村内公示, in order. */
  'assets.planStep': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      planId: idSchema,
      version: versionSeen,
      step: z.enum(planSteps, { error: '请选择步骤' }),
      date: isoDate,
      people,
      docNo: optionalText('文号', 40),
      noticeEnd: isoDate.nullable().default(null),
    }),
    output: assetDetailSchema,
  }),
  /** After 村内公示: the plan becomes a 收益分配 payment list (its lines, payee checks and bank). */
  'assets.payPlan': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({ planId: idSchema, version: versionSeen }),
    output: z.object({ listId: z.string() }),
  }),
  /** 资产公示 (id = the asset) or 收益分配公示 (id = the plan), with 12317 and the office phone. */
  'assets.printNotice': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ kind: z.enum(['assets.assetNotice', 'assets.incomeNotice'], { error: '请选择公示种类' }), id: idSchema }),
    output: printResultSchema,
  }),
};
