import { z } from 'zod';
import { workAreas } from '../domain/employment';
import type { ExportLedger } from '../domain/ledgerLayouts';
import { fundLevels, projectStatuses, projectTypes } from '../domain/funds';
import { loanStatuses } from '../domain/loans';
import { assetClasses, assetStatuses } from '../domain/assets';
import { measureStatuses, visitKinds } from '../domain/monitoring';
import { parseQuarter } from '../domain/quarter';
import { channel, type ChannelDef } from './channel';
import { isoDate } from './fields';
import { householdListInputSchema } from './households';
import { caseListInputSchema } from './monitoring';
import { measureFamilies } from './measures';
import { jobStartedSchema } from './jobs';
import { storedFileSchema } from './fileRefs';
import { incomeYearField } from './income';
import { visitsDueInputSchema } from './visits';
import { paymentLineLedgerFilter } from './paymentsLedger';
import { postLedgerFilter } from './postLedger';
import { workshopLedgerFilter } from './workshops';

// 台账导出 and 季度报送 (issue 5 items 2–3). Every ledger leaves the office in the fixed layout of
// shared/domain/ledgerLayouts.ts. The filters are the list channels' own inputs without paging,
// so an export holds exactly the rows the page shows (all of them, not one screen).

const noPaging = { offset: true, limit: true } as const;

export const householdExportFiltersSchema = householdListInputSchema.omit(noPaging);
export const monitoringExportFiltersSchema = caseListInputSchema.omit(noPaging);
export const visitsDueExportFiltersSchema = visitsDueInputSchema.omit(noPaging);

/** 帮扶措施台账 (no list channel of its own): by village, status, family and case status. */
export const measureExportFiltersSchema = z.object({
  villageId: z.string().optional(),
  status: z.enum(measureStatuses).optional(),
  family: z.enum(measureFamilies).optional(),
  /** 'open' = 识别中 + 监测中. */
  caseStatus: z.enum(['open', 'identifying', 'monitoring', 'eliminated', 'rejected', 'all']).default('all'),
});

/** 走访记录: by village, visit kind and date range (inclusive). */
export const visitExportFiltersSchema = z
  .object({
    villageId: z.string().optional(),
    kind: z.enum(visitKinds).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { error: '开始日期不能晚于结束日期', path: ['to'] });

/** 收入台账: income.summary's input; without a year, every year on record. */
export const incomeExportFiltersSchema = z.object({
  year: incomeYearField.optional(),
  villageId: z.string().optional(),
});

export const migrantWorkExportFiltersSchema = z.object({
  year: incomeYearField,
  villageId: z.string().optional(),
  area: z.enum(workAreas).optional(),
});

/** 资金台账: funds.ledger's input (year required for the sums, level optional). */
export const fundsExportFiltersSchema = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  level: z.enum(fundLevels).optional(),
});

/** 项目库台账: funds.listProjects' filters. */
export const fundProjectsExportFiltersSchema = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  status: z.enum(projectStatuses).optional(),
  projectType: z.enum(projectTypes).optional(),
  villageId: z.string().optional(),
});

/** 小额信贷台账: loans.ledger's filters (the year picks the 贴息 columns). */
export const loansExportFiltersSchema = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  villageId: z.string().optional(),
  status: z.enum(loanStatuses).optional(),
});

/** 公益性岗位台账: posts.ledger's filters. */
export const welfarePostsExportFiltersSchema = postLedgerFilter;

/** 帮扶车间台账: workshops.ledger's filters. */
export const workshopsExportFiltersSchema = workshopLedgerFilter;

/** 资产台账: assets.list's filters. */
export const assetsExportFiltersSchema = z.object({
  assetClass: z.enum(assetClasses).optional(),
  status: z.enum(assetStatuses).optional(),
  villageId: z.string().optional(),
});

/** 发放花名册: payments.lineLedger's filters. */
export const paymentLinesExportFiltersSchema = paymentLineLedgerFilter;

export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
const format = z.enum(exportFormats, { error: '请选择导出格式（Excel 或 CSV）' }).default('xlsx');

export const exportInputSchema = z.discriminatedUnion(
  'ledger',
  [
    z.object({ ledger: z.literal('households'), format, filters: householdExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('monitoring'), format, filters: monitoringExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('measures'), format, filters: measureExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('visits'), format, filters: visitExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('visitsDue'), format, filters: visitsDueExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('income'), format, filters: incomeExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('migrantWork'), format, filters: migrantWorkExportFiltersSchema }),
    z.object({ ledger: z.literal('funds'), format, filters: fundsExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('fundProjects'), format, filters: fundProjectsExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('loans'), format, filters: loansExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('welfarePosts'), format, filters: welfarePostsExportFiltersSchema }),
    z.object({ ledger: z.literal('workshops'), format, filters: workshopsExportFiltersSchema }),
    z.object({ ledger: z.literal('assets'), format, filters: assetsExportFiltersSchema.prefault({}) }),
    z.object({ ledger: z.literal('paymentLines'), format, filters: paymentLinesExportFiltersSchema }),
  ],
  { error: '请选择要导出的台账' },
);
export type ExportInput = z.input<typeof exportInputSchema>;
/** The filters a ledger's export takes (what its page passes to ExportButton). */
export type ExportFilters<L extends ExportLedger> = Extract<ExportInput, { ledger: L }>['filters'];
export type ParsedExportInput = z.output<typeof exportInputSchema>;

