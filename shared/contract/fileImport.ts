import { z } from 'zod';
import { importKinds, importSources } from '../domain/importFields';
import { eliminationMethods, monitoringCategories, riskTypes } from '../domain/monitoring';
import { channel } from './channel';
import { fileIdInput, storedFileSchema } from './fileRefs';
import { isoDate, optionalText, requiredText, versionSeenOrNone } from './fields';
import { householdCodeField } from './households';
import { refreshDecisionSchema, refreshFindingsSchema } from './importRefresh';
import { jobStartedSchema } from './jobs';

// Importing spreadsheets (DOMAIN §15, issue 5): a preview job parses and validates the file in a
// worker thread and plans it against the database; an apply job writes the plan in one
// transaction. Presets keep a clerk's corrected column mapping for next time.

export const importKindSchema = z.enum(importKinds, { error: '请选择导入的数据类型' });
export const importSourceSchema = z.enum(importSources, { error: '请选择导入的数据类型' });
export const importModes = ['allOrNothing', 'validOnly'] as const;
export const importModeLabels: Readonly<Record<(typeof importModes)[number], string>> = {
  allOrNothing: '全部成功才导入',
  validOnly: '只导入正确的行并生成错误清单',
};

/** header text as found in the file → field key, or null to ignore the column. */
export const importMappingSchema = z.record(z.string().max(200), z.string().max(60).nullable());
export type ImportMappingInput = z.infer<typeof importMappingSchema>;
/** place key (see the preview's unknownPlaces) → the office's village or group id. */
export const importPlacesSchema = z.record(z.string().max(300), z.string().max(60));

export const importPreviewInputSchema = z.object({
  fileId: fileIdInput,
  kind: importSourceSchema,
  /** National export: the income year as the clerk confirmed it (else read from 数据日期 or the title). */
  incomeYear: z.number({ error: '年度应为四位年份' }).int({ error: '年度应为四位年份' }).min(2000, { error: '年度应在 2000 年以后' }).max(2100, { error: '年度应为四位年份' }).optional(),
  /** The clerk's corrections on top of the automatic mapping (and the preset, if any). */
  mapping: importMappingSchema.optional(),
  /** National export: the file's unknown village/group names mapped to the office's (place key → village or group id). */
  places: importPlacesSchema.optional(),
  presetId: z.string().optional(),
});

export const importColumnSchema = z.object({
  /** 1-based column (A = 1). */
  index: z.number().int(),
  header: z.string(),
  field: z.string().nullable(),
  /** Up to 3 values from the first data rows, as text. */
  samples: z.array(z.string()),
});
export type ImportColumn = z.infer<typeof importColumnSchema>;

export const importInvalidRowSchema = z.object({ line: z.number().int(), reason: z.string() });

export const importCountsSchema = z.object({
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
});

/** One part of a national export's preview: what it would do to households, incomes or cases. */
export const importPartSchema = importCountsSchema.extend({
  part: importKindSchema,
  /** Records the file carries that are not this part's business (an ordinary household is no monitoring object; no 人均纯收入). */
  notApplicable: z.number().int(),
});
export type ImportPart = z.infer<typeof importPartSchema>;

