/**
 * The write path in one round trip (issue 25): a vote, a change of choice or a withdrawal is ONE call
 * of the `pgo_vote` function (migration 041), which authenticates, replays a repeated idempotency key,
 * checks the phase, the proposal and the limit under the participant's row lock, writes (the trigger
 * moves the tally), counts the shared rate limits and returns the answer's data. Refusals come back as
 * `pgo:<code>` exceptions (everything rolled back) and become the same problems as before.
 */
import type { Consultation, Participant, Participation, VoteChoice, VoteTally } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { sha256 } from './ids.js';
import { countsHidden, tallyFrom } from './proposals.js';
import { participationOf } from './votes.js';
import { callWriteFunction, type WriterRequest } from './write-function.js';

/** Why the phase refuses this action now (title, detail), or null when it is open. */
export type Closed = { title: string; detail?: string } | null;

export interface VoteRequest extends WriterRequest {
  consultation: Consultation;
  proposalId: string;
  /** null: withdraw. */
  choice: VoteChoice | null;
  closed: Closed;
}

/** What `pgo_vote` keeps and returns: the answer is built from it, for the first answer and its replays alike. */
interface VoteData {
  hidden: boolean;
  counts: Record<string, number> | null;
  participant: Participant;
  votes: [string, VoteChoice][];
  registrations: string[];
}

export interface VoteAnswer {
  status: number;
  replayed: boolean;
  body: { tally: VoteTally; participation: Participation };
}

export async function recordVote(db: Queryable, r: VoteRequest): Promise<VoteAnswer> {
  const { replayed, status, body } = await callWriteFunction<VoteData>(db, 'pgo_vote', r.token, [
    r.consultation.id,
    r.proposalId,
    r.choice,
    r.consultation.settings.votesPerParticipant,
    r.consultation.settings.voteWithdrawal,
    r.key,
    sha256(r.fingerprint),
    countsHidden(r.consultation, r.now),
    r.closed ? JSON.stringify(r.closed) : null,
    r.ip,
    r.now,
    r.limits.writesPerMinute,
    r.limits.writesPerIpPerMinute,
    r.consultation.settings.closeVotingWhenAnswered === true,
  ]);
  return {
    replayed,
    status,
    body: {
      tally: tallyFrom(r.consultation, r.proposalId, body.counts, body.hidden),
      participation: participationOf(r.consultation, body.participant, body.votes, body.registrations),
    },
  };
}
