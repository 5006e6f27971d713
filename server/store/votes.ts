/**
 * Votes, read side: the tally (from the counters) and a participant's participation. The write side
 * is one database call, `recordVote` in vote-write.ts (the `pgo_vote` function, migrations 041-042).
 *
 * A vote counts only while its proposal is published (`COUNTED_VOTE`): a proposal that moderators
 * hide releases its votes (no longer in the limit, `votesLeft` or `participation.votes`); the rows are
 * kept, so a restored proposal gets its votes back (a voter may then be above the limit: `votesLeft`
 * stays at 0). A released vote may still be withdrawn (then it does not come back).
 */
import { type Consultation, type Participant, type Participation, type VoteChoice, type VoteTally } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { tallyOf } from './proposals.js';

/** The SQL condition on a vote row `v` that makes it count: its proposal is published. */
export const COUNTED_VOTE = "EXISTS (SELECT 1 FROM proposals cp WHERE cp.id = v.proposal_id AND cp.status = 'published')";

export async function tally(q: Queryable, consultation: Consultation, proposalId: string, now: number): Promise<VoteTally> {
  const rows = await q.query<{ choice: string; n: number }>('SELECT choice, n FROM proposal_tallies WHERE proposal_id = $1 AND n > 0', [
    proposalId,
  ]);
  return tallyOf(consultation, proposalId, Object.fromEntries(rows.map((r) => [r.choice, r.n])), now);
}

export async function participation(q: Queryable, consultation: Consultation, participant: Participant | null): Promise<Participation> {
  const limit = consultation.settings.votesPerParticipant;
  if (!participant) return { participant: null, votes: {}, votesLeft: limit, registrations: [] };
  const votes = await q.query<{ proposal_id: string; choice: VoteChoice }>(
    `SELECT v.proposal_id, v.choice FROM votes v WHERE v.participant_id = $1 AND v.consultation_id = $2 AND ${COUNTED_VOTE}
     ORDER BY v.created_at, v.proposal_id`,
    [participant.id, consultation.id],
  );
  const registrations = await q.query<{ event_id: string }>(
    'SELECT r.event_id FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.participant_id = $1 AND e.consultation_id = $2 ORDER BY r.created_at, r.event_id',
    [participant.id, consultation.id],
  );
  return participationOf(
    consultation,
    participant,
    votes.map((v) => [v.proposal_id, v.choice]),
    registrations.map((r) => r.event_id),
  );
}

/** The participation answer from the participant's votes ([proposal, choice], in order) and registrations. */
export function participationOf(
  consultation: Consultation,
  participant: Participant,
  votes: [string, VoteChoice][],
  registrations: string[],
): Participation {
  const limit = consultation.settings.votesPerParticipant;
  return {
    participant,
    votes: Object.fromEntries(votes),
    votesLeft: limit === null ? null : Math.max(0, limit - votes.length),
    registrations,
  };
}
