import type { PrintResult } from '../../../shared/contract/print';
import { AppError } from '../../../shared/lib/result';
import type { HandlerContext } from '../context';
import type { JobControl } from '../jobs';
import type { BuiltDocument } from './types';

export interface PrintOptions {
  /** The produced file's name, e.g. "坪埠村识别公示.html". */
  fileName: string;
  /** Reports one step per document laid out, when run inside a job. */
  control?: JobControl;
}

/**
 * Lays documents on A4 pages (print CSS, Chinese font chain, a footer on every page with kind,
 * record code, printer, time, page x/y and the content code), writes one HTML file to the outbox
 * and logs every document in printed_documents with one audit row, in one transaction.
 * (Stub: written by the print slice.)
 */
export async function printDocuments(ctx: HandlerContext, docs: readonly BuiltDocument[], options: PrintOptions): Promise<PrintResult> {
  void ctx;
  void docs;
  void options;
  throw new AppError('INTERNAL', '打印尚未实现');
}
