/**
 * Live changes of a consultation (issue 23): what the server's event stream sends and what every
 * backend hands to the session, whether it holds a stream or polls. Ids and counts, never texts a
 * page did not ask for: a page that wants a new proposal's text reads it.
 */
import * as z from 'zod/mini';
import { ProposalStatus, VoteTally } from './schemas.js';

/** The id rule of the schemas (a proposal's). */
const Id = VoteTally.shape.proposalId;

/** A tally moved (at most one per proposal a second). */
export const LiveTally = z.object({ type: z.literal('tally'), proposalId: Id, tally: VoteTally });
/** A proposal was published, or a published one no longer is (hidden, withdrawn). */
export const LiveProposal = z.object({ type: z.literal('proposal'), id: Id, status: ProposalStatus });
/** The consultation changed (a phase moved, a setting): read it again. */
export const LiveConsultation = z.object({ type: z.literal('consultation') });
/** A moderation decision on one of the reader's own contributions (`kind:id`). */
export const LiveMine = z.object({ type: z.literal('mine'), target: z.string(), status: z.string() });
/** A count of contributions under a target changed (comments on a proposal, amendments of a section). */
export const LiveCount = z.object({ type: z.literal('count'), target: z.string(), kind: z.string(), count: z.int().check(z.gte(0)) });
/** The stream could not say what changed since the reader's last event: read everything again. */
export const LiveReset = z.object({ type: z.literal('reset') });

export const LiveChange = z.discriminatedUnion('type', [LiveTally, LiveProposal, LiveConsultation, LiveMine, LiveCount, LiveReset]);
export type LiveChange = z.infer<typeof LiveChange>;
export type LiveChangeType = LiveChange['type'];
export const LIVE_TYPES: readonly LiveChangeType[] = ['tally', 'proposal', 'consultation', 'mine', 'count', 'reset'];

/** The SSE `event:` name of each change (`data:` is the change without its type). */
export function liveEventData(change: LiveChange): string {
  const { type: _type, ...rest } = change;
  return JSON.stringify(rest);
}

/** One SSE message back into a change; null when it is not one (a future type, a broken payload). */
export function parseLiveEvent(event: string, data: string): LiveChange | null {
  if (!(LIVE_TYPES as readonly string[]).includes(event)) return null;
  try {
    const parsed = LiveChange.safeParse({ ...(JSON.parse(data) as object), type: event });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
