import { z } from 'zod';
import { jobChannels, spellSources, workAreas } from '../domain/employment';
import { householdKinds } from '../domain/household';
import { channel } from './channel';
import { idSchema, isoDate, optionalText, paging, requiredText, versionSeen, versionSeenOrNone } from './fields';

// 就业台账 (issue 12): job spells, the yearly employment settings, the quarterly 务工摸排 and
// the 外出务工台账. Money is integer fen (forms type 元).

const MAX_MONTHLY_FEN = 10_000_000; // 10 万元 a month: a slip of the decimal point, not a wage

const mobile = z
  .string()
  .trim()
  .refine((s) => s === '' || /^1\d{10}$/.test(s.replace(/[\s-]/g, '')), { error: '务工联系电话应为 11 位手机号，例如 13812345678；没有请留空' })
  .transform((s) => (s === '' ? null : s.replace(/[\s-]/g, '')))
  .nullable()
  .default(null);

export const spellFields = {
  memberId: idSchema,
  place: requiredText('务工所在地', 60),
  area: z.enum(workAreas, { error: '请选择务工地域（省外 / 省内县外 / 县内）' }),
  abroad: z.boolean().default(false),
  province: optionalText('务工省份', 20),
  city: optionalText('务工城市', 20),
  employer: optionalText('务工企业名称', 60),
  job: optionalText('岗位/工种', 30),
  industry: optionalText('行业', 30),
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
  /** 务工时间（月） for `monthsYear`, when the clerk corrects the derived count; null = derived. */
  months: z
    .number({ error: '务工月数应为 0–12 的整数' })
    .int({ error: '务工月数应为整数' })
    .min(0, { error: '务工月数不能为负数' })
    .max(12, { error: '一年最多 12 个月' })
    .nullable()
    .default(null),
  monthsYear: z.number().int().min(2000).max(2100).nullable().default(null),
  monthlyIncomeFen: z
    .number({ error: '请填写月收入（元），不清楚请填 0' })
    .int({ error: '月收入最多保留两位小数（精确到分）' })
    .min(0, { error: '月收入不能为负数' })
    .max(MAX_MONTHLY_FEN, { error: '月收入不能超过 10 万元，请检查小数点' }),
  channel: z.enum(jobChannels, { error: '请选择就业渠道' }),
  source: z.enum(spellSources, { error: '请选择信息来源' }).default('visit'),
  workPhone: mobile,
  note: optionalText('备注', 200, 'multi'),
};

export const spellSaveSchema = z
  .object({
    /** Absent: a new spell. */
    id: idSchema.optional(),
    version: versionSeen,
    ...spellFields,
    /** The 摸排 round this change was recorded in (marks the person checked). */
    surveyRoundId: idSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endDate !== null && v.endDate < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期，请核对' });
    }
    if (v.months !== null && v.monthsYear === null) {
      ctx.addIssue({ code: 'custom', path: ['monthsYear'], message: '填写了务工月数，请同时填写这是哪一年的月数' });
    }
  });
export type SpellSaveInput = z.input<typeof spellSaveSchema>;

export const spellEndSchema = z.object({
  id: idSchema,
  version: versionSeen,
  endDate: isoDate,
  endReason: requiredText('结束原因', 100),
  surveyRoundId: idSchema.optional(),
});

