/** Votes: the vote models and choices, a proposal's tally, a participant's standing (votes left, registrations). */
import * as z from 'zod/mini';
import { Id } from './primitives.js';

export const VoteModel = z.enum(['support', 'for-against-mixed', 'interest']);
export const VoteChoice = z.enum(['support', 'for', 'mixed', 'against', 'interest']);
/** The choices each vote model offers (import it from vote-choices.js in browser code: no zod there). */
export { VOTE_CHOICES } from '../vote-choices.js';

/** Counts are null when the consultation hides them (or the backend does not say). */
export const VoteTally = z.object({
  proposalId: Id,
  hidden: z.boolean(),
  total: z.nullable(z.int().check(z.gte(0))),
  counts: z.nullable(z.partialRecord(VoteChoice, z.int().check(z.gte(0)))),
});

export const Participant = z.object({
  id: Id,
  displayName: z.nullable(z.string()),
  /** True when a host site vouched for this person with a signed identity. */
  verified: z.boolean(),
});

/** One participant's standing in a consultation: their votes, what is left, their registrations. */
export const Participation = z.object({
  participant: z.nullable(Participant),
  votes: z.record(Id, VoteChoice),
  votesLeft: z.nullable(z.int().check(z.gte(0))),
  registrations: z.array(Id),
});

export const VoteResult = z.object({ tally: VoteTally, participation: Participation });

export type VoteModel = z.infer<typeof VoteModel>;
export type VoteChoice = z.infer<typeof VoteChoice>;
export type VoteTally = z.infer<typeof VoteTally>;
export type Participant = z.infer<typeof Participant>;
export type Participation = z.infer<typeof Participation>;
export type VoteResult = z.infer<typeof VoteResult>;