/** The preview job's result. */
export const importPreviewSchema = z.object({
  previewId: z.string(),
  kind: importSourceSchema,
  /** National export: the parts it carries, each with its counts (the top-level counts sum them; invalid counts distinct rows). */
  parts: z.array(importPartSchema),
  /** National export: the income year and where it was read from; null when the file carries no income or no year was found. */
  incomeYear: z.object({ year: z.number().int(), from: z.string() }).nullable(),
  /** Rows that repeat an earlier row exactly (apart from 序号 and 人编号): read once, not errors. */
  duplicateRows: z.number().int(),
  /** National export: village/group names the office lacks; apply waits until each is mapped (places). */
  unknownPlaces: z.array(
    z.object({ key: z.string(), village: z.string(), group: z.string().nullable(), villageId: z.string().nullable(), households: z.number().int() }),
  ),
  fileName: z.string(),
  sha256: z.string(),
  /** 1-based line of the header row. */
  headerLine: z.number().int(),
  columns: z.array(importColumnSchema),
  /** rows: data rows read; new/changed/unchanged count records (households, income years, cases); invalid counts rows. */
  counts: importCountsSchema.extend({ rows: z.number().int() }),
  /** The first 1,000 problems by line, with the total. */
  invalidRows: z.array(importInvalidRowSchema),
  invalidTotal: z.number().int(),
  /** Chinese names of required fields no column maps to; apply is refused until they are mapped. */
  missingRequired: z.array(z.string()),
  /** Households in a filled ledger: what changes per household and what the file no longer lists (null: nothing to show). */
  refresh: refreshFindingsSchema.nullable(),
  /** Why the sheet as a whole cannot come in (e.g. members listed in one cell), with what to do; apply is refused. */
  sheetProblem: z.string().nullable().optional(),
  /** Rows that come in but break a rule the ledger warns about (a bank's loan over 5 万…), first 1,000. */
  warnings: z.array(importInvalidRowSchema).optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** The apply job's result. */
export const importApplyResultSchema = z.object({
  counts: importCountsSchema.extend({ applied: z.number().int() }),
  /** National export: the counts per part (empty for the single kinds). */
  parts: z.array(importPartSchema),
  /** The rows not applied, with the reason in a last column; null when every row applied. */
  errorWorkbook: storedFileSchema.nullable(),
});
export type ImportApplyResultOutput = z.infer<typeof importApplyResultSchema>;

export const importPresetSchema = z.object({
  id: z.string(),
  kind: importSourceSchema,
  name: z.string(),
  mapping: importMappingSchema,
  /** National export: the file's village/group names mapped to the office's (place key → village or group id). */
  places: z.record(z.string(), z.string()),
  updatedAt: z.string(),
  /** Sent back with the next save under this name (see fields.versionSeenOrNone). */
  version: z.number().int(),
});
export type ImportPreset = z.infer<typeof importPresetSchema>;

/**
 * One monitoring case as an import row (the national list: identified, perhaps eliminated there).
 * Built from the contract's own field schemas; the import validates each row with it.
 */
export const importCaseRowSchema = z
  .object({
    householdCode: householdCodeField,
    category: z.enum(monitoringCategories, { error: '请填写监测对象类型（脱贫不稳定户、边缘易致贫户或突发严重困难户）' }),
    risks: z.array(z.enum(riskTypes)).min(1, { error: '请填写至少一项风险类型' }),
    identifiedDate: isoDate,
    eliminated: z.boolean().default(false),
    eliminatedDate: isoDate.nullable().default(null),
    eliminationMethod: z.enum(eliminationMethods, { error: '消除方式应为 帮扶消除 或 自然消除' }).nullable().default(null),
    helperName: optionalText('帮扶责任人', 20),
  })
  .superRefine((c, ctx) => {
    if (c.eliminated && c.eliminatedDate === null) {
      ctx.addIssue({ code: 'custom', path: ['eliminatedDate'], message: '风险已消除时，请填写风险消除时间' });
    }
    if (!c.eliminated && c.eliminatedDate !== null) {
      ctx.addIssue({ code: 'custom', path: ['eliminated'], message: '填写了风险消除时间，“风险是否消除”应为“是”' });
    }
    if (c.eliminatedDate !== null && c.eliminatedDate < c.identifiedDate) {
      ctx.addIssue({ code: 'custom', path: ['eliminatedDate'], message: '风险消除时间早于风险识别时间，请核对' });
    }
  });

export const fileImportChannels = {
  /** Parses and validates the staged file in a worker, then plans it; the result is importPreviewSchema. */
  'files.importPreview': channel({ access: 'signedIn', mutates: false, input: importPreviewInputSchema, output: jobStartedSchema }),
  /** Writes a preview's plan in one transaction; the result is importApplyResultSchema. */
  'files.importApply': channel({
    access: 'signedIn',
    mutates: true,
    // Starts a job that writes after this call returns: its transactions are its own (ownTransaction).
    ownTransaction: true,
    input: z.object({
      previewId: z.string().min(1, { error: '缺少预览编号，请重新预览' }),
      mode: z.enum(importModes, { error: '请选择导入方式' }),
      /** One decision per 文件中已无 row of the preview (减员 or 保留); apply refuses while one is missing. */
      decisions: z.array(refreshDecisionSchema).max(100_000).default([]),
    }),
    output: jobStartedSchema,
  }),
  'files.importPresets': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ kind: importSourceSchema }),
    output: z.array(importPresetSchema),
  }),
  /** Saves (or replaces, by name) a column mapping for this kind of file. */
  'files.saveImportPreset': channel({
    access: 'signedIn',
    mutates: true,
    input: z.object({
      kind: importSourceSchema,
      name: requiredText('预设名称', 30),
      mapping: importMappingSchema,
      /** National export: the clerk's mapping of unknown village/group names, kept with the preset. */
      places: importPlacesSchema.optional(),
      /** The version of the preset of this name the form loaded; null: the form expects no preset of this name. */
      version: versionSeenOrNone,
    }),
    output: importPresetSchema,
  }),
};
