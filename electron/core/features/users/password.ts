import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt with N=2^17, r=8, p=1 (128 MiB, a few hundred ms on an office PC): guessing from a stolen
// database file costs that much per guess. The parameters live in each hash string
// (`scrypt$N$r$p$salt$hash`), so older hashes still verify and are upgraded at the next sign-in.
export const productionCost = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 32;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

let cost: ScryptCost = productionCost;
let calls = 0;

/** Tests only: a cheaper cost so hundreds of sign-ins stay fast. Production never calls this. */
export function setPasswordCostForTests(next: ScryptCost | null): void {
  cost = next ?? productionCost;
}

/** How many scrypt derivations ran (tests check that an unknown name costs one too). */
export function scryptCallCount(): number {
  return calls;
}

// scrypt refuses to use more than maxmem; it needs 128 * N * r bytes plus a little.
const maxmemFor = (c: ScryptCost): number => 128 * c.N * c.r + 16 * 1024 * 1024;

function derive(password: string, salt: Buffer, c: ScryptCost): Promise<Buffer> {
  calls++;
  const opts: ScryptOptions = { N: c.N, r: c.r, p: c.p, maxmem: maxmemFor(c) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, all in one text column so parameters can change later. */
export async function hashPassword(password: string): Promise<string> {
  const c = cost;
  const salt = randomBytes(16);
  const key = await derive(password, salt, c);
  return ['scrypt', c.N, c.r, c.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string): { c: ScryptCost; salt: Buffer; hash: Buffer } | null {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const c = { N: Number(n), r: Number(r), p: Number(p) };
  // A hash string with absurd parameters must not make a sign-in allocate gigabytes.
  if (![c.N, c.r, c.p].every(Number.isSafeInteger) || c.N < 2 || c.N > 2 ** 20 || c.r < 1 || c.r > 32 || c.p < 1 || c.p > 4) return null;
  return { c, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.c);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** True when a hash was made with a lower cost than today's: rehash it after a correct password. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  return parsed.c.N < cost.N || parsed.c.r < cost.r || parsed.c.p < cost.p;
}

// A hash of a random password at today's cost: an unknown login name is checked against it, so it
// takes as long as a real one and the answer time does not tell which names exist.
let dummy: { cost: ScryptCost; hash: Promise<string> } | null = null;

export function dummyHash(): Promise<string> {
  if (!dummy || dummy.cost !== cost) dummy = { cost, hash: hashPassword(randomBytes(18).toString('base64')) };
  return dummy.hash;
}
