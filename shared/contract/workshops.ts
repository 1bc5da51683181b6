import { z } from 'zod';
import { creditCodeProblem } from '../domain/creditCode';
import { householdKinds } from '../domain/household';
import { workshopForms, workshopStates, workshopTypes } from '../domain/workshops';
import { channel } from './channel';
import { spellSchema } from './employment';
import { idSchema, isoDate, optionalText, paging, requiredText, versionSeen } from './fields';

// 就业帮扶车间 (issue 12 item 5): the workshop record, its quarterly monitoring checks, its staff
// as job spells with channel 就业帮扶车间, the yearly reward eligibility and the 帮扶车间台账.
// Money is integer fen (forms type 元).

const year = z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' });

const creditCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/\s+/g, ''))
  .superRefine((s, ctx) => {
    if (s === '') return;
    const problem = creditCodeProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .default(null);

export const workshopFields = {
  name: requiredText('车间名称', 60),
  creditCode,
  form: z.enum(workshopForms, { error: '请选择经营形式' }),
  kind: z.enum(workshopTypes, { error: '请选择车间类型' }),
  villageId: idSchema,
  legalPerson: optionalText('法人代表', 20),
  products: optionalText('生产项目', 100),
  recognitionNo: optionalText('认定文号', 60),
  recognizedOn: isoDate.nullable().default(null),
  insurer: optionalText('意外险承保单位', 40),
  insuranceFen: z
    .number({ error: '意外险保费应为金额（元/人/月）' })
    .int({ error: '意外险保费最多保留两位小数（精确到分）' })
    .min(0, { error: '意外险保费不能为负数' })
    .max(100_000, { error: '意外险保费不能超过 1000 元/人/月，请检查小数点' })
    .nullable()
    .default(null),
  insuranceUntil: isoDate.nullable().default(null),
  note: optionalText('备注', 200, 'multi'),
};

export const workshopSaveSchema = z
  .object({ id: idSchema.optional(), version: versionSeen, ...workshopFields })
  .superRefine((v, ctx) => {
    if ((v.recognitionNo === null) !== (v.recognizedOn === null)) {
      const path = v.recognitionNo === null ? 'recognitionNo' : 'recognizedOn';
      ctx.addIssue({ code: 'custom', path: [path], message: '认定文号和认定日期请一起填写（尚未认定则都留空）' });
    }
  });
export type WorkshopSaveInput = z.input<typeof workshopSaveSchema>;

export const workshopSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  form: z.enum(workshopForms),
  kind: z.enum(workshopTypes),
  villageId: z.string(),
  villageName: z.string(),
  legalPerson: z.string().nullable(),
  products: z.string().nullable(),
  recognitionNo: z.string().nullable(),
  recognizedOn: z.string().nullable(),
  insurer: z.string().nullable(),
  insuranceFen: z.number().int().nullable(),
  insuranceUntil: z.string().nullable(),
  state: z.enum(workshopStates),
  note: z.string().nullable(),
  /** People with an open spell at the workshop today. */
  staffNow: z.number().int(),
  lastCheckOn: z.string().nullable(),
  /** No monitoring check on record for this quarter yet. */
  checkDue: z.boolean(),
  updatedAt: z.string(),
});
export type Workshop = z.infer<typeof workshopSchema>;

export const workshopFieldLabels: Readonly<Record<keyof typeof workshopFields, string>> = {
  name: '车间名称',
  creditCode: '统一社会信用代码',
  form: '经营形式',
  kind: '车间类型',
  villageId: '所在村',
  legalPerson: '法人代表',
  products: '生产项目',
  recognitionNo: '认定文号',
  recognizedOn: '认定日期',
  insurer: '意外险承保单位',
  insuranceFen: '意外险保费',
  insuranceUntil: '意外险到期日',
  note: '备注',
};

export const workshopCheckSchema = z.object({
  id: z.string(),
  checkedOn: z.string(),
  state: z.enum(workshopStates),
  people: z.number().int().nullable(),
  checker: z.string(),
  note: z.string().nullable(),
});

export const staffRowSchema = spellSchema.extend({ householdCode: z.string(), householdKind: z.enum(householdKinds), villageName: z.string() });
export type StaffRow = z.infer<typeof staffRowSchema>;

