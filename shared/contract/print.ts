import { z } from 'zod';
import { documentKinds } from '../domain/paper';
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

// The print slice adds print.verify and print.history here.
export const printChannels = {};
