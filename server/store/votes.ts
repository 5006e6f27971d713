/**
 * Votes. One row per participant and proposal (primary key); limits and withdrawal rules are checked
 * inside the caller's transaction, after `lockParticipant`, so concurrent votes of one participant
 * run one after another and can never exceed the limit.
 *
 * A vote counts only while its proposal is published (`COUNTED_VOTE`): a proposal that moderators
 * hide releases its votes (no longer in the limit, `votesLeft` or `participation.votes`); the rows are
 * kept, so a restored proposal gets its votes back (a voter may then be above the limit: `votesLeft`
 * stays at 0). A released vote may still be withdrawn (then it does not come back).
 */
import { VOTE_CHOICES, type Consultation, type Participant, type Participation, type VoteChoice, type VoteTally } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { refuse } from './refuse.js';
import { tallyOf } from './proposals.js';

/** The SQL condition on a vote row `v` that makes it count: its proposal is published. */
export const COUNTED_VOTE = "EXISTS (SELECT 1 FROM proposals cp WHERE cp.id = v.proposal_id AND cp.status = 'published')";

export async function tally(q: Queryable, consultation: Consultation, proposalId: string, now: number): Promise<VoteTally> {
  const rows = await q.query<{ choice: string; n: number }>('SELECT choice, count(*)::int AS n FROM votes WHERE proposal_id = $1 GROUP BY choice', [proposalId]);
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
  return {
    participant,
    votes: Object.fromEntries(votes.map((v) => [v.proposal_id, v.choice])),
    votesLeft: limit === null ? null : Math.max(0, limit - votes.length),
    registrations: registrations.map((r) => r.event_id),
  };
}

/** Casts or changes a vote. The caller holds the participant's row lock. */
export async function castVote(q: Queryable, consultation: Consultation, participantId: string, proposalId: string, choice: VoteChoice): Promise<void> {
  const { voteModel, voteWithdrawal, votesPerParticipant } = consultation.settings;
  if (!VOTE_CHOICES[voteModel].includes(choice)) {
    refuse('validation', `“${choice}” is not a choice of the ${voteModel} vote model`, {
      fieldErrors: [{ field: 'choice', code: 'invalid', message: `choice must be one of ${VOTE_CHOICES[voteModel].join(', ')}` }],
    });
  }
  const previous = (await q.query<{ choice: VoteChoice }>('SELECT choice FROM votes WHERE participant_id = $1 AND proposal_id = $2', [participantId, proposalId]))[0];
  if (previous) {
    if (previous.choice === choice) return;
    if (!voteWithdrawal) refuse('forbidden', 'Votes are final in this consultation');
    await q.query('UPDATE votes SET choice = $3 WHERE participant_id = $1 AND proposal_id = $2', [participantId, proposalId, choice]);
    return;
  }
  if (votesPerParticipant !== null) {
    const used = (await q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM votes v WHERE v.participant_id = $1 AND v.consultation_id = $2 AND ${COUNTED_VOTE}`, [participantId, consultation.id],
    ))[0]!.n;
    if (used >= votesPerParticipant) refuse('limit-reached', 'No votes left', { detail: `Each participant may vote for ${votesPerParticipant} proposals` });
  }
  // ON CONFLICT: the primary key stays the last word even if a caller forgot the lock.
  await q.query(
    'INSERT INTO votes (participant_id, proposal_id, consultation_id, choice) VALUES ($1, $2, $3, $4) ON CONFLICT (participant_id, proposal_id) DO NOTHING',
    [participantId, proposalId, consultation.id, choice],
  );
}

export async function withdrawVote(q: Queryable, consultation: Consultation, participantId: string, proposalId: string): Promise<void> {
  if (!consultation.settings.voteWithdrawal) refuse('forbidden', 'Votes are final in this consultation');
  await q.query('DELETE FROM votes WHERE participant_id = $1 AND proposal_id = $2', [participantId, proposalId]);
}
