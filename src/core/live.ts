/**
 * Live changes of a consultation (issue 23): what the server's event stream sends and what every
 * backend hands to the session, whether it holds a stream or polls. Ids and counts, never texts a
 * page did not ask for: a page that wants a new proposal's text reads it.
 *
 * Plain types and a cheap shape check, no zod: this ships with the runtime of every page, and a
 * countdown-only page must not download the schemas for it (about 12 KB gzip).
 */
import type { ProposalStatus, VoteTally } from './schemas.js';

export type LiveChange =
  /** A tally moved (at most one per proposal a second). */
  | { type: 'tally'; proposalId: string; tally: VoteTally }
  /** A proposal was published, or a published one no longer is (hidden, withdrawn). */
  | { type: 'proposal'; id: string; status: ProposalStatus }
  /** The consultation changed (a phase moved, a setting): read it again. */
  | { type: 'consultation' }
  /** A moderation decision on one of the reader's own contributions (`kind:id`). */
  | { type: 'mine'; target: string; status: string }
  /** A count of contributions under a target changed (comments on a proposal, amendments of a section). */
  | { type: 'count'; target: string; kind: string; count: number }
  /** The stream could not say what changed since the reader's last event: read everything again. */
  | { type: 'reset' };
export type LiveChangeType = LiveChange['type'];

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 300;
const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const STATUSES: readonly string[] = ['published', 'pending', 'hidden', 'withdrawn'];

/** Each type's fields, checked. */
const SHAPES: Record<LiveChangeType, (d: Record<string, unknown>) => boolean> = {
  tally: (d) => {
    const t = d.tally as Record<string, unknown> | null;
    return (
      str(d.proposalId) &&
      !!t &&
      typeof t === 'object' &&
      t.proposalId === d.proposalId &&
      typeof t.hidden === 'boolean' &&
      (t.total === null || count(t.total)) &&
      (t.counts === null || (typeof t.counts === 'object' && Object.values(t.counts as object).every(count)))
    );
  },
  proposal: (d) => str(d.id) && STATUSES.includes(d.status as string),
  consultation: () => true,
  mine: (d) => str(d.target) && str(d.status),
  count: (d) => str(d.target) && str(d.kind) && count(d.count),
  reset: () => true,
};

/** The SSE `data:` of a change: the change without its type (which is the `event:` name). */
export function liveEventData(change: LiveChange): string {
  const { type: _type, ...rest } = change;
  return JSON.stringify(rest);
}

/** One SSE message back into a change; null when it is not one (a future type, a broken payload). */
export function parseLiveEvent(event: string, data: string): LiveChange | null {
  const shape = Object.prototype.hasOwnProperty.call(SHAPES, event) ? SHAPES[event as LiveChangeType] : null;
  if (!shape) return null;
  try {
    const parsed = JSON.parse(data) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !shape(parsed as Record<string, unknown>)) return null;
    return { ...(parsed as object), type: event } as LiveChange;
  } catch {
    return null;
  }
}
