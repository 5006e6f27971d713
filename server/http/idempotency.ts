/**
 * Keyed writes. In ONE transaction: insert (scope, key) first, then write, then store the answer.
 * A concurrent duplicate blocks on that insert until the first commits, finds the row, and replays
 * the stored answer; if the first fails, its row rolls back with it and the duplicate proceeds.
 * Refused writes (4xx) are not stored, so a retry after fixing the cause may succeed.
 *
 * Stored keys expire: after `lifeMs` (24 hours unless the route says less) a key is unknown again (a
 * new request), and expired rows are deleted, at most every 10 minutes, after a keyed write.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { Db, Queryable } from '../db/db.js';
import { claimKey, deleteExpiredKeys, saveAnswer, storedAnswer } from '../store/idempotency.js';
import { sha256 } from '../store/ids.js';
import { fail } from './problem.js';

export interface WriteOutcome {
  status: number;
  body: unknown;
}

/** How long a stored key replays its answer: 24 hours. */
export const KEY_LIFE_MS = 24 * 3_600_000;
/** Expired keys are deleted at most this often (per process). */
const PURGE_EVERY_MS = 10 * 60_000;
export const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface KeyPolicy {
  /** The server's clock, ms. */
  now: number;
  lifeMs?: number;
}

/** The Idempotency-Key header (null without one); 422 unless 1-200 visible ASCII characters, at least `minLength`. */
export function idempotencyKey(c: Context, minLength = 1): string | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!KEY_PATTERN.test(key) || key.length < minLength) {
    const size = minLength > 1 ? `${minLength} to 200` : '1 to 200';
    fail('validation', 'Invalid Idempotency-Key', {
      fieldErrors: [{ field: 'Idempotency-Key', code: 'invalid', message: `Idempotency-Key must be ${size} visible ASCII characters` }],
    });
  }
  return key;
}

const lastPurge = new WeakMap<Db, number>();

async function purgeExpired(db: Db, now: number): Promise<void> {
  const last = lastPurge.get(db);
  if (last !== undefined && now - last < PURGE_EVERY_MS && now >= last) return;
  lastPurge.set(db, now);
  await deleteExpiredKeys(db, new Date(now).toISOString());
}

/**
 * Runs `write` once per (scope, key) during the key's life. `fingerprint` identifies the request
 * (method, path, body): the same key with another request is a 409 conflict. Returns the outcome and
 * whether it was replayed.
 */
export async function keyedWrite(
  db: Db,
  scope: string,
  key: string | null,
  fingerprint: string,
  write: (tx: Queryable) => Promise<WriteOutcome>,
  policy: KeyPolicy,
): Promise<WriteOutcome & { replayed: boolean }> {
  if (!key) return { ...(await db.transaction(write)), replayed: false };
  const hash = sha256(fingerprint);
  const now = new Date(policy.now).toISOString();
  const expires = new Date(policy.now + (policy.lifeMs ?? KEY_LIFE_MS)).toISOString();
  const fresh = await db.transaction(async (tx) => {
    // A key past its life is claimed again as if new.
    if (!(await claimKey(tx, scope, key, hash, expires, now))) return null;
    const outcome = await write(tx);
    await saveAnswer(tx, scope, key, outcome.status, outcome.body);
    return outcome;
  });
  if (fresh) {
    await purgeExpired(db, policy.now);
    return { ...fresh, replayed: false };
  }
  const stored = await storedAnswer(db, scope, key);
  if (!stored) fail('conflict', 'The first request with this Idempotency-Key is still running; retry');
  if (stored.request_hash !== hash) fail('conflict', 'This Idempotency-Key was already used for another request');
  return { status: stored.status, body: stored.body, replayed: true };
}

/** A secret kept for replays, sealed (AES-256-GCM) under a key derived from the Idempotency-Key: only its sender can open it. */
export function sealWithKey(secret: string, idempotencyKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openWithKey(sealed: string, idempotencyKey: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

function sealingKey(idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, 'pgo-widgets idempotency', 'sealed replay', 32));
}