export const spellSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  householdId: z.string(),
  place: z.string(),
  area: z.enum(workAreas),
  abroad: z.boolean(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  employer: z.string().nullable(),
  job: z.string().nullable(),
  industry: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  months: z.number().int().nullable(),
  monthsYear: z.number().int().nullable(),
  /** Months counted in the current year (the clerk's figure or derived). */
  monthsThisYear: z.number().int(),
  monthlyIncomeFen: z.number().int(),
  channel: z.enum(jobChannels),
  source: z.enum(spellSources),
  workPhone: z.string().nullable(),
  endReason: z.string().nullable(),
  note: z.string().nullable(),
  open: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Spell = z.infer<typeof spellSchema>;

/** A spell's fields as a refused (stale) save names them. */
export const spellFieldLabels: Readonly<Record<string, string>> = {
  place: '务工所在地',
  area: '务工地域',
  abroad: '是否国外务工',
  province: '务工省份',
  city: '务工城市',
  employer: '务工企业名称',
  job: '岗位/工种',
  industry: '行业',
  startDate: '开始日期',
  endDate: '结束日期',
  months: '务工时间（月）',
  monthsYear: '务工月数所属年度',
  monthlyIncomeFen: '月收入',
  channel: '就业渠道',
  source: '信息来源',
  workPhone: '务工联系电话',
  note: '备注',
  endReason: '结束原因',
};

const tiersSchema = z.object({
  outOfProvince: z.number().int().min(0, { error: '交通补助不能为负数' }).max(1_000_000, { error: '交通补助不能超过 1 万元，请检查小数点' }),
  inProvince: z.number().int().min(0, { error: '交通补助不能为负数' }).max(1_000_000, { error: '交通补助不能超过 1 万元，请检查小数点' }),
  inCounty: z.number().int().min(0, { error: '交通补助不能为负数' }).max(1_000_000, { error: '交通补助不能超过 1 万元，请检查小数点' }),
});

function int(label: string, min: number, max: number, unit: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能少于 ${min} ${unit}` })
    .max(max, { error: `${label}不能超过 ${max} ${unit}` });
}

export const employmentSettingsFields = {
  year: int('年度', 2000, 2100, '年'),
  minAge: int('劳动年龄下限', 14, 30, '岁'),
  maxAgeMale: int('男性劳动年龄上限', 40, 80, '岁'),
  maxAgeFemale: int('女性劳动年龄上限', 40, 80, '岁'),
  surveyKinds: z.array(z.enum(householdKinds)).max(3),
  transportTiers: tiersSchema,
  transportMinMonths: int('交通补助连续务工月数', 1, 12, '个月'),
  workshopTiers: z
    .array(
      z.object({
        minPeople: int('档次起始人数', 1, 1000, '人'),
        rewardFen: z.number().int().min(0, { error: '奖补金额不能为负数' }).max(100_000_000, { error: '奖补金额不能超过 100 万元，请检查小数点' }),
      }),
    )
    .min(1, { error: '请至少设一个车间奖补档次' })
    .max(10, { error: '车间奖补档次最多 10 个' }),
  workshopMinMonths: int('车间计入人数的务工月数', 1, 12, '个月'),
  workshopMinWageFen: z.number().int().min(0).max(10_000_000, { error: '月工资门槛不能超过 10 万元，请检查小数点' }),
  workshopStableMonths: int('车间稳岗奖补的务工月数', 1, 12, '个月'),
  workshopPerPersonFen: z.number().int().min(0).max(10_000_000, { error: '每人稳岗奖补不能超过 10 万元，请检查小数点' }),
};

const settingsValues = z.object(employmentSettingsFields);
export const employmentSettingsSchema = settingsValues;
export type EmploymentSettingsValues = z.infer<typeof settingsValues>;

export const employmentSettingsYearSchema = settingsValues.extend({
  id: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type EmploymentSettingsYear = z.infer<typeof employmentSettingsYearSchema>;

export const employmentSettingsFieldLabels: Readonly<Record<keyof typeof employmentSettingsFields, string>> = {
  year: '年度',
  minAge: '劳动年龄下限',
  maxAgeMale: '男性劳动年龄上限',
  maxAgeFemale: '女性劳动年龄上限',
  surveyKinds: '纳入季度摸排的户类别',
  transportTiers: '一次性交通补助标准',
  transportMinMonths: '交通补助连续务工月数',
  workshopTiers: '帮扶车间奖补档次',
  workshopMinMonths: '车间计入人数的务工月数',
  workshopMinWageFen: '车间计入人数的月均工资',
  workshopStableMonths: '车间稳岗奖补的务工月数',
  workshopPerPersonFen: '车间稳岗奖补（每人）',
};

const roundSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  quarter: z.number().int(),
  dueDate: z.string(),
  note: z.string().nullable(),
  total: z.number().int(),
  checked: z.number().int(),
  overdue: z.boolean(),
});
export type SurveyRound = z.infer<typeof roundSchema>;

export const surveyOutcomes = ['unchanged', 'changed', 'ended', 'notWorking'] as const;
export const surveyOutcomeLabels = {
  unchanged: '无变化',
  changed: '已登记变化',
  ended: '已停止务工',
  notWorking: '仍未务工',
} as const;

const checklistRowSchema = z.object({
  memberId: z.string(),
  householdId: z.string(),
  householdCode: z.string(),
  groupName: z.string(),
  headName: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  lastSpell: spellSchema.nullable(),
  outcome: z.enum(surveyOutcomes).nullable(),
  checkedOn: z.string().nullable(),
});
export type ChecklistRow = z.infer<typeof checklistRowSchema>;

const ledgerRowSchema = z.object({
  spellId: z.string(),
  householdId: z.string(),
  villageName: z.string(),
  householdCode: z.string(),
  name: z.string(),
  idNumber: z.string(),
  householdKind: z.enum(householdKinds),
  place: z.string(),
  area: z.enum(workAreas),
  abroad: z.boolean(),
  employer: z.string().nullable(),
  job: z.string().nullable(),
  channel: z.enum(jobChannels),
  startDate: z.string(),
  endDate: z.string().nullable(),
  months: z.number().int(),
  monthlyIncomeFen: z.number().int(),
});
export type MigrantLedgerRow = z.infer<typeof ledgerRowSchema>;

export const migrantLedgerFilter = z.object({
  year: z.number().int().min(2000).max(2100),
  villageId: idSchema.optional(),
  area: z.enum(workAreas).optional(),
});

export const employmentChannels = {
  /** Every spell of the household's members, newest first, with today's open flag. */
  'employment.forHousehold': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ householdId: idSchema }),
    output: z.object({ today: z.string(), spells: z.array(spellSchema) }),
  }),
  /**
   * Records a new spell or corrects one (with the version the form loaded). The member's 务工状况
   * follows the open spell in the same transaction.
   */
  'employment.saveSpell': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: spellSaveSchema,
    /** measureNote: what happened to the open case's 就业帮扶 measure (a new spell only), else null. */
    output: spellSchema.extend({ measureNote: z.string().nullable() }),
  }),
  /** Ends an open spell (left the job): date and reason. */
  'employment.endSpell': channel({ access: ['admin', 'clerk'], mutates: true, input: spellEndSchema, output: spellSchema }),
  /** 工资性收入 the year's spells suggest for a household (Σ 月收入 × 月数). */
  'employment.wageSuggestion': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ householdId: idSchema, year: z.number().int().min(2000).max(2100) }),
    /** endedInYear: spells that ended in the year (a 减收 from 失业 is likely). */
    output: z.object({ wageFen: z.number().int(), spellCount: z.number().int(), endedInYear: z.number().int() }),
  }),
  'employment.settings': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({
      today: z.string(),
      saved: z.array(employmentSettingsYearSchema),
      inForce: settingsValues.extend({ source: z.enum(['saved', 'default']) }),
      suggested: settingsValues,
    }),
  }),
  'employment.saveSettings': channel({
    access: ['admin'],
    mutates: true,
    input: settingsValues.extend({ version: versionSeenOrNone }),
    output: employmentSettingsYearSchema,
  }),
  /** 摸排 rounds newest first, each with its progress. */
  'employment.surveyRounds': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: z.object({ rounds: z.array(roundSchema) }) }),
  'employment.createRound': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      year: z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' }),
      quarter: z.number({ error: '请选择季度' }).int().min(1, { error: '请选择季度' }).max(4, { error: '请选择季度' }),
      dueDate: isoDate,
      note: optionalText('备注', 200),
    }),
    output: roundSchema,
  }),
  /** A round's progress by village. */
  'employment.surveyRound': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ roundId: idSchema }),
    output: z.object({
      round: roundSchema,
      villages: z.array(z.object({ villageId: z.string(), villageName: z.string(), total: z.number().int(), checked: z.number().int() })),
    }),
  }),
  /** One village's checklist: every labour-age member of the covered households, with the last known spell. */
  'employment.checklist': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ roundId: idSchema, villageId: idSchema }),
    output: z.object({ round: roundSchema, villageName: z.string(), rows: z.array(checklistRowSchema) }),
  }),
  /** Marks a person checked with no new spell: 无变化 (still in the same job) or 仍未务工. */
  'employment.check': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({ roundId: idSchema, memberId: idSchema, outcome: z.enum(['unchanged', 'notWorking']) }),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** Rounds past due with people still unchecked: what a home page counts as to-dos. */
  'employment.surveyTodo': channel({ access: 'signedIn', mutates: false, input: z.object({}), output: z.object({ rounds: z.array(roundSchema) }) }),
  /** 外出务工台账: spells touching the year, filtered. */
  'employment.migrantLedger': channel({
    access: 'signedIn',
    mutates: false,
    input: migrantLedgerFilter.extend(paging),
    output: z.object({ total: z.number().int(), rows: z.array(ledgerRowSchema) }),
  }),
};
