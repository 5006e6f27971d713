/** Bearer tokens: participants (hashed in the database) and the admin token (constant-time compare). */
import type { Context } from 'hono';
import type { Participant } from '../../src/core/schemas.js';
import type { AppContext, Env } from '../context.js';
import { isAdminToken } from '../store/admin-tokens.js';
import { participantByToken } from '../store/participants.js';
import { fail } from './problem.js';
import { rateWait } from './rate-limit.js';

export function bearer(c: Context): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return match ? match[1]! : null;
}

const UNKNOWN_TOKEN = { detail: 'Ask for a new token with POST /api/v1/participants' };

/**
 * The bearer token of a write that a database function authenticates in the same statement (issue 25):
 * 401 without one, or with one too long to be ours; the function says 401 for a token it does not know.
 */
export function writerToken(c: Context): string {
  const token = bearer(c);
  if (!token)
    fail('unauthorized', 'A participant token is required', {
      detail: 'Send Authorization: Bearer <token> from POST /api/v1/participants',
    });
  if (token.length > 200) fail('unauthorized', 'Unknown participant token', UNKNOWN_TOKEN);
  return token;
}

/** The participant of the bearer token; null without a token; 401 for a token the server does not know. */
export async function currentParticipant(ctx: AppContext, c: Context<Env>): Promise<Participant | null> {
  const token = bearer(c);
  if (!token) return null;
  const participant = token.length <= 200 ? await participantByToken(ctx.db, token) : null;
  if (!participant) fail('unauthorized', 'Unknown participant token', UNKNOWN_TOKEN);
  return participant;
}

/** The participant a write acts for (401 without one), counted against the write rate limits. */
export async function writer(ctx: AppContext, c: Context<Env>): Promise<Participant> {
  const participant = await currentParticipant(ctx, c);
  if (!participant)
    fail('unauthorized', 'A participant token is required', {
      detail: 'Send Authorization: Bearer <token> from POST /api/v1/participants',
    });
  throttle(
    await rateWait(ctx.db, ctx.now(), [
      [ctx.participantWrites, participant.id],
      [ctx.ipWrites, ctx.clientIp(c)],
    ]),
  );
  return participant;
}

export function throttle(retryAfter: number): void {
  if (retryAfter > 0) fail('rate-limited', 'Too many requests', { retryAfter, detail: `Try again in ${retryAfter} s` });
}

/** The automation token (rotatable: see store/admin-tokens.ts). */
export async function requireAdmin(ctx: AppContext, c: Context): Promise<void> {
  if (!(await isAdminToken(ctx.db, bearer(c) ?? '', ctx.adminToken))) fail('unauthorized', 'Admin token required');
}
