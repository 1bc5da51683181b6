import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt as scryptCb,
  type KeyObject,
  type ScryptOptions,
} from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
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

// ---------------------------------------------------------------------------------------------
// Encrypted automatic backups (issue 16, item 5)
//
// The daily backup runs with nobody at the keys, so it cannot ask for the passphrase; and the
// program must not keep the passphrase (or a key derived from it) that would decrypt the backups:
// whoever copies the backups folder and the database together would then read both. So the
// admin's passphrase protects a key pair (X25519):
//
//   - the public key is stored, with the private key encrypted under scrypt(passphrase) —
//     the "recipient" (autoBackupRecipient). The program can encrypt, never decrypt.
//   - each automatic backup gets a fresh ephemeral key pair; ECDH with the stored public key and
//     HKDF-SHA256 give its AES-256-GCM key. The file carries the recipient (public key, salt and
//     the wrapped private key) and the ephemeral public key in its authenticated header, so it is
//     self-contained: restoring it needs only the passphrase, even on another PC or after the
//     setting was changed or turned off.
//
//   "TLEDGERBAK2\n" · header length (u32 BE) · header JSON { recipient, ephemeral } · IV (12) ·
//   ciphertext · GCM tag (16)
//
// A forgotten passphrase makes those backups unreadable: the settings page says so.

export const autoBackupMagic = Buffer.from('TLEDGERBAK2\n', 'ascii');
const hkdfInfo = Buffer.from('township-ledger automatic backup v2', 'utf8');
const wrapAad = Buffer.from('township-ledger automatic backup key', 'utf8');

/** What the program stores for encrypted automatic backups: nothing in it decrypts a backup. */
export interface AutoBackupRecipient {
  v: 1;
  /** X25519 public key, SPKI DER, base64. */
  publicKey: string;
  /** scrypt salt for the passphrase, base64. */
  salt: string;
  /** AES-256-GCM IV of the wrapped private key, base64. */
  iv: string;
  /** The private key (PKCS#8 DER) encrypted under scrypt(passphrase, salt), tag appended, base64. */
  wrappedPrivateKey: string;
}

export async function createAutoBackupRecipient(passphrase: string): Promise<AutoBackupRecipient> {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const salt = randomBytes(saltBytes);
  const iv = randomBytes(ivBytes);
  const kek = await deriveKey(passphrase, salt);
  const publicDer = publicKey.export({ format: 'der', type: 'spki' });
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.concat([wrapAad, publicDer]));
  const wrapped = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final(), cipher.getAuthTag()]);
  return { v: 1, publicKey: publicDer.toString('base64'), salt: salt.toString('base64'), iv: iv.toString('base64'), wrappedPrivateKey: wrapped.toString('base64') };
}

export function parseRecipient(text: string): AutoBackupRecipient {
  const r = JSON.parse(text) as Partial<AutoBackupRecipient>;
  if (r.v !== 1 || typeof r.publicKey !== 'string' || typeof r.salt !== 'string' || typeof r.iv !== 'string' || typeof r.wrappedPrivateKey !== 'string') {
    throw new AppError('RULE', '自动备份的加密设置已损坏，请管理员在“数据备份”页重新设置口令');
  }
  return r as AutoBackupRecipient;
}

function sharedKey(privateKey: KeyObject, publicKey: KeyObject, ephemeralDer: Buffer): Buffer {
  const secret = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', secret, ephemeralDer, hkdfInfo, 32));
}

/** True when the file is an encrypted automatic backup (v2 header). */
export function isAutoEncryptedBackup(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(autoBackupMagic.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(autoBackupMagic);
  } finally {
    closeSync(fd);
  }
}

