import { z } from 'zod';
import { agreementTypes, appointmentStatuses, grades, hiringSteps } from '../domain/posts';
import { channel } from './channel';
import { jobStartedSchema } from './jobs';
import { idSchema, isoDate, optionalText, requiredText, versionSeen, versionSeenOrNone } from './fields';

// 公益性岗位 (issue 12 item 3): posts, the hiring steps per candidate, 退岗, the yearly settings
// and the village's monthly attendance grid. Money is integer fen (forms type 元).

const month = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 年-月，例如 2026-03' });
export const monthField = month;

function int(label: string, min: number, max: number, unit: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能少于 ${min} ${unit}` })
    .max(max, { error: `${label}不能超过 ${max} ${unit}` });
}
const fen = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(1, { error: `${label}应大于 0 元` })
    .max(1_000_000, { error: `${label}不能超过 10000 元/月，请检查小数点` });

export const postSettingsSchema = z.object({
  year: int('年度', 2000, 2100, '年'),
  minAge: int('最低年龄', 14, 30, '周岁'),
  maxAgeMale: int('男性年龄上限', 40, 80, '周岁'),
  maxAgeFemale: int('女性年龄上限', 40, 80, '周岁'),
  warnAge: int('提醒年龄', 50, 90, '周岁'),
  noticeDays: int('拟聘公示天数', 1, 30, '天'),
  maxTermMonths: int('协议最长期限', 1, 12, '个月'),
});
export const postSettingsRowSchema = postSettingsSchema.extend({ id: z.string(), version: z.number().int() });

export const catalogSchema = z.object({
  postTypes: z.array(z.string()),
  categories: z.array(z.string()),
  fundings: z.array(z.string()),
  purposes: z.array(z.string()),
  leaveReasons: z.array(z.string()),
  banks: z.array(z.string()),
});

export const postInputSchema = z.object({
  id: z.string().optional(),
  version: versionSeen,
  villageId: idSchema,
  name: requiredText('岗位名称', 30),
  postType: requiredText('岗位类型', 20),
  category: requiredText('岗位类别', 10),
  funding: requiredText('资金渠道', 20),
  employer: optionalText('用人单位', 40),
  subsidyFen: fen('补贴标准'),
  minDays: int('最低出勤天数', 0, 31, '天'),
  places: int('岗位数', 1, 200, '个'),
  active: z.boolean().default(true),
});

export const postSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  villageId: z.string(),
  villageName: z.string(),
  name: z.string(),
  postType: z.string(),
  category: z.string(),
  funding: z.string(),
  employer: z.string().nullable(),
  subsidyFen: z.number().int(),
  minDays: z.number().int(),
  places: z.number().int(),
  active: z.boolean(),
  announcedOn: z.string().nullable(),
  announceNote: z.string().nullable(),
  /** Candidates and holders (applied … on duty). */
  holding: z.number().int(),
  onDuty: z.number().int(),
});
export type Post = z.infer<typeof postSchema>;

export const appointmentStepSchema = z.object({
  step: z.enum(hiringSteps),
  date: z.string(),
  outcome: z.enum(['passed', 'rejected']),
  people: z.array(z.string()),
  note: z.string().nullable(),
});

export const appointmentSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  postId: z.string(),
  postName: z.string(),
  villageName: z.string(),
  memberId: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  name: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  age: z.number().int(),
  status: z.enum(appointmentStatuses),
  agreementType: z.enum(agreementTypes).nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  subsidyFen: z.number().int().nullable(),
  leftDate: z.string().nullable(),
  leftReason: z.string().nullable(),
  noticeStart: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  steps: z.array(appointmentStepSchema),
});
export type Appointment = z.infer<typeof appointmentSchema>;

const people = z
  .array(requiredText('经办人姓名', 20))
  .min(1, { error: '请填写经办人或参加评议的人员姓名' })
  .max(30, { error: '人员最多填写 30 人' });

export const recordHiringStepSchema = z
  .object({
    id: idSchema,
    version: versionSeen,
    step: z.enum(hiringSteps, { error: '请选择要办理的步骤' }).exclude(['apply']),
    date: isoDate,
    outcome: z.enum(['passed', 'rejected']).default('passed'),
    people,
    note: optionalText('备注', 200, 'multi'),
    noticeStart: isoDate.optional(),
    noticeEnd: isoDate.optional(),
    agreementType: z.enum(agreementTypes).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    subsidyFen: fen('协议补贴标准').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.step === 'notice' && v.outcome === 'passed') {
      if (!v.noticeStart) ctx.addIssue({ code: 'custom', path: ['noticeStart'], message: '请填写公示开始日期' });
      if (!v.noticeEnd) ctx.addIssue({ code: 'custom', path: ['noticeEnd'], message: '请填写公示结束日期' });
    }
    if (v.step === 'sign' && v.outcome === 'passed') {
      if (!v.agreementType) ctx.addIssue({ code: 'custom', path: ['agreementType'], message: '请选择协议类型（劳动合同或劳务协议）' });
      if (!v.startDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: '请填写协议开始日期' });
      if (!v.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '请填写协议结束日期' });
    }
  });

export const monthRowInputSchema = z.object({
  appointmentId: idSchema,
  days: int('出勤天数', 0, 31, '天'),
  grade: z.enum(grades, { error: '请选择考核结果（优秀、合格或不合格）' }),
  adjustFen: z
    .number({ error: '扣发或奖励金额应为数字' })
    .int({ error: '扣发或奖励金额最多保留两位小数' })
    .min(-1_000_000)
    .max(1_000_000)
    .default(0),
  adjustReason: optionalText('扣发或奖励原因', 60),
});

export const monthRowSchema = z.object({
  appointmentId: z.string(),
  postName: z.string(),
  postType: z.string(),
  name: z.string(),
  householdCode: z.string(),
  subsidyFen: z.number().int(),
  minDays: z.number().int(),
  recorded: z.boolean(),
  days: z.number().int(),
  grade: z.enum(grades),
  adjustFen: z.number().int(),
  adjustReason: z.string().nullable(),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
  /** Already on a payment list: the row is locked. */
  paymentListId: z.string().nullable(),
});
export type MonthRow = z.infer<typeof monthRowSchema>;

export const warningsSchema = z.object({ id: z.string(), warnings: z.array(z.string()) });

export const postsChannels = {
  'posts.catalog': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: catalogSchema }),
  /** The saved years, newest first, and the one in force today. */
  'posts.settings': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({ saved: z.array(postSettingsRowSchema), inForce: postSettingsSchema.extend({ source: z.enum(['saved', 'default']) }) }),
  }),
  'posts.saveSettings': channel({
    access: ['admin'],
    mutates: true,
    input: postSettingsSchema.extend({ version: versionSeenOrNone }),
    output: postSettingsRowSchema,
  }),
  'posts.list': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ villageId: z.string().optional() }),
    output: z.array(postSchema),
  }),
  'posts.save': channel({ access: 'signedIn', mutates: true, input: postInputSchema, output: z.object({ id: z.string() }) }),
  /** 公告: the vacancy (conditions, places, pay) is announced; candidates may apply from then on. */
  'posts.announce': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema, date: isoDate, note: optionalText('公告内容', 200, 'multi') }),
    output: z.object({ id: z.string() }),
  }),
  'posts.appointments': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ postId: z.string().optional(), villageId: z.string().optional(), status: z.enum(appointmentStatuses).optional() }),
    output: z.array(appointmentSchema),
  }),
  /** Current members of active households in the village whose name or ID contains `q`. */
  'posts.candidates': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ villageId: idSchema, q: z.string().trim().max(30).default('') }),
    output: z.array(z.object({ memberId: z.string(), name: z.string(), householdCode: z.string(), age: z.number().int(), sex: z.string() })),
  }),
  /** 本人申报: opens an appointment; refused outside the age limits, warned at 70+. */
  'posts.apply': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ postId: idSchema, memberId: idSchema, date: isoDate, note: optionalText('备注', 200, 'multi') }),
    output: warningsSchema,
  }),
  'posts.recordStep': channel({ access: 'signedIn', mutates: true, input: recordHiringStepSchema, output: warningsSchema }),
  /** 退岗 with date and reason; months after it are no longer paid. */
  'posts.leave': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      id: idSchema,
      version: versionSeen,
      date: isoDate,
      reason: requiredText('退岗原因', 20),
      note: optionalText('说明', 200, 'multi'),
    }),
    output: z.object({ id: z.string() }),
  }),
  'posts.monthGrid': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ villageId: idSchema, month }),
    output: z.object({ month: z.string(), daysInMonth: z.number().int(), rows: z.array(monthRowSchema) }),
  }),
  'posts.saveMonth': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ villageId: idSchema, month, rows: z.array(monthRowInputSchema).max(2000) }),
    output: z.object({ saved: z.number().int() }),
  }),
  /** A month's recorded attendance → one 公益岗补贴 payment list (draft). */
  'posts.makePaymentList': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ villageId: idSchema, month }),
    output: z.object({ listId: z.string(), lines: z.number().int() }),
  }),
  /** 拟聘名单公示: the village's candidates at the 公示 step, one notice (a print job). */
  // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
  'posts.printNotice': channel({ access: 'signedIn', mutates: true, ownTransaction: true, input: z.object({ villageId: idSchema }), output: jobStartedSchema }),
};
