import { z } from 'zod';
import { documentKinds } from '../domain/paper';
import { channel } from './channel';
import { storedFileSchema } from './fileRefs';

export const printedDocumentInfoSchema = z.object({
  kind: z.enum(documentKinds),
  title: z.string(),
  recordCode: z.string(),
  /** The short code printed in the footer (核验码), e.g. "3FA2C-91B0D". */
  contentCode: z.string(),
});

/** What every print channel (and batch print job) returns: one HTML file with its documents. */
export const printResultSchema = z.object({
  file: storedFileSchema,
  documents: z.array(printedDocumentInfoSchema),
});
export type PrintResult = z.infer<typeof printResultSchema>;

/** A record a verified document leads to (a notice lists several cases). */
export const verifyLinkSchema = z.object({ label: z.string(), link: z.string() });

/**
 * 核验: the code on a paper copy → the printed document, who printed it when, and whether the
 * record still gives the same content (rebuilt now through the document builders).
 */
export const verifyResultSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(false), message: z.string() }),
  z.object({
    found: z.literal(true),
    code: z.string(),
    kind: z.enum(documentKinds),
    title: z.string(),
    recordCode: z.string(),
    /** ISO time of the latest print with this code. */
    printedAt: z.string(),
    printedBy: z.string(),
    /** How many times documents with this code were printed. */
    printCount: z.number().int(),
    matches: z.boolean(),
    /** Chinese, what differs now (empty when it matches), e.g. "张三 人口：3 → 4". */
    changes: z.array(z.string()),
    /**
     * A form whose every change is to a field it only shows for convenience (联系电话, 住址, notes):
     * its facts and signatures still stand, and `informationalChanges` names those fields.
     */
    informationalOnly: z.boolean(),
    informationalChanges: z.array(z.string()),
    /** Renderer link of the record ("#/monitoring/<caseId>"), or null (a notice: see related). */
    link: z.string().nullable(),
    related: z.array(verifyLinkSchema),
  }),
]);
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const printHistoryRowSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  kind: z.enum(documentKinds),
  title: z.string(),
  recordRef: z.string(),
  recordCode: z.string(),
  contentCode: z.string(),
  printedBy: z.string(),
  printedAt: z.string(),
});
export type PrintHistoryRow = z.infer<typeof printHistoryRowSchema>;

export const printChannels = {
  'print.verify': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({ code: z.string({ error: '请输入核验码' }).trim().min(1, { error: '请输入纸质件页脚上的核验码' }).max(40, { error: '核验码过长，请核对' }) }),
    output: verifyResultSchema,
  }),
  /** Recent prints, newest first; by kind and/or record. */
  'print.history': channel({
    access: 'signedIn',
    mutates: false,
    input: z.object({
      kind: z.enum(documentKinds).optional(),
      recordRef: z.string().optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    output: z.object({ rows: z.array(printHistoryRowSchema) }),
  }),
};
