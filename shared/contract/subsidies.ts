import { z } from 'zod';
import { workAreas } from '../domain/employment';
import { subsidyKinds, subsidyStatuses, trainingKinds } from '../domain/subsidies';
import { channel } from './channel';
import { idSchema, isoDate, optionalText, paging, reason, requiredText, versionSeen } from './fields';

// 技能培训, 以工代赈 and 就业补贴申请 (issue 12 item 6): per-person records, applications with a
// review step, approved applications onto a 发放清册, and the monthly tables R2/R3. Money in fen.

function fen(label: string, min: number) {
  return z
    .number({ error: `请填写${label}（元）` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(min, { error: min > 0 ? `${label}应大于 0 元` : `${label}不能为负数` })
    .max(10_000_000, { error: `${label}不能超过 10 万元，请检查小数点` });
}
const year = z.number({ error: '请填写年度' }).int().min(2000, { error: '年度应为 4 位数字' }).max(2100, { error: '年度应为 4 位数字' });

export const trainingFields = {
  memberId: idSchema,
  kind: z.enum(trainingKinds, { error: '请选择培训类型' }),
  course: requiredText('培训项目（课程）', 60),
  provider: optionalText('培训机构', 60),
  startDate: isoDate,
  endDate: isoDate,
  hours: z.number({ error: '请填写培训课时' }).int({ error: '课时应为整数' }).min(1, { error: '课时至少 1 学时' }).max(2000, { error: '课时不能超过 2000 学时，请核对' }),
  certificate: optionalText('证书', 60),
  subsidyFen: fen('培训补贴', 0).default(0),
  note: optionalText('备注', 200, 'multi'),
};
export const trainingSaveSchema = z
  .object({ id: idSchema.optional(), version: versionSeen, ...trainingFields })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期，请核对' });

export const workReliefFields = {
  memberId: idSchema,
  project: requiredText('以工代赈项目', 60),
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
  days: z.number({ error: '请填写务工天数' }).int({ error: '天数应为整数' }).min(1, { error: '务工天数至少 1 天' }).max(366, { error: '务工天数不能超过 366 天' }),
  payFen: fen('劳务报酬', 0),
  paidOn: isoDate.nullable().default(null),
  note: optionalText('备注', 200, 'multi'),
};
export const workReliefSaveSchema = z
  .object({ id: idSchema.optional(), version: versionSeen, ...workReliefFields })
  .refine((v) => v.endDate === null || v.endDate >= v.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期，请核对' });

const person = {
  id: z.string(),
  version: z.number().int(),
  memberId: z.string(),
  memberName: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  villageName: z.string(),
};

export const trainingSchema = z.object({
  ...person,
  kind: z.enum(trainingKinds),
  course: z.string(),
  provider: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  hours: z.number().int(),
  certificate: z.string().nullable(),
  subsidyFen: z.number().int(),
  note: z.string().nullable(),
});
export type Training = z.infer<typeof trainingSchema>;

export const workReliefSchema = z.object({
  ...person,
  project: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  days: z.number().int(),
  payFen: z.number().int(),
  paidOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type WorkRelief = z.infer<typeof workReliefSchema>;

export const applicationSchema = z.object({
  ...person,
  kind: z.enum(subsidyKinds),
  year: z.number().int(),
  area: z.enum(workAreas).nullable(),
  basis: z.string(),
  materials: z.string().nullable(),
  amountFen: z.number().int(),
  appliedOn: z.string(),
  status: z.enum(subsidyStatuses),
  decidedOn: z.string().nullable(),
  refuseReason: z.string().nullable(),
  paymentListId: z.string().nullable(),
  paymentListTitle: z.string().nullable(),
  note: z.string().nullable(),
});
export type SubsidyApplication = z.infer<typeof applicationSchema>;

export const listFilter = z.object({ year: year.optional(), villageId: idSchema.optional() });

/** A column of a monthly table: integers, money in fen, or a fraction shown as %. */
export const tableColumnSchema = z.object({ key: z.string(), header: z.string(), kind: z.enum(['text', 'int', 'money', 'percent']) });
export const monthlyTableSchema = z.object({
  title: z.string(),
  columns: z.array(tableColumnSchema),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});
export type MonthlyTable = z.infer<typeof monthlyTableSchema>;

const written = z.object({ id: z.string(), measureNote: z.string().nullable() });
const page = <T extends z.ZodType>(row: T) => z.object({ total: z.number().int(), rows: z.array(row) });

export const subsidiesChannels = {
  'subsidies.trainings': channel({ access: 'signedIn', mutates: false, input: listFilter.extend(paging), output: page(trainingSchema) }),
  /** Records or corrects a training; a new one on a household with an open case ticks JY05. */
  'subsidies.saveTraining': channel({ access: ['admin', 'clerk'], mutates: true, input: trainingSaveSchema, output: written }),
  'subsidies.workRelief': channel({ access: 'signedIn', mutates: false, input: listFilter.extend(paging), output: page(workReliefSchema) }),
  /** Records or corrects 以工代赈 work; a new one on a household with an open case ticks JY04. */
  'subsidies.saveWorkRelief': channel({ access: ['admin', 'clerk'], mutates: true, input: workReliefSaveSchema, output: written }),
  'subsidies.applications': channel({
    access: 'signedIn',
    mutates: false,
    input: listFilter.extend({ kind: z.enum(subsidyKinds).optional(), status: z.enum(subsidyStatuses).optional(), ...paging }),
    output: page(applicationSchema),
  }),
  /** What a transport application would get today: eligible with the amount, or why not. */
  'subsidies.checkTransport': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ memberId: idSchema, year }),
    output: z.object({ eligible: z.boolean(), amountFen: z.number().int().nullable(), basis: z.string().nullable(), reason: z.string().nullable() }),
  }),
  /**
   * An application. A transport subsidy is checked against the person's spells and the year's
   * settings and its amount comes from the tier table; other kinds carry the amount typed.
   */
  'subsidies.apply': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      memberId: idSchema,
      kind: z.enum(subsidyKinds, { error: '请选择补贴类型' }),
      year,
      appliedOn: isoDate,
      amountFen: fen('补贴金额', 1).nullable().default(null),
      basis: optionalText('申请依据', 100),
      materials: optionalText('申报材料', 200, 'multi'),
      note: optionalText('备注', 200, 'multi'),
    }),
    output: applicationSchema,
  }),
  /** 审核: approve (a transport subsidy is checked again) or refuse with a reason. */
  'subsidies.decide': channel({
    access: ['admin', 'reviewer'],
    mutates: true,
    input: z
      .object({ id: idSchema, version: versionSeen, approve: z.boolean(), date: isoDate, reason: reason.optional() })
      .refine((v) => v.approve || v.reason !== undefined, { path: ['reason'], message: '不通过时请填写原因' }),
    output: applicationSchema,
  }),
  /** Puts every approved, not yet listed application of a kind and year onto a new draft 发放清册. */
  'subsidies.addToPaymentList': channel({
    access: ['admin', 'reviewer'],
    mutates: true,
    input: z.object({ kind: z.enum(subsidyKinds), year, villageId: idSchema.nullable().default(null) }),
    output: z.object({ listId: z.string(), lines: z.number().int(), measureNotes: z.array(z.string()) }),
  }),
  /** 月报 R2 务工就业 and R3 公益岗 (one row per village and 合计), R4 资金进度 (per source) and R5 项目进度 (per project) for a month (YYYY-MM). */
  'subsidies.monthlyTables': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份应为 年-月，例如 2026-03' }) }),
    output: z.object({ r2: monthlyTableSchema, r3: monthlyTableSchema, r4: monthlyTableSchema, r5: monthlyTableSchema }),
  }),
};
