import { z } from 'zod';
import {
  disbursementStages,
  fundLevels,
  payeeKinds,
  projectStatuses,
  projectStepKinds,
  projectTypes,
  stepOutcomes,
} from '../domain/funds';
import { channel } from './channel';
import { moneyTrailSchema } from './fundsTrail';
import { printResultSchema } from './print';
import { idSchema, isoDate, optionalText, requiredText, versionSeen, versionSeenOrNone } from './fields';

// Funds and projects (issue 13). Money is integer fen (forms type 元); every entry is append-only.

const MAX_FEN = 100_000_000_000; // 10 亿元: above any township's batch, catches a slip of the decimal point

function fen(label: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}最多保留两位小数（精确到分）` })
    .min(1, { error: `${label}应大于 0 元` })
    .max(MAX_FEN, { error: `${label}不能超过 10 亿元，请检查小数点` });
}

function count(label: string) {
  return z.number({ error: `请填写${label}` }).int({ error: `${label}应为整数` }).min(0, { error: `${label}不能为负数` }).max(1_000_000).default(0);
}

const year = z.number({ error: '请填写年度' }).int().min(2000, { error: '年度不能早于 2000 年' }).max(2100, { error: '年度不能晚于 2100 年' });
const optionalDate = isoDate.nullable().default(null);

export const fundSourceSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(fundLevels).nullable(), active: z.boolean() });
export type FundSource = z.infer<typeof fundSourceSchema>;

const milestoneSchema = z.object({
  date: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '节点日期应为 月-日，例如 06-30' }),
  percent: z.number({ error: '请填写进度百分比' }).int().min(1, { error: '进度应在 1 到 100 之间' }).max(100, { error: '进度应在 1 到 100 之间' }),
});

export const fundSettingsFields = {
  year,
  villageNoticeDays: z.number({ error: '请填写村公示天数' }).int().min(1, { error: '村公示天数至少 1 天' }).max(60, { error: '村公示天数不能超过 60 天' }),
  townshipNoticeDays: z.number({ error: '请填写乡公示天数' }).int().min(1, { error: '乡公示天数至少 1 天' }).max(60, { error: '乡公示天数不能超过 60 天' }),
  libraryNoticeDays: z.number({ error: '请填写入库公告天数' }).int().min(1, { error: '入库公告天数至少 1 天' }).max(60, { error: '入库公告天数不能超过 60 天' }),
  reviewDeadlineDays: z.number({ error: '请填写审核时限' }).int().min(1, { error: '审核时限至少 1 天' }).max(120, { error: '审核时限不能超过 120 天' }),
  milestones: z
    .array(milestoneSchema)
    .min(1, { error: '请至少填写一个支出进度节点' })
    .max(12)
    .superRefine((ms, ctx) => {
      for (let i = 1; i < ms.length; i++) {
        if (ms[i]!.date <= ms[i - 1]!.date || ms[i]!.percent < ms[i - 1]!.percent) {
          ctx.addIssue({ code: 'custom', message: '支出进度节点应按日期先后排列，且进度逐个不减' });
          return;
        }
      }
    }),
  closeDate: optionalDate,
};

export const fundSettingsSchema = z.object({
  year: z.number().int(),
  villageNoticeDays: z.number().int(),
  townshipNoticeDays: z.number().int(),
  libraryNoticeDays: z.number().int(),
  reviewDeadlineDays: z.number().int(),
  milestones: z.array(z.object({ date: z.string(), percent: z.number().int() })),
  closeDate: z.string().nullable(),
});
export const savedFundSettingsSchema = fundSettingsSchema.extend({ id: z.string(), version: z.number().int(), updatedAt: z.string() });
export type SavedFundSettings = z.infer<typeof savedFundSettingsSchema>;

export const batchInputSchema = z.object({
  docNo: requiredText('文号', 60),
  issuedDate: isoDate,
  year,
  level: z.enum(fundLevels, { error: '请选择资金级次' }),
  sourceCode: requiredText('资金来源', 30),
  amountFen: fen('下达金额'),
  useDirection: requiredText('资金用途', 200),
  note: optionalText('备注', 200),
});
export type BatchInput = z.input<typeof batchInputSchema>;

export const batchRowSchema = z.object({
  id: z.string(),
  docNo: z.string(),
  issuedDate: z.string(),
  year: z.number().int(),
  level: z.enum(fundLevels),
  sourceCode: z.string(),
  sourceName: z.string(),
  amountFen: z.number().int(),
  useDirection: z.string(),
  allocatedFen: z.number().int(),
  disbursedFen: z.number().int(),
});
export type BatchRow = z.infer<typeof batchRowSchema>;

export const projectInputSchema = z.object({
  name: requiredText('项目名称', 60),
  projectType: z.enum(projectTypes, { error: '请选择项目类型' }),
  year: year,
  villageIds: z.array(idSchema).min(1, { error: '请至少选择一个实施村' }),
  content: requiredText('建设内容', 500, 'multi'),
  scale: optionalText('建设规模', 200),
  startDate: optionalDate,
  endDate: optionalDate,
  implementingUnit: requiredText('实施单位', 60),
  budgetFen: fen('批复预算'),
  /** The budget by source (optional; when given it must add up to the budget). */
  budgetSources: z.array(z.object({ sourceCode: requiredText('预算资金来源', 30), amountFen: fen('来源金额') })).max(13).default([]),
  beneficiaryHouseholds: count('受益户数'),
  beneficiaryPeople: count('受益人数'),
  beneficiaryExited: count('其中脱贫户'),
  beneficiaryMonitored: count('其中监测户'),
  performanceTarget: optionalText('绩效目标', 500, 'multi'),
  farmerLink: optionalText('联农带农机制', 500, 'multi'),
}).superRefine((p, ctx) => {
  if (p.startDate !== null && p.endDate !== null && p.endDate < p.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: '计划完工日期不能早于计划开工日期' });
  }
  if (p.budgetSources.length > 0 && p.budgetSources.reduce((a, b) => a + b.amountFen, 0) !== p.budgetFen) {
    ctx.addIssue({ code: 'custom', path: ['budgetSources'], message: '各来源金额之和应等于批复预算，请核对' });
  }
  if (p.beneficiaryExited + p.beneficiaryMonitored > p.beneficiaryHouseholds) {
    ctx.addIssue({ code: 'custom', path: ['beneficiaryExited'], message: '脱贫户与监测户之和不能多于受益户数，请核对' });
  }
});
export type ProjectInput = z.input<typeof projectInputSchema>;

const moneySum = { budgetFen: z.number().int(), allocatedFen: z.number().int(), disbursedFen: z.number().int() };

export const projectRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  projectCode: z.string(),
  name: z.string(),
  projectType: z.enum(projectTypes),
  year: z.number().int(),
  villageNames: z.array(z.string()),
  implementingUnit: z.string(),
  status: z.enum(projectStatuses),
  lastStep: z.enum(projectStepKinds).nullable(),
  lastStepDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  ...moneySum,
  progressPermille: z.number().int().nullable(),
  requiredPercent: z.number().int(),
  late: z.boolean(),
});
export type ProjectRow = z.infer<typeof projectRowSchema>;

export const stepRowSchema = z.object({
  id: z.string(),
  step: z.enum(projectStepKinds),
  date: z.string(),
  people: z.string(),
  outcome: z.enum(stepOutcomes),
  docNo: z.string().nullable(),
  noticeStart: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type StepRow = z.infer<typeof stepRowSchema>;

const entryBase = {
  id: z.string(),
  batchId: z.string(),
  batchDocNo: z.string(),
  sourceName: z.string(),
  projectId: z.string(),
  date: z.string(),
  amountFen: z.number().int(),
  reversesId: z.string().nullable(),
  reversedBy: z.string().nullable(),
  note: z.string().nullable(),
};
export const allocationRowSchema = z.object(entryBase);
export type AllocationRow = z.infer<typeof allocationRowSchema>;
export const disbursementRowSchema = z.object({ ...entryBase, voucherNo: z.string(), payeeKind: z.enum(payeeKinds), stage: z.enum(disbursementStages) });
export type DisbursementRow = z.infer<typeof disbursementRowSchema>;

export const projectDetailSchema = projectRowSchema.extend({
  villageIds: z.array(z.string()),
  content: z.string(),
  scale: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  beneficiaryHouseholds: z.number().int(),
  beneficiaryPeople: z.number().int(),
  beneficiaryExited: z.number().int(),
  beneficiaryMonitored: z.number().int(),
  budgetSources: z.array(z.object({ sourceCode: z.string(), amountFen: z.number().int() })),
  performanceTarget: z.string(),
  farmerLink: z.string(),
  steps: z.array(stepRowSchema),
  allowedSteps: z.array(z.enum(projectStepKinds)),
  allocations: z.array(allocationRowSchema),
  disbursements: z.array(disbursementRowSchema),
  /** Per batch: what stands allocated and disbursed (the money trail's summary lines). */
  byBatch: z.array(z.object({ batchId: z.string(), batchDocNo: z.string(), sourceName: z.string(), year: z.number().int(), allocatedFen: z.number().int(), disbursedFen: z.number().int() })),
  settings: fundSettingsSchema,
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const ledgerRowSchema = z.object({
  sourceCode: z.string(),
  sourceName: z.string(),
  issuedFen: z.number().int(),
  allocatedFen: z.number().int(),
  disbursedFen: z.number().int(),
  balanceFen: z.number().int(),
  progressPermille: z.number().int().nullable(),
  requiredPercent: z.number().int(),
  late: z.boolean(),
});
export type FundLedgerRow = z.infer<typeof ledgerRowSchema>;

const entryReverse = z.object({ id: idSchema, date: isoDate, note: requiredText('冲销原因', 200) });

export const fundsChannels = {
  /** The source catalog, the settings saved and those in force for the current year. */
  'funds.catalog': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({
      today: z.string(),
      sources: z.array(fundSourceSchema),
      saved: z.array(savedFundSettingsSchema),
      inForce: fundSettingsSchema.extend({ source: z.enum(['saved', 'default']) }),
    }),
  }),
  /** Creates or replaces one year's funds settings (admin). */
  'funds.saveSettings': channel({
    access: ['admin'],
    mutates: true,
    input: z.object({ ...fundSettingsFields, version: versionSeenOrNone }),
    output: savedFundSettingsSchema,
  }),
  'funds.listBatches': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ year: year.nullable().default(null) }),
    output: z.object({ rows: z.array(batchRowSchema) }),
  }),
  'funds.createBatch': channel({ access: ['admin', 'clerk'], mutates: true, input: batchInputSchema, output: batchRowSchema }),
  /** 项目库台账: filters by year, status, type, village and a name/code search. */
  'funds.listProjects': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({
      year: year.nullable().default(null),
      status: z.enum(projectStatuses).nullable().default(null),
      projectType: z.enum(projectTypes).nullable().default(null),
      villageId: z.string().nullable().default(null),
      search: z.string().max(60).default(''),
      lateOnly: z.boolean().default(false),
    }),
    output: z.object({ rows: z.array(projectRowSchema), asOf: z.string() }),
  }),
  /** One project with its steps and its money trail from batch to disbursement. */
  'funds.getProject': channel({ access: 'signedIn', mutates: false, input: z.object({ id: idSchema }), output: projectDetailSchema }),
  'funds.createProject': channel({ access: 'signedIn', mutates: true, input: projectInputSchema, output: projectDetailSchema }),
  /** 绩效目标 and 联农带农 may be completed before the project goes to the county. */
  'funds.setTargets': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({ id: idSchema, version: versionSeen, performanceTarget: optionalText('绩效目标', 500, 'multi'), farmerLink: optionalText('联农带农机制', 500, 'multi') }),
    output: projectDetailSchema,
  }),
  'funds.recordStep': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      projectId: idSchema,
      step: z.enum(projectStepKinds, { error: '请选择办理的步骤' }),
      outcome: z.enum(stepOutcomes, { error: '请选择办理结果' }).default('passed'),
      date: isoDate,
      people: requiredText('经办人 / 参加人员', 100),
      docNo: optionalText('文号', 60),
      noticeEnd: optionalDate,
      note: optionalText('说明', 300, 'multi'),
    }),
    output: projectDetailSchema,
  }),
  'funds.allocate': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({ batchId: idSchema, projectId: idSchema, date: isoDate, amountFen: fen('分配金额'), note: optionalText('备注', 200) }),
    output: projectDetailSchema,
  }),
  /** A reversing entry: the negated amount, naming the allocation it undoes. */
  'funds.reverseAllocation': channel({ access: ['admin', 'reviewer'], mutates: true, input: entryReverse, output: projectDetailSchema }),
  'funds.disburse': channel({
    access: ['admin', 'clerk'],
    mutates: true,
    input: z.object({
      batchId: idSchema,
      projectId: idSchema,
      date: isoDate,
      amountFen: fen('拨付金额'),
      voucherNo: requiredText('凭证号', 40),
      payeeKind: z.enum(payeeKinds, { error: '请选择收款方类别' }),
      stage: z.enum(disbursementStages, { error: '请选择拨付阶段' }),
      note: optionalText('备注', 200),
    }),
    output: projectDetailSchema,
  }),
  'funds.reverseDisbursement': channel({ access: ['admin', 'reviewer'], mutates: true, input: entryReverse, output: projectDetailSchema }),
  /** 资金台账: per source 下达 / 分配 / 拨付 / 结余 / 进度 with 合计, for a year (and level). */
  'funds.ledger': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ year, level: z.enum(fundLevels).nullable().default(null) }),
    output: z.object({ rows: z.array(ledgerRowSchema), total: ledgerRowSchema, asOf: z.string() }),
  }),
  /** 项目公示 (the project's latest notice step) on A4 with the verifiable footer. */
  'funds.printNotice': channel({ access: 'signedIn', mutates: true, input: z.object({ projectId: idSchema }), output: printResultSchema }),
  /** 资金拨付审批表 of one disbursement, with signature blocks. */
  'funds.printPayment': channel({ access: 'signedIn', mutates: true, input: z.object({ disbursementId: idSchema }), output: printResultSchema }),
  /** 年度计划公告: the year's projects 列入年度计划, with budgets and sources. */
  'funds.printPlanNotice': channel({ access: 'signedIn', mutates: true, input: z.object({ year }), output: printResultSchema }),
  /** 竣工公告 of a project past 完工: content, budget against what was paid, dates, acceptance. */
  'funds.printCompletionNotice': channel({ access: 'signedIn', mutates: true, input: z.object({ projectId: idSchema }), output: printResultSchema }),
  /** 资金流向: a project's money from batch to the households its payment lists reached, on screen. */
  'funds.trail': channel({ access: 'signedIn', mutates: false, input: z.object({ projectId: idSchema }), output: moneyTrailSchema }),
  /** 资金流向表: a project's money from batch to allocation, disbursement and payment lines to households, reversals shown. */
  'funds.printTrail': channel({ access: 'signedIn', mutates: true, input: z.object({ projectId: idSchema }), output: printResultSchema }),
  /** To-dos: projects whose spending is behind the milestone, and reviews past their due date. */
  'funds.todos': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({
      lateSpending: z.array(projectRowSchema),
      overdueReviews: z.array(projectRowSchema),
      count: z.number().int(),
    }),
  }),
};
