import { open } from 'node:fs/promises';
import { AppError } from '../../../../shared/lib/result';
import { readAt } from './xlsxZip';

// What an OLE compound file (CFB, starts D0 CF 11 E0) is: an old .xls, or a password-protected
// .xlsx. Excel and WPS save a workbook with an opening password as a CFB holding the streams
// "EncryptionInfo" and "EncryptedPackage" (MS-OFFCRYPTO), whatever the extension says; telling the
// clerk it is an old .xls sends them to "另存为" that cannot help until the password is removed.

export const cfbSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const passwordMessage = '该文件设有打开密码，请在 WPS 或 Excel 中取消密码后另存再导入';
export const oldXlsMessage =
  '这是旧版 Excel 文件（.xls），程序不直接读取。请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，再导入另存后的文件';

const endOfChain = 0xfffffffe;
const maxSectors = 100_000;

/** The names of the entries in a compound file's directory (empty when it cannot be read). */
export async function compoundFileNames(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const header = await readAt(handle, 0, 512);
    if (header.length < 512 || !header.subarray(0, 8).equals(cfbSignature)) return [];
    const shift = header.readUInt16LE(0x1e);
    if (shift !== 9 && shift !== 12) return [];
    const sectorSize = 1 << shift;
    const perSector = sectorSize / 4;
    const sector = (n: number) => readAt(handle, (n + 1) * sectorSize, sectorSize);

    // The FAT's own sectors: the first 109 in the header, the rest in the DIFAT chain.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) {
      const s = header.readUInt32LE(0x4c + i * 4);
      if (s < endOfChain - 4) fatSectors.push(s);
    }
    let difat = header.readUInt32LE(0x44);
    for (let guard = 0; difat < endOfChain - 4 && guard < 1000; guard++) {
      const d = await sector(difat);
      if (d.length < sectorSize) break;
      for (let i = 0; i < perSector - 1; i++) {
        const s = d.readUInt32LE(i * 4);
        if (s < endOfChain - 4) fatSectors.push(s);
      }
      difat = d.readUInt32LE(sectorSize - 4);
    }
    const fatCache = new Map<number, Buffer>();
    const next = async (n: number): Promise<number> => {
      const which = Math.floor(n / perSector);
      const at = fatSectors[which];
      if (at === undefined) return endOfChain;
      let fat = fatCache.get(which);
      if (!fat) {
        fat = await sector(at);
        fatCache.set(which, fat);
      }
      return (n % perSector) * 4 + 4 <= fat.length ? fat.readUInt32LE((n % perSector) * 4) : endOfChain;
    };

    const names: string[] = [];
    let dir = header.readUInt32LE(0x30);
    for (let guard = 0; dir < endOfChain - 4 && guard < maxSectors; guard++) {
      const d = await sector(dir);
      for (let p = 0; p + 128 <= d.length; p += 128) {
        const nameBytes = d.readUInt16LE(p + 0x40);
        if (nameBytes >= 2 && nameBytes <= 64) names.push(d.toString('utf16le', p, p + nameBytes - 2));
      }
      dir = await next(dir);
    }
    return names;
  } finally {
    await handle.close();
  }
}

/** The refusal for a compound file: a password, or an old .xls. */
export async function compoundFileError(path: string): Promise<AppError> {
  let names: string[] = [];
  try {
    names = await compoundFileNames(path);
  } catch {
    // Unreadable directory: say what the signature says.
  }
  if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) return new AppError('RULE', passwordMessage);
  return new AppError('RULE', oldXlsMessage);
}
