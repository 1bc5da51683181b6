import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, productionCost, verifyPassword } from '../../electron/core/features/users/password';

// Issue 16 #16: scrypt at N = 2^17 by default (the unit project sets no cheaper test cost).
describe('password hashing', () => {
  it('hashes at N = 2^17, r = 8, p = 1 by default and verifies it', async () => {
    expect(productionCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await hashPassword('Admin1234');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('Admin1234', hash)).toBe(true);
    expect(await verifyPassword('Admin1235', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  }, 20_000);

  it('still verifies an old N = 2^15 hash and asks for it to be upgraded', async () => {
    // Made by the program before this change (scrypt$32768$8$1$salt$key).
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync('Admin1234'.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('Admin1234', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuses hash strings with absurd parameters instead of allocating for them', async () => {
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
});
