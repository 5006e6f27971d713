import type { Context } from 'hono';
import { actionWindow, type Action } from '../../src/core/phase.js';
import type { Consultation } from '../../src/core/schemas.js';
import type { WriteOutcome } from '../http/idempotency.js';
import { fail } from '../http/problem.js';

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
  return { title: `The current phase does not accept ${what}`, ...(window.opensAt ? { detail: `Next open from ${window.opensAt.startsAt}` } : {}) };
}

export function rejectHoneypot(website: string | undefined): void {
  if (website?.trim()) fail('forbidden', 'Rejected as spam');
}