export const personEligibilitySchema = z.object({
  memberId: z.string(),
  name: z.string(),
  householdKind: z.enum(householdKinds),
  months: z.number().int(),
  averageWageFen: z.number().int(),
  counted: z.boolean(),
  stable: z.boolean(),
  reason: z.string(),
});

export const eligibilitySchema = z.object({
  year: z.number().int(),
  qualifies: z.boolean(),
  blocker: z.string().nullable(),
  people: z.array(personEligibilitySchema),
  countedPeople: z.number().int(),
  tierMinPeople: z.number().int().nullable(),
  tierRewardFen: z.number().int(),
  stablePeople: z.number().int(),
  stableRewardFen: z.number().int(),
  totalFen: z.number().int(),
  /** Whether the year's settings were saved or are the program's defaults. */
  settingsSource: z.enum(['saved', 'default']),
  /** The rule in one sentence, from the settings used. */
  rule: z.string(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const workshopLedgerRowSchema = z.object({
  id: z.string(),
  villageName: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  form: z.enum(workshopForms),
  kind: z.enum(workshopTypes),
  recognitionNo: z.string().nullable(),
  recognizedOn: z.string().nullable(),
  state: z.enum(workshopStates),
  lastCheckOn: z.string().nullable(),
  insuranceUntil: z.string().nullable(),
  /** People with a spell at the workshop in the year, and those of them from 脱贫户. */
  staffInYear: z.number().int(),
  povertyStaff: z.number().int(),
  countedPeople: z.number().int(),
  stablePeople: z.number().int(),
  rewardFen: z.number().int(),
});
export type WorkshopLedgerRow = z.infer<typeof workshopLedgerRowSchema>;

export const workshopLedgerFilter = z.object({
  year,
  villageId: idSchema.optional(),
  state: z.enum(workshopStates).optional(),
});

export const workshopsChannels = {
  /** Every workshop, by village and name, with today's staff and whether this quarter's check is due. */
  'workshops.list': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ villageId: idSchema.optional() }),
    output: z.object({ today: z.string(), workshops: z.array(workshopSchema) }),
  }),
  /** One workshop with its staff, its checks (newest first) and the year's reward eligibility. */
  'workshops.get': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ id: idSchema, year }),
    output: z.object({
      today: z.string(),
      workshop: workshopSchema,
      staff: z.array(staffRowSchema),
      checks: z.array(workshopCheckSchema),
      eligibility: eligibilitySchema,
    }),
  }),
  /** Creates or corrects a workshop (with the version the form loaded). */
  'workshops.save': channel({ access: ['admin', 'clerk'], mutates: true, input: workshopSaveSchema, output: workshopSchema }),
  /** 季度监测: records a check and sets the workshop's state from it. */
  'workshops.recordCheck': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      workshopId: idSchema,
      version: versionSeen,
      checkedOn: isoDate,
      state: z.enum(workshopStates, { error: '请选择检查后的监测状态' }),
      people: z.number({ error: '在岗人数应为整数' }).int({ error: '在岗人数应为整数' }).min(0, { error: '在岗人数不能为负数' }).max(10_000).nullable().default(null),
      checker: requiredText('检查人', 40),
      note: optionalText('检查情况', 200, 'multi'),
    }),
    output: workshopSchema,
  }),
  /** Adds a person to the roster: a job spell with channel 就业帮扶车间 linked to the workshop. */
  'workshops.addStaff': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      workshopId: idSchema,
      memberId: idSchema,
      startDate: isoDate,
      endDate: isoDate.nullable().default(null),
      monthlyIncomeFen: z
        .number({ error: '请填写月工资（元）' })
        .int({ error: '月工资最多保留两位小数（精确到分）' })
        .min(0, { error: '月工资不能为负数' })
        .max(10_000_000, { error: '月工资不能超过 10 万元，请检查小数点' }),
      job: optionalText('岗位/工种', 30),
      note: optionalText('备注', 200, 'multi'),
    }),
    output: z.object({ spell: spellSchema, measureNote: z.string().nullable() }),
  }),
  /** 帮扶车间台账: one row per workshop with the year's people and reward. */
  'workshops.ledger': channel({
    access: 'signedIn',
    mutates: false,
    input: workshopLedgerFilter.extend(paging),
    output: z.object({ total: z.number().int(), rows: z.array(workshopLedgerRowSchema) }),
  }),
};
