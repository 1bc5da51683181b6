// Shared steps of the import-template tests (helpTemplates, helpTemplatesActivity): download a
// kind's template as the clerk, read a column's drop-down list back, and preview the template
// with the import's own reader.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { choicesSheetName, templateSheetName } from '../../electron/core/features/help/template';
import { stageUpload } from '../../electron/core/files/store';
import { importPreviewSchema } from '../../shared/contract/fileImport';
import type { SheetKind } from '../../shared/domain/importFields';
import type { TestOffice } from './harness';

export async function templateOf(office: TestOffice, clerk: string, kind: SheetKind) {
  const file = await office.call('help.importTemplate', { kind }, clerk);
  const stored = office.core.outboxFile(clerk, file.fileId);
  if (!stored) throw new Error('template missing from the outbox');
  const bytes = readFileSync(stored.path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { file, bytes, workbook, ws: workbook.getWorksheet(templateSheetName)!, choices: workbook.getWorksheet(choicesSheetName)! };
}

/** The drop-down list of a template column, read through its rule on the hidden 选项 sheet. */
export function listOf(ws: ExcelJS.Worksheet, choices: ExcelJS.Worksheet, column: number): string[] | null {
  const rule = ws.getCell(2, column).dataValidation as ExcelJS.DataValidation | undefined;
  if (rule?.type !== 'list') return null;
  const m = /^'?选项'?!\$([A-Z]+)\$2:\$([A-Z]+)\$(\d+)$/.exec(String(rule.formulae[0]));
  if (!m) throw new Error(String(rule.formulae[0]));
  return Array.from({ length: Number(m[3]) - 1 }, (_v, j) => String(choices.getCell(`${m[1]}${j + 2}`).value));
}

/** The kind's template uploaded again and previewed by the import (the job must finish). */
export async function previewTemplate(office: TestOffice, clerk: string, kind: SheetKind) {
  const { file, bytes } = await templateOf(office, clerk, kind);
  const staged = stageUpload(office.dataDir, file.fileName, bytes);
  const started = await office.call('files.importPreview', { fileId: staged.fileId, kind }, clerk);
  const snap = await office.core.jobs.wait(started.jobId);
  expect(snap.status).toBe('done');
  return importPreviewSchema.parse(snap.result);
}
