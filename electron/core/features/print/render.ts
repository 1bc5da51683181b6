import { closeSync, openSync, writevSync } from 'node:fs';
import type { PrintResult } from '../../../../shared/contract/print';
import { documentKindLabels, type DocumentKind } from '../../../../shared/domain/paper';
import { AppError } from '../../../../shared/lib/result';
import type { HandlerContext } from '../../context';
import { newOutboxFile } from '../../files/store';
import { uuidv7 } from '../../ids';
import type { JobControl } from '../../jobs';
import { newRowMeta } from '../../rows';
import { canonicalJson, contentCode, jsonHash } from './hash';
import { printFontCssBytesOffThread } from './fontThread';
import { onPrintFontsReleased } from './fontSubset';
import { fontSlot, layoutWithoutFont, type LaidOutDocument } from './layout';
import type { BuiltDocument } from './types';

export interface PrintOptions {
  /** The produced file's name, e.g. "坪埠村识别公示.html". */
  fileName: string;
  /** Reports one step per document laid out, when run inside a job. */
  control?: JobControl;
}

/** Local time as printed in the footer: 'YYYY-MM-DD HH:MM'. */
export function localMinute(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** "识别审批表 3 份" or "识别审批表 2 份、信息采集表 1 份". */
export function printSummary(kinds: readonly DocumentKind[]): string {
  const counts = new Map<DocumentKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${documentKindLabels[k]} ${n} 份`).join('、');
}

// The page's UTF-8 goes through one buffer kept between prints (a print writes its file before
// the next starts): a fresh ~100 KB buffer per print cost more in the kernel's page faults than in
// the copy. A page too big to keep (a batch of many forms) gets a buffer of its own.
// It goes with the print font, two minutes after the last print.
const keptScratchBytes = 2 * 1024 * 1024;
let scratch = Buffer.alloc(0);
onPrintFontsReleased(() => {
  scratch = Buffer.alloc(0);
});

function scratchOf(bytes: number): Buffer {
  if (scratch.length >= bytes) return scratch;
  const fresh = Buffer.allocUnsafe(bytes);
  if (bytes <= keptScratchBytes) scratch = fresh;
  return fresh;
}

/**
 * The file's bytes, in parts: the page with the print font's @font-face rules in their place (what
 * layoutDocuments returns, as UTF-8). The rules (~230 KB of base64 for a 500-household page) go in
 * as the bytes they are: put into the page's text first, they made a string of twice the file's
 * size, all of it transcoded to UTF-8 again and copied into one buffer on every print. They are
 * written to `path` at once after the font comes: the buffer is shared with the next print, which
 * may run while this one waits for its font. Returns the file's size.
 */
async function writePage(path: string, page: string): Promise<number> {
  const at = page.indexOf(fontSlot);
  if (at < 0) return writeParts(path, [Buffer.from(page, 'utf8')]);
  // The font is cut after the text is final, so every character the page shows (footers in the
  // CSS included) is in it; on the font's thread (fontThread.ts), while the rows' statements go on
  // (printDocuments).
  const font = await printFontCssBytesOffThread([page]);
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  const buf = scratchOf(3 * (page.length - fontSlot.length));
  const headEnd = buf.write(page.slice(0, at), 0, 'utf8');
  const restEnd = headEnd + buf.write(page.slice(at + fontSlot.length), headEnd, 'utf8');
  return writeParts(path, [buf.subarray(0, headEnd), font, buf.subarray(headEnd, restEnd)]);
}

/** Writes the parts one after another into a new file (as writeFileSync would their concatenation); returns its size. */
function writeParts(path: string, parts: readonly Buffer[]): number {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const fd = openSync(path, 'w');
  try {
    let left = parts.filter((p) => p.length > 0);
    while (left.length > 0) {
      let written = writevSync(fd, left);
      const next: Buffer[] = [];
      for (const p of left) {
        if (written >= p.length) written -= p.length;
        else {
          next.push(p.subarray(written));
          written = 0;
        }
      }
      left = next;
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

interface PrintRecord {
  laid: readonly (LaidOutDocument & { hash: string; dataJson: string; recordRef: string })[];
  batchId: string;
  fileName: string;
  printedBy: string;
  printedAtIso: string;
}

/** The printed documents' rows and their audit row; the savepoint or transaction ends after `written`. */
async function logPrint(ctx: HandlerContext, r: PrintRecord, written: Promise<void>): Promise<void> {
  const summary = printSummary(r.laid.map((d) => d.kind));
  await ctx.mutate(async (tx, audit) => {
    for (const doc of r.laid) {
      await tx
        .insertInto('printed_documents')
        .values({
          ...(await newRowMeta(ctx)),
          batch_id: r.batchId,
          kind: doc.kind,
          title: doc.title,
          record_ref: doc.recordRef,
          record_code: doc.recordCode,
          content_hash: doc.hash,
          content_code: doc.contentCode,
          data_json: doc.dataJson,
          printed_by_name: r.printedBy,
          printed_at: r.printedAtIso,
          output: 'print',
        })
        .execute();
    }
    await audit.record({
      entity: 'printed_documents',
      entityId: r.batchId,
      summary: `打印 ${summary}`,
      after: {
        file: r.fileName,
        documents: r.laid.map((d) => `${d.title}（${d.recordCode}，核验码 ${d.contentCode}）`).join('；').slice(0, 2000),
      },
    });
    await written;
  });
}

/**
 * Lays documents on A4 pages (print CSS, Chinese font chain, a footer on every page with kind,
 * record code, printer, time, page x/y and the content code — see layout.ts), writes one HTML file
 * to the outbox and logs every document in printed_documents with one audit row, in one
 * transaction. The renderer prints each document's title above its body (the body does not repeat
 * it). The content code comes from the document's data only, so reprinting unchanged data gives
 * the same code.
 */
export async function printDocuments(ctx: HandlerContext, docs: readonly BuiltDocument[], options: PrintOptions): Promise<PrintResult> {
  if (docs.length === 0) throw new AppError('RULE', '没有可打印的文件：请先确认所选记录');
  const user = ctx.requireUser();
  const now = ctx.clock.now();
  const printedAtIso = now.toISOString();
  const meta = { fileTitle: options.fileName.replace(/\.html?$/i, ''), printedBy: user.displayName, printedAt: localMinute(now) };

  const laid: (LaidOutDocument & { hash: string; dataJson: string; recordRef: string })[] = [];
  for (const [i, doc] of docs.entries()) {
    options.control?.throwIfCancelled();
    // The stored text and the hash come from one canonical text (a large document's data was
    // written out twice, once for each).
    const dataJson = canonicalJson(doc.data);
    const hash = jsonHash(dataJson);
    laid.push({
      kind: doc.kind,
      title: doc.title,
      recordCode: doc.recordCode,
      recordRef: doc.recordRef,
      contentCode: contentCode(hash),
      body: doc.body,
      hash,
      dataJson,
    });
    options.control?.report(i + 1, docs.length, i + 1 === docs.length ? `已排版 ${docs.length} 份` : `正在排版第 ${i + 1} / ${docs.length} 份`);
  }

  const page = layoutWithoutFont(laid, meta);
  const out = newOutboxFile(ctx.dataDir, options.fileName.endsWith('.html') ? options.fileName : `${options.fileName}.html`);
  const record: PrintRecord = { laid, batchId: uuidv7(now.getTime()), fileName: out.fileName, printedBy: user.displayName, printedAtIso };
  const writeFile = async (): Promise<number> => {
    const size = await writePage(out.path, page);
    options.control?.throwIfCancelled();
    return size;
  };

  let size: number;
  if (!ctx.db.isTransaction) {
    // A job's print opens a transaction of its own, and every other query waits for the one
    // connection while it is open: it stays as short as it was, the rows after the file.
    size = await writeFile();
    await logPrint(ctx, record, Promise.resolve());
  } else {
    // In a channel's transaction the rows go in on SQLite's thread while the font is cut on its
    // own thread (writePage) and the file written. Their savepoint ends once the file is written
    // and rolls back when it could not be, so rows are never kept for a file that is not there.
    const file = writeFile();
    const fileDone = file.then(() => undefined);
    // Awaited by logPrint after its inserts, or not at all when they failed first: handled either way.
    fileDone.catch(() => undefined);
    const logged = logPrint(ctx, record, fileDone);
    // Both settle before either failure goes on: a failed file first rolls its rows back.
    const [written, rows] = await Promise.allSettled([file, logged]);
    if (written.status === 'rejected') throw written.reason;
    if (rows.status === 'rejected') throw rows.reason;
    size = written.value;
  }

  return {
    file: { fileId: out.fileId, fileName: out.fileName, size },
    documents: laid.map((d) => ({ kind: d.kind, title: d.title, recordCode: d.recordCode, contentCode: d.contentCode })),
  };
}
