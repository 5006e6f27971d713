import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { actionWindow, type Action } from '../../src/core/phase.js';
import type { Consultation, Participant } from '../../src/core/schemas.js';
import type { AppContext, Env } from '../context.js';
import type { Queryable } from '../db/db.js';
import { writer, writerToken } from '../http/auth.js';
import { readJson } from '../http/body.js';
import { idempotencyKey, keyedWrite, type WriteOutcome } from '../http/idempotency.js';
import { fail } from '../http/problem.js';
import type { WriterRequest } from '../store/write-function.js';

/** What identifies a request for its idempotency key: method, path and the validated body. */
export function fingerprint(c: Context, canonicalBody = ''): string {
  return `${c.req.method} ${c.req.path}\n${canonicalBody}`;
}

/** The answer of a keyed write; replays say so in `Idempotent-Replayed`. */
export function written(c: Context, outcome: WriteOutcome & { replayed: boolean }): Response {
  c.header('cache-control', 'no-store');
  if (outcome.replayed) c.header('idempotent-replayed', 'true');
  return c.json(outcome.body as object, outcome.status as 200);
}

export function requireOpen(consultation: Consultation, action: Action, now: number): void {
  const closed = closedFor(consultation, action, now);
  if (closed) fail('closed', closed.title, closed.detail ? { detail: closed.detail } : {});
}

/** Why the current phase refuses `action` (title, detail), or null when it accepts it. */
export function closedFor(consultation: Consultation, action: Action, now: number): { title: string; detail?: string } | null {
  const window = actionWindow(consultation, action, now);
  if (window.open) return null;
  const what = { proposals: 'new proposals', votes: 'votes', eventProposals: 'proposed events' }[action];
  return {
    title: `The current phase does not accept ${what}`,
    ...(window.opensAt ? { detail: `Next open from ${window.opensAt.startsAt}` } : {}),
  };
}

export function rejectHoneypot(website: string | undefined): void {
  if (website?.trim()) fail('forbidden', 'Rejected as spam');
}

/** Query strings are text: numbers are converted before the shared schema checks them. */
export function queryObject(c: Context, numeric: string[] = ['limit']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(c.req.query())) {
    if (value === '') continue;
    out[name] = numeric.includes(name) && /^\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}

export interface ParticipantWrite<T> {
  consultation: Consultation;
  participant: Participant;
  input: T;
  tx: Queryable;
}

/**
 * A participant's keyed write on one consultation (`:id`), in the order every such route follows: the
 * consultation (404), the token (401) and the write rate limits (429), the Idempotency-Key (422), the JSON
 * body when there is one (422) and its honeypot (403); then `write` once per key, in one transaction.
 */
export async function participantWrite<S extends z.ZodMiniType>(
  ctx: AppContext,
  c: Context<Env>,
  body: S | null,
  write: (w: ParticipantWrite<z.infer<S>>) => Promise<WriteOutcome>,
): Promise<Response> {
  const { consultation } = ctx.consultation(c.req.param('id') ?? '');
  const participant = await writer(ctx, c);
  const key = idempotencyKey(c);
  const { data, canonical } = body ? await readJson(c, body, ctx.limits.jsonDepth) : { data: undefined as z.infer<S>, canonical: '' };
  rejectHoneypot((data as { website?: string } | undefined)?.website);
  const outcome = await keyedWrite(
    ctx.db,
    `p:${participant.id}`,
    key,
    fingerprint(c, canonical),
    (tx) => write({ consultation, participant, input: data, tx }),
    { now: ctx.now() },
  );
  return written(c, outcome);
}

/**
 * The prologue of a write that one database function runs whole (issue 25: store/write-function.ts), in
 * `participantWrite`'s order: the consultation (404), a token (401; the function checks it is known), the
 * Idempotency-Key (422), the JSON body (422) and its honeypot (403). Returns the body and what every such
 * write passes on.
 */
export async function functionWrite<S extends z.ZodMiniType>(
  ctx: AppContext,
  c: Context<Env>,
  body: S,
): Promise<{ consultation: Consultation; input: z.infer<S>; request: WriterRequest }> {
  const { consultation } = ctx.consultation(c.req.param('id') ?? '');
  const token = writerToken(c);
  const key = idempotencyKey(c);
  const { data: input, canonical } = await readJson(c, body, ctx.limits.jsonDepth);
  rejectHoneypot((input as { website?: string }).website);
  const request = { token, key, fingerprint: fingerprint(c, canonical), ip: ctx.clientIp(c), now: ctx.now(), limits: ctx.limits };
  return { consultation, input, request };
}
