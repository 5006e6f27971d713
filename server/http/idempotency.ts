/**
 * Keyed writes. In ONE transaction: insert (scope, key) first, then write, then store the answer.
 * A concurrent duplicate blocks on that insert until the first commits, finds the row, and replays
 * the stored answer; if the first fails, its row rolls back with it and the duplicate proceeds.
 * Refused writes (4xx) are not stored, so a retry after fixing the cause may succeed.
 */
import type { Context } from 'hono';
import type { Db, Queryable } from '../db/db.js';
import { sha256 } from '../store/ids.js';
import { fail } from './problem.js';

export interface WriteOutcome { status: number; body: unknown }

export function idempotencyKey(c: Context): string | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    fail('validation', 'Invalid Idempotency-Key', { fieldErrors: [{ field: 'Idempotency-Key', code: 'invalid', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' }] });
  }
  return key;
}

/**
 * Runs `write` once per (scope, key). `fingerprint` identifies the request (method, path, body): the
 * same key with another request is a 409 conflict. Returns the outcome and whether it was replayed.
 */
export async function keyedWrite(
  db: Db, scope: string, key: string | null, fingerprint: string, write: (tx: Queryable) => Promise<WriteOutcome>,
): Promise<WriteOutcome & { replayed: boolean }> {
  if (!key) return { ...(await db.transaction(write)), replayed: false };
  const hash = sha256(fingerprint);
  const fresh = await db.transaction(async (tx) => {
    const claimed = await tx.query('INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key', [scope, key, hash]);
    if (!claimed.length) return null;
    const outcome = await write(tx);
    await tx.query('UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2', [scope, key, outcome.status, JSON.stringify(outcome.body ?? null)]);
    return outcome;
  });
  if (fresh) return { ...fresh, replayed: false };
  const stored = (await db.query<{ request_hash: string; status: number; body: unknown }>(
    'SELECT request_hash, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key],
  ))[0];
  if (!stored) fail('conflict', 'The first request with this Idempotency-Key is still running; retry');
  if (stored.request_hash !== hash) fail('conflict', 'This Idempotency-Key was already used for another request');
  return { status: stored.status, body: stored.body, replayed: true };
}