/** Encrypts `source` into `target` for the recipient, streamed (the plaintext is never in memory whole). */
export async function encryptFileForRecipient(source: string, target: string, recipient: AutoBackupRecipient): Promise<void> {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const key = sharedKey(ephemeral.privateKey, createPublicKey({ key: Buffer.from(recipient.publicKey, 'base64'), format: 'der', type: 'spki' }), ephemeralDer);
  const json = Buffer.from(JSON.stringify({ recipient, ephemeral: ephemeralDer.toString('base64') }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const iv = randomBytes(ivBytes);
  const header = Buffer.concat([autoBackupMagic, length, json, iv]);
  await encryptBody(source, target, header, key, iv);
}

/** Decrypts an automatic backup with the admin's passphrase; wrong passphrase or damage → RULE error, no `target`. */
export async function decryptAutoBackup(source: string, target: string, passphrase: string): Promise<void> {
  const fd = openSync(source, 'r');
  let header: Buffer;
  let parsed: { recipient: AutoBackupRecipient; ephemeral: string };
  try {
    const size = fstatSync(fd).size;
    const fixed = Buffer.alloc(autoBackupMagic.length + 4);
    if (readSync(fd, fixed, 0, fixed.length, 0) < fixed.length) throw damaged();
    const jsonLength = fixed.readUInt32BE(autoBackupMagic.length);
    if (jsonLength > 64 * 1024 || fixed.length + jsonLength + ivBytes + tagBytes > size) throw damaged();
    header = Buffer.alloc(fixed.length + jsonLength + ivBytes);
    readSync(fd, header, 0, header.length, 0);
    try {
      const raw = JSON.parse(header.subarray(fixed.length, fixed.length + jsonLength).toString('utf8')) as { recipient: unknown; ephemeral: unknown };
      if (typeof raw.ephemeral !== 'string') throw new Error('shape');
      parsed = { recipient: parseRecipient(JSON.stringify(raw.recipient)), ephemeral: raw.ephemeral };
    } catch {
      throw damaged();
    }
  } finally {
    closeSync(fd);
  }
  const r = parsed.recipient;
  const kek = await deriveKey(passphrase, Buffer.from(r.salt, 'base64'));
  const publicDer = Buffer.from(r.publicKey, 'base64');
  let privateDer: Buffer;
  try {
    const wrapped = Buffer.from(r.wrappedPrivateKey, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(r.iv, 'base64'));
    decipher.setAAD(Buffer.concat([wrapAad, publicDer]));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - tagBytes));
    privateDer = Buffer.concat([decipher.update(wrapped.subarray(0, wrapped.length - tagBytes)), decipher.final()]);
  } catch {
    throw wrongPassphrase();
  }
  const privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
  const ephemeralDer = Buffer.from(parsed.ephemeral, 'base64');
  const key = sharedKey(privateKey, createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' }), ephemeralDer);
  await decryptBody(source, target, header, key, header.subarray(header.length - ivBytes));
}

/** Whether `passphrase` opens the recipient's private key (checked before the setting is changed). */
export async function recipientOpensWith(recipient: AutoBackupRecipient, passphrase: string): Promise<boolean> {
  try {
    const kek = await deriveKey(passphrase, Buffer.from(recipient.salt, 'base64'));
    const wrapped = Buffer.from(recipient.wrappedPrivateKey, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(recipient.iv, 'base64'));
    decipher.setAAD(Buffer.concat([wrapAad, Buffer.from(recipient.publicKey, 'base64')]));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - tagBytes));
    decipher.update(wrapped.subarray(0, wrapped.length - tagBytes));
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

function damaged(): AppError {
  return new AppError('RULE', '备份文件不完整或已损坏（可能复制时中断），无法恢复。请换一份备份');
}

function wrongPassphrase(): AppError {
  return new AppError('RULE', `${wrongPassphraseMessage}。请核对口令（区分大小写）；如口令确实无误，说明这份备份文件已损坏，请换一份备份`, {
    passphrase: wrongPassphraseMessage,
  });
}

/** header · AES-256-GCM(source) · tag into `target`, streamed and flushed. */
async function encryptBody(source: string, target: string, header: Buffer, key: Buffer, iv: Buffer): Promise<void> {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const fd = openSync(target, 'w');
  try {
    writeSync(fd, header);
    await pipeline(createReadStream(source), cipher, createWriteStream('', { fd, autoClose: false, start: header.length }));
    writeSync(fd, cipher.getAuthTag(), 0, tagBytes, fstatSync(fd).size);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function decryptBody(source: string, target: string, header: Buffer, key: Buffer, iv: Buffer): Promise<void> {
  const size = statSync(source).size;
  const tag = Buffer.alloc(tagBytes);
  const fd = openSync(source, 'r');
  try {
    readSync(fd, tag, 0, tagBytes, size - tagBytes);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    await pipeline(createReadStream(source, { start: header.length, end: size - tagBytes - 1 }), decipher, createWriteStream(target));
  } catch (err) {
    rmSync(target, { force: true });
    if (err instanceof Error && /unable to authenticate|auth/i.test(err.message)) throw damaged();
    throw err;
  }
}
