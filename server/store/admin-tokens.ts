/**
 * The automation token (ADMIN_TOKEN): for API calls by scripts, never needed by a person. Rotating it
 * stores the new token's hash and revokes every other, the configured one included, across restarts.
 * The one-time setup token (first admin) lives here too.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { sha256 } from './ids.js';

/** Stored tokens win (active or revoked); a token the database has never seen is compared with `configured`. */
export async function isAdminToken(q: Queryable, token: string, configured: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const rows = await q.query<{ revoked_at: unknown }>('SELECT revoked_at FROM admin_tokens WHERE token_hash = $1', [sha256(token)]);
  if (rows[0]) return !rows[0].revoked_at;
  // Hashing both sides gives equal lengths for timingSafeEqual.
  return configured !== '' && timingSafeEqual(Buffer.from(sha256(token)), Buffer.from(sha256(configured)));
}

/** True once a token was rotated: the server then generates none at start. */
export async function adminTokenRotated(q: Queryable): Promise<boolean> {
  return (await q.query('SELECT 1 FROM admin_tokens LIMIT 1')).length > 0;
}

/** A new token; every other one, and the configured one, stop working. */
export async function rotateAdminToken(q: Queryable, configured: string, at: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.query('UPDATE admin_tokens SET revoked_at = $1 WHERE revoked_at IS NULL', [new Date(at)]);
  if (configured)
    await q.query(
      'INSERT INTO admin_tokens (token_hash, revoked_at) VALUES ($1, $2) ON CONFLICT (token_hash) DO UPDATE SET revoked_at = EXCLUDED.revoked_at',
      [sha256(configured), new Date(at)],
    );
  await q.query('INSERT INTO admin_tokens (token_hash) VALUES ($1)', [sha256(token)]);
  return token;
}

/** The one-time setup token, while no organiser exists (printed by the server at start). */
export async function newSetupToken(q: Queryable): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await q.query('DELETE FROM organiser_setup');
  await q.query('INSERT INTO organiser_setup (token_hash) VALUES ($1)', [sha256(token)]);
  return token;
}

/** Consumes the setup token: true once. */
export async function useSetupToken(q: Queryable, token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  return (await q.query('DELETE FROM organiser_setup WHERE token_hash = $1 RETURNING 1', [sha256(token)])).length > 0;
}
