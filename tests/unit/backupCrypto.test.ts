import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupMagic, decryptFile, encryptFile, isEncryptedBackup, wrongPassphraseMessage } from '../../electron/core/features/backups/crypto';
import { AppError } from '../../shared/lib/result';

const dir = mkdtempSync(join(tmpdir(), 'ledger-crypto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// An odd size (not a multiple of the AES block or of a stream chunk) of random bytes.
const plain = randomBytes(3 * 65_536 + 123);
const source = join(dir, 'plain.sqlite');
writeFileSync(source, plain);
const passphrase = '春耕 2026 备份口令';

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('should have been refused');
}

describe('encrypted backup files', () => {
  const encrypted = join(dir, 'backup.sqlite.enc');

  it('round trip: the decrypted file is the original, byte for byte', async () => {
    await encryptFile(source, encrypted, passphrase);
    const bytes = readFileSync(encrypted);
    // magic · salt 16 · IV 12 · ciphertext (same length as the plain file) · tag 16
    expect(bytes.subarray(0, 12).toString('ascii')).toBe('TLEDGERBAK1\n');
    expect(bytes.length).toBe(backupMagic.length + 16 + 12 + plain.length + 16);
    expect(bytes.includes(plain.subarray(1000, 1064))).toBe(false);
    expect(isEncryptedBackup(encrypted)).toBe(true);
    expect(isEncryptedBackup(source)).toBe(false);

    const out = join(dir, 'roundtrip.sqlite');
    await decryptFile(encrypted, out, passphrase);
    expect(readFileSync(out).equals(plain)).toBe(true);
  });

  it('two encryptions of the same data differ (random salt and IV)', async () => {
    const again = join(dir, 'again.sqlite.enc');
    await encryptFile(source, again, passphrase);
    expect(readFileSync(again).subarray(12, 40).equals(readFileSync(encrypted).subarray(12, 40))).toBe(false);
  });

  it('a wrong passphrase is refused and leaves no output file', async () => {
    const out = join(dir, 'wrong.sqlite');
    const err = await refusal(() => decryptFile(encrypted, out, `${passphrase}x`));
    expect(err.code).toBe('RULE');
    expect(err.message).toContain(wrongPassphraseMessage);
    expect(existsSync(out)).toBe(false);
  });

  it('a flipped byte in the ciphertext is refused', async () => {
    const damaged = join(dir, 'flipped.sqlite.enc');
    const bytes = readFileSync(encrypted);
    bytes[5000] = bytes[5000]! ^ 0x01;
    writeFileSync(damaged, bytes);
    const out = join(dir, 'flipped.sqlite');
    const err = await refusal(() => decryptFile(damaged, out, passphrase));
    expect(err.message).toContain('无法解密');
    expect(existsSync(out)).toBe(false);
  });

  it('a truncated file is refused (the tag no longer matches, or it is too short to hold one)', async () => {
    const cut = join(dir, 'cut.sqlite.enc');
    writeFileSync(cut, readFileSync(encrypted));
    truncateSync(cut, statSync(cut).size - 1000);
    await expect(decryptFile(cut, join(dir, 'cut.sqlite'), passphrase)).rejects.toThrow(/无法解密/);
    truncateSync(cut, 30);
    await expect(decryptFile(cut, join(dir, 'cut2.sqlite'), passphrase)).rejects.toThrow(/不完整/);
  });

  it('a file without the header is not taken for an encrypted backup', async () => {
    await expect(decryptFile(source, join(dir, 'nope.sqlite'), passphrase)).rejects.toThrow(/不是本程序加密的备份文件/);
  });
});