/** The result of a files.export job. */
export const exportResultSchema = z.object({ file: storedFileSchema, rows: z.number().int().nonnegative() });
export type ExportResult = z.infer<typeof exportResultSchema>;

export const quarterField = z
  .string({ error: '请选择季度' })
  .trim()
  .refine((s) => parseQuarter(s) !== null, { error: '季度格式应为 年份Q季度，例如 2026Q3' })
  .transform((s) => s.toUpperCase().replace(/\s+/g, ''));

export const folderField = z
  .string({ error: '请选择或填写保存位置（文件夹）' })
  .trim()
  .min(1, { error: '请选择或填写保存位置（文件夹）' })
  .max(500, { error: '文件夹路径过长' });

export const manifestFileSchema = z.object({
  name: z.string(),
  /** What the file holds, e.g. 户籍台账. */
  title: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  /** Data rows (header rows not counted), over every sheet of the workbook. */
  rows: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** manifest.json, written last into the submission folder. */
export const manifestSchema = z.object({
  format: z.literal('ledger-submission/1'),
  office: z.object({ countyCode: z.string(), countyName: z.string(), townshipCode: z.string(), townshipName: z.string() }),
  quarter: z.string(),
  quarterLabel: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  createdBy: z.string(),
  createdAt: z.string(),
  files: z.array(manifestFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The result of a files.submission job. */
export const submissionResultSchema = z.object({
  /** The submission's own folder (inside the chosen folder). */
  dir: z.string(),
  files: z.array(manifestFileSchema),
  manifest: manifestSchema,
});
export type SubmissionResult = z.infer<typeof submissionResultSchema>;

export const verifyFileStatuses = ['ok', 'missing', 'truncated', 'altered', 'extra'] as const;
export type VerifyFileStatus = (typeof verifyFileStatuses)[number];
export const verifyFileStatusLabels: Readonly<Record<VerifyFileStatus, string>> = {
  ok: '完好',
  missing: '缺失',
  truncated: '不完整（被截断）',
  altered: '已被改动',
  extra: '清单外的文件',
};

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  /** The folder that held manifest.json. */
  dir: z.string(),
  office: manifestSchema.shape.office,
  quarter: z.string(),
  quarterLabel: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  missing: z.array(z.string()),
  extra: z.array(z.string()),
  truncated: z.array(z.string()),
  altered: z.array(z.string()),
  files: z.array(
    z.object({
      name: z.string(),
      status: z.enum(verifyFileStatuses),
      expectedSize: z.number().int().nullable(),
      size: z.number().int().nullable(),
      rows: z.number().int().nullable(),
    }),
  ),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

export const submissionCheckKinds = ['noMeasureAfterMonth', 'quickElimination', 'waterNotMonitored', 'elderlyWelfarePost', 'pupilWorking', 'workerNoMobile'] as const;
export type SubmissionCheckKind = (typeof submissionCheckKinds)[number];
export const submissionCheckLabels: Readonly<Record<SubmissionCheckKind, string>> = {
  noMeasureAfterMonth: '纳入监测满一个月仍无帮扶措施',
  quickElimination: '识别当月或次月即标注风险消除',
  waterNotMonitored: '脱贫户饮水安全有风险但未纳入监测',
  elderlyWelfarePost: '70 岁以上人员在公益性岗位务工',
  pupilWorking: '在校生有在岗的务工记录',
  workerNoMobile: '务工人员没有 11 位手机号',
};

export const submissionCheckSchema = z.object({
  quarter: z.string(),
  /** Each rule the county runs, with its hits (at most 200 listed per rule; `count` is all). */
  rules: z.array(
    z.object({
      kind: z.enum(submissionCheckKinds),
      label: z.string(),
      count: z.number().int(),
      items: z.array(
        z.object({
          householdCode: z.string(),
          headName: z.string(),
          villageName: z.string(),
          caseId: z.string().nullable(),
          caseCode: z.string().nullable(),
          detail: z.string(),
        }),
      ),
    }),
  ),
});
export type SubmissionCheck = z.infer<typeof submissionCheckSchema>;

export const fileExportChannels = {
  /** One ledger with the page's filters → job; result `exportResultSchema`. */
  'files.export': channel({ access: 'signedIn', mutates: false, input: exportInputSchema, output: jobStartedSchema }),
  /** The quarterly submission into `targetDir` (a folder or a USB stick) → job; result `submissionResultSchema`. */
  'files.submission': channel({
    access: 'signedIn',
    mutates: true,
    // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
    ownTransaction: true,
    input: z.object({ quarter: quarterField, targetDir: folderField }),
    output: jobStartedSchema,
  }),
  /** Checks a submission folder against its manifest.json (for the office or the county). */
  'files.verifySubmission': channel({ access: 'signedIn', mutates: false, input: z.object({ dir: folderField }), output: verifyReportSchema }),
  /** The county's data-quality rules (DOMAIN §15), to fix before submitting. */
  'files.submissionCheck': channel({ access: 'signedIn', mutates: false, input: z.object({ quarter: quarterField }), output: submissionCheckSchema }),
  /** What the submission page starts with: the quarter just ended and the default folder. */
  'files.submissionDefaults': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({}),
    output: z.object({ quarter: z.string(), defaultDir: z.string() }),
  }),
} satisfies Record<string, ChannelDef>;
