import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { AppError } from '../../../../shared/lib/result';

// The zip layer of our .xlsx reader (xlsxReader.ts): the central directory at the end of the file
// says where each part is; a part is streamed from its offset (fs.createReadStream) through zlib's
// raw inflate and ONE streaming TextDecoder, so a character split across two inflated chunks is
// joined, not garbled (exceljs #2063/#2084 turn 配偶 into 配��).
//
// A hostile or broken file must not take the import's memory or time: a part is refused when it
// inflates past its declared size, past `maxPartBytes`, or (once past a grace size) more than
// `maxInflateRatio` times its compressed size — a zip bomb inflates ~1000:1, real XML 5–50:1.

export const resaveAdvice = '请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，再导入另存后的文件';

export function unreadable(what: string): AppError {
  return new AppError('RULE', `无法读取这个 Excel 文件（${what}）。${resaveAdvice}`);
}

/** Limits on what one part may inflate to (exported for the tests). */
export const zipLimits = {
  /** No part of a workbook the import can use is larger (a sheet of 1,048,576 full rows is less). */
  maxPartBytes: 1024 * 1024 * 1024,
  maxInflateRatio: 200,
  /** Small parts may compress better than any real sheet (a 100 KB run of empty rows). */
  ratioGraceBytes: 8 * 1024 * 1024,
};

function tooBig(key: string): AppError {
  return new AppError(
    'RULE',
    `这个 Excel 文件的内容解压后异常庞大（${key}），可能已损坏或被恶意构造，程序停止读取，数据未改动。${resaveAdvice}；如果文件确实很大，请拆分成几个较小的文件`,
  );
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

const eocdSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return buf.subarray(0, got);
}

/** The entries of the zip's central directory, by name ('\' read as '/', no leading '/'). */
async function readCentralDirectory(handle: FileHandle, fileSize: number): Promise<Map<string, ZipEntry>> {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === eocdSignature && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('文件不完整或已损坏，找不到压缩包目录');
  const entryCount = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const zip64 = eocd >= 20 && tail.readUInt32LE(eocd - 20) === zip64LocatorSignature;
  if (zip64 || entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new AppError('RULE', `这个 Excel 文件使用了程序不支持的大文件压缩格式（ZIP64）。${resaveAdvice}`);
  }
  if (cdOffset + cdSize > fileSize) throw unreadable('文件不完整或已损坏，压缩包目录超出文件末尾');
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < entryCount; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== centralSignature) throw unreadable('文件已损坏，压缩包目录有误');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) {
      throw new AppError('RULE', `这个 Excel 文件的内容已加密（设置了密码），程序不能读取。请在 WPS 或 Excel 中取消密码，${resaveAdvice.slice(1)}`);
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new AppError('RULE', `这个 Excel 文件使用了程序不支持的大文件压缩格式（ZIP64）。${resaveAdvice}`);
    }
    // Some Windows zip tools write "xl\worksheets\sheet1.xml".
    entries.set(name.replace(/\\/g, '/').replace(/^\/+/, ''), { name, method, compressedSize, size, crc, localHeaderOffset });
  }
  return entries;
}

const defaultChunkSize = 256 * 1024;

/** The text encoding of an XML part from its first bytes: a BOM, UTF-16 without one, or the declaration. */
function sniffEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0x3c && head[1] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c) return 'utf-16be';
  const declaration = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(head.toString('latin1', 0, Math.min(head.length, 200)));
  const declared = declaration?.[1]?.toLowerCase();
  if (declared && /^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(declared)) return 'gb18030';
  return 'utf-8';
}

export class ZipFile {
  private constructor(
    readonly path: string,
    private readonly entries: Map<string, ZipEntry>,
    private readonly fileSize: number,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new ZipFile(path, await readCentralDirectory(handle, size), size);
    } finally {
      await handle.close();
    }
  }

  /** The entry's key by name, ignoring case (some programs write xl/SharedStrings.xml). */
  find(name: string): string | null {
    if (this.entries.has(name)) return name;
    const lower = name.toLowerCase();
    for (const key of this.entries.keys()) if (key.toLowerCase() === lower) return key;
    return null;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Where the entry's data begins: after its local header's own name and extra field. */
  private async dataStart(key: string, entry: ZipEntry): Promise<number> {
    const handle = await open(this.path, 'r');
    try {
      const local = await readAt(handle, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== localSignature) throw unreadable('文件已损坏，压缩包内容有误');
      const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (start + entry.compressedSize > this.fileSize) throw unreadable(`文件不完整，可能没有下载或复制完整（${key}）`);
      return start;
    } finally {
      await handle.close();
    }
  }

  /** The entry's bytes, inflated, one chunk at a time, within the limits above. */
  async *bytes(key: string, chunkSize = defaultChunkSize): AsyncGenerator<Buffer> {
    const entry = this.entries.get(key);
    if (!entry) throw unreadable(`缺少 ${key}`);
    if (entry.method !== 0 && entry.method !== 8) throw unreadable(`不支持的压缩方式 ${entry.method}`);
    const { maxPartBytes, maxInflateRatio, ratioGraceBytes } = zipLimits;
    const ratioExceeded = (n: number) => n > ratioGraceBytes && n > Math.max(entry.compressedSize, 1) * maxInflateRatio;
    // The declared size alone can refuse a bomb before a byte is inflated.
    if (entry.size > maxPartBytes || ratioExceeded(entry.size)) throw tooBig(key);
    if (entry.compressedSize === 0) return;
    const start = await this.dataStart(key, entry);
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: chunkSize });
    let source: NodeJS.ReadableStream = raw;
    if (entry.method === 8) {
      const inflate = zlib.createInflateRaw({ chunkSize });
      pipeline(raw, inflate, () => {});
      source = inflate;
    }
    const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
    let crc = 0;
    let length = 0;
    const stop = () => {
      raw.destroy();
      if (source !== raw) (source as zlib.InflateRaw).destroy();
    };
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        length += chunk.length;
        // More than the directory said: the directory lies (corrupt or hostile); stop now, not at the end.
        if (length > entry.size) {
          stop();
          throw length > maxPartBytes || ratioExceeded(length) ? tooBig(key) : unreadable(`文件已损坏，${key} 校验不符`);
        }
        if (crc32) crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (err) {
      stop();
      if (err instanceof AppError) throw err;
      throw unreadable(`文件已损坏，解压 ${key} 出错`);
    }
    if (length !== entry.size || (crc32 && (crc >>> 0) !== entry.crc)) throw unreadable(`文件已损坏，${key} 校验不符`);
  }

  /** The entry's text (UTF-8, UTF-16 or GBK as its first bytes say), decoded across chunk boundaries. */
  async *text(key: string, chunkSize = defaultChunkSize): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null;
    for await (const chunk of this.bytes(key, chunkSize)) {
      decoder ??= new TextDecoder(sniffEncoding(chunk));
      const s = decoder.decode(chunk, { stream: true });
      if (s !== '') yield s;
    }
    const rest = decoder?.decode() ?? '';
    if (rest !== '') yield rest;
  }

  /** A small part's whole text (relationships, the content types, mimetype), at most `limit` characters. */
  async wholeText(key: string, limit = 16 * 1024 * 1024): Promise<string> {
    let s = '';
    for await (const chunk of this.text(key)) {
      s += chunk;
      if (s.length > limit) throw tooBig(key);
    }
    return s;
  }
}
