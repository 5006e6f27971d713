/**
 * Organiser sessions and sign-in throttling, in the database so every server process agrees.
 * Only a SHA-256 of the cookie value is stored. Times come from the server's clock (tests move it).
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { iso, sha256 } from './ids.js';

export interface SessionPolicy {
  /** Unused this long, a session ends. */
  idleMs: number;
  /** Used or not, a session ends this long after sign-in. */
  absoluteMs: number;
  /** Failed sign-ins per account, per address, within `failureWindowMs`, before 429. */
  failuresPerAccount: number;
  failuresPerAddress: number;
  failureWindowMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
  failuresPerAccount: 5,
  failuresPerAddress: 20,
  failureWindowMs: 15 * 60_000,
};

export interface SessionRecord {
  organiserId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  tokenHash: string;
}

/** A new session: the cookie value (given to the browser once) and its CSRF token. */
export async function openSession(q: Queryable, organiserId: string, now: number): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await q.query(
    'INSERT INTO organiser_sessions (token_hash, organiser_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)',
    [sha256(token), organiserId, csrfToken, new Date(now)],
  );
  return { token, csrfToken };
}

/** The live session of a cookie value, touched; an expired one is deleted and null returned. */
export async function useSession(q: Queryable, token: string, now: number, policy: SessionPolicy): Promise<SessionRecord | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256(token);
  const rows = await q.query<{ organiser_id: string; csrf_token: string; created_at: unknown; last_seen_at: unknown }>(
    'SELECT organiser_id, csrf_token, created_at, last_seen_at FROM organiser_sessions WHERE token_hash = $1',
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  const createdAt = Date.parse(iso(row.created_at));
  const lastSeenAt = Date.parse(iso(row.last_seen_at));
  if (now - lastSeenAt >= policy.idleMs || now - createdAt >= policy.absoluteMs) {
    await q.query('DELETE FROM organiser_sessions WHERE token_hash = $1', [tokenHash]);
    return null;
  }
  await q.query('UPDATE organiser_sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, new Date(now)]);
  return { organiserId: row.organiser_id, csrfToken: row.csrf_token, createdAt, lastSeenAt: now, tokenHash };
}

export async function closeSession(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM organiser_sessions WHERE token_hash = $1', [sha256(token)]);
}

/** Sign-out everywhere (and after a password reset). */
export async function closeAllSessions(q: Queryable, organiserId: string): Promise<number> {
  return (await q.query('DELETE FROM organiser_sessions WHERE organiser_id = $1 RETURNING 1', [organiserId])).length;
}

/** Seconds to wait when either key is over its limit, else 0. */
export async function signInWait(
  q: Queryable,
  keys: { account: string; address: string },
  now: number,
  policy: SessionPolicy,
): Promise<number> {
  const since = new Date(now - policy.failureWindowMs);
  const rows = await q.query<{ key: string; n: number; oldest: unknown }>(
    'SELECT key, count(*)::int AS n, min(at) AS oldest FROM sign_in_failures WHERE key = ANY($1) AND at > $2 GROUP BY key',
    [[`account:${keys.account}`, `ip:${keys.address}`], since],
  );
  let wait = 0;
  for (const row of rows) {
    const limit = row.key.startsWith('account:') ? policy.failuresPerAccount : policy.failuresPerAddress;
    if (row.n >= limit) wait = Math.max(wait, Math.ceil((Date.parse(iso(row.oldest)) + policy.failureWindowMs - now) / 1000));
  }
  return Math.max(0, wait);
}

export async function recordFailure(
  q: Queryable,
  keys: { account: string; address: string },
  now: number,
  policy: SessionPolicy,
): Promise<void> {
  await q.query('INSERT INTO sign_in_failures (key, at) VALUES ($1, $3), ($2, $3)', [
    `account:${keys.account}`,
    `ip:${keys.address}`,
    new Date(now),
  ]);
  await q.query('DELETE FROM sign_in_failures WHERE at < $1', [new Date(now - policy.failureWindowMs)]);
}

export async function clearAccountFailures(q: Queryable, account: string): Promise<void> {
  await q.query('DELETE FROM sign_in_failures WHERE key = $1', [`account:${account}`]);
}
