/**
 * Organiser passwords: scrypt (memory-hard, Node's own crypto: no native dependency), stored as
 * `scrypt$N$r$p$salt$hash` so the parameters can grow later without breaking old hashes.
 * Default N = 2^15, r = 8, p = 3: one of the equivalent minimums of OWASP's Password Storage Cheat Sheet
 * (32 MiB per hash), 16-byte random salt, 32-byte key. passwords.test.ts checks what is stored. Tests of
 * other things may pass lighter parameters (`ScryptParams`) to keep sign-in fast; the hash says which.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that for the defaults.
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Hashes of nothing in particular: an unknown account costs the same time as a known one. */
const decoys = new Map<string, Promise<string>>();

/** Constant-time check; `stored` null (unknown account, OIDC-only account) still spends one hash. */
export async function verifyPassword(password: string, stored: string | null, params: ScryptParams = SCRYPT): Promise<boolean> {
  const decoyKey = `${params.N}/${params.r}/${params.p}`;
  if (!decoys.has(decoyKey)) decoys.set(decoyKey, hashPassword(randomBytes(16).toString('hex'), params));
  const parts = (stored ?? (await decoys.get(decoyKey)!)).split('$');
  const [scheme, n, r, p, salt, key] = parts;
  if (scheme !== 'scrypt' || parts.length !== 6) return false;
  const use = { N: Number(n), r: Number(r), p: Number(p) };
  // A tampered row must not make the server allocate without bound.
  if (!(use.N >= 2 && use.N <= 2 ** 20 && use.r >= 1 && use.r <= 32 && use.p >= 1 && use.p <= 16)) return false;
  const expected = Buffer.from(key!, 'base64url');
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), use, expected.length);
  return stored !== null && timingSafeEqual(actual, expected);
}
