import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../../shared/lib/result';

// An encrypted backup file (.sqlite.enc):
//
//   "TLEDGERBAK1\n" (12 bytes) · salt (16) · IV (12) · ciphertext (= database length) · GCM tag (16)
//
// The key is scrypt(passphrase, salt) with N = 2^15, r = 8, p = 1 (about 32 MiB and a tenth of a
// second: slow enough to make guessing a passphrase from a lost USB stick expensive, quick enough
// for a clerk). AES-256-GCM authenticates the whole file, header included (as associated data), so a
// wrong passphrase and a damaged file are both refused before anything is restored. Files are
// streamed, so a county's database never has to fit in memory.

export const backupMagic = Buffer.from('TLEDGERBAK1\n', 'ascii');
const saltBytes = 16;
const ivBytes = 12;
const tagBytes = 16;
const headerBytes = backupMagic.length + saltBytes + ivBytes;

export const scryptParams = { N: 2 ** 15, r: 8, p: 1 } as const;
// scrypt needs 128 · N · r bytes (32 MiB here); Node's default ceiling is exactly 32 MiB, which it
// counts as exceeded, so the ceiling is raised with room to spare.
const scryptMaxmem = 128 * scryptParams.N * scryptParams.r * 2;

export const wrongPassphraseMessage = '口令不正确，无法解密备份文件';

export function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  const options: ScryptOptions = { ...scryptParams, maxmem: scryptMaxmem };
  return new Promise((resolve, reject) => {
    scryptCb(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** True when the file starts with the encrypted-backup header (whatever its name says). */
export function isEncryptedBackup(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(backupMagic.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(backupMagic);
  } finally {
    closeSync(fd);
  }
}

/** Encrypts `source` into `target` (created or truncated) and flushes it to disk. */
export async function encryptFile(source: string, target: string, passphrase: string): Promise<void> {
  const salt = randomBytes(saltBytes);
  const iv = randomBytes(ivBytes);
  const key = await deriveKey(passphrase, salt);
  const header = Buffer.concat([backupMagic, salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const fd = openSync(target, 'w');
  try {
    writeSync(fd, header);
    await pipeline(createReadStream(source), cipher, createWriteStream('', { fd, autoClose: false, start: headerBytes }));
    writeSync(fd, cipher.getAuthTag(), 0, tagBytes, fstatSync(fd).size);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Decrypts `source` into `target`. A wrong passphrase or a damaged file throws a RULE error and
 * leaves no `target` behind.
 */
export async function decryptFile(source: string, target: string, passphrase: string): Promise<void> {
  const fd = openSync(source, 'r');
  let header: Buffer;
  let tag: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    if (size <= headerBytes + tagBytes) throw new AppError('RULE', '备份文件不完整（可能复制时中断），无法恢复。请换一份备份');
    header = Buffer.alloc(headerBytes);
    readSync(fd, header, 0, headerBytes, 0);
    tag = Buffer.alloc(tagBytes);
    readSync(fd, tag, 0, tagBytes, size - tagBytes);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, backupMagic.length).equals(backupMagic)) {
    throw new AppError('RULE', '这不是本程序加密的备份文件，无法解密');
  }
  const salt = header.subarray(backupMagic.length, backupMagic.length + saltBytes);
  const iv = header.subarray(backupMagic.length + saltBytes);
  const key = await deriveKey(passphrase, salt);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    // The end is inclusive; the plaintext is written, but only trusted once final() has checked the tag.
    await pipeline(createReadStream(source, { start: headerBytes, end: size - tagBytes - 1 }), decipher, createWriteStream(target));
  } catch (err) {
    rmSync(target, { force: true });
    if (err instanceof Error && /unable to authenticate|auth/i.test(err.message)) {
      throw new AppError('RULE', `${wrongPassphraseMessage}。请核对口令（区分大小写）；如口令确实无误，说明这份备份文件已损坏，请换一份备份`, {
        passphrase: wrongPassphraseMessage,
      });
    }
    throw err;
  }
}
