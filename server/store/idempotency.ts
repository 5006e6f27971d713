/**
 * The stored idempotency keys (server/http/idempotency.ts says how keyed writes use them). A key row is
 * claimed first in the write's own transaction, so a concurrent duplicate waits for it; a key past its
 * `expires_at` is claimed again as if new.
 */
import type { Queryable } from '../db/db.js';

/** Claims (scope, key) for a new request; false when a live row holds it (a replay, or a conflict). */
export async function claimKey(
  q: Queryable,
  scope: string,
  key: string,
  requestHash: string,
  expiresAt: string,
  now: string,
): Promise<boolean> {
  const claimed = await q.query(
    `INSERT INTO idempotency_keys (scope, key, request_hash, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, expires_at = EXCLUDED.expires_at
     WHERE idempotency_keys.expires_at <= $5 RETURNING key`,
    [scope, key, requestHash, expiresAt, now],
  );
  return claimed.length > 0;
}

export async function saveAnswer(q: Queryable, scope: string, key: string, status: number, body: unknown): Promise<void> {
  await q.query('UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2', [
    scope,
    key,
    status,
    JSON.stringify(body ?? null),
  ]);
}

export async function storedAnswer(
  q: Queryable,
  scope: string,
  key: string,
): Promise<{ request_hash: string; status: number; body: unknown } | null> {
  return (
    (
      await q.query<{ request_hash: string; status: number; body: unknown }>(
        'SELECT request_hash, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      )
    )[0] ?? null
  );
}

export async function deleteExpiredKeys(q: Queryable, now: string): Promise<void> {
  await q.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [now]);
}
