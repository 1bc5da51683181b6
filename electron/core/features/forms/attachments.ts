import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { AppError } from '../../../../shared/lib/result';
import { sha256OfBuffer, storedFile } from '../../files/store';

// The scanned or photographed signed page of an ink signature: copied from the staging folder to
// <dataDir>/attachments/<signatureId>.<ext>, with its SHA-256 kept on the signature row, so the
// scan on file can be checked against what was attached.

export const MAX_SCAN_BYTES = 20 * 1024 * 1024;

const kinds: Readonly<Record<string, { ext: string; magic: (b: Buffer) => boolean }>> = {
  '.jpg': { ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 },
  '.jpeg': { ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 },
  '.png': { ext: 'png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  '.pdf': { ext: 'pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
};

export interface CopiedScan {
  /** Relative to the data folder, e.g. "attachments/0190….jpg". */
  relativePath: string;
  sha256: string;
  fileName: string;
  size: number;
}

/** Checks the staged file and copies it beside the data; throws a Chinese refusal otherwise. */
export function copyScan(dataDir: string, fileId: string, signatureId: string): CopiedScan {
  const staged = storedFile(dataDir, 'staging', fileId);
  const kind = kinds[extname(staged.fileName).toLowerCase()];
  if (!kind) throw new AppError('INVALID_INPUT', `签字页扫描件须为 JPG、PNG 图片或 PDF 文件，所选文件为"${staged.fileName}"`, { fileId: '文件类型不支持' });
  if (staged.size === 0) throw new AppError('INVALID_INPUT', '所选文件是空文件，请重新扫描或拍照后再上传');
  if (staged.size > MAX_SCAN_BYTES) throw new AppError('INVALID_INPUT', '扫描件超过 20 MB，请降低扫描分辨率或压缩后再上传');
  const bytes = readFileSync(staged.path);
  if (!kind.magic(bytes)) throw new AppError('INVALID_INPUT', `文件"${staged.fileName}"的内容与扩展名不符，请确认是扫描的图片或 PDF`);
  const dir = join(dataDir, 'attachments');
  mkdirSync(dir, { recursive: true });
  const name = `${signatureId}.${kind.ext}`;
  copyFileSync(staged.path, join(dir, name));
  return { relativePath: `attachments/${name}`, sha256: sha256OfBuffer(bytes), fileName: staged.fileName, size: staged.size };
}
