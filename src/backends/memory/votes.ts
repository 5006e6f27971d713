/** The memory backend's votes: tallies from the vote rows, votes left, a participant's standing, voting and withdrawing. */
import type { WriteOptions } from '../../core/backend.js';
import { votingClosedByAnswer } from '../../core/answers.js';
import { backendError } from '../../core/errors.js';
import { consultationEnd } from '../../core/phase.js';
import { VOTE_CHOICES } from '../../core/vote-choices.js';
import type { Consultation, Participation, Proposal, VoteChoice, VoteResult, VoteTally } from '../../core/schemas.js';
import type { MemoryStore } from './store.js';

export function vote(
  store: MemoryStore,
  consultationId: string,
  proposalId: string,
  choice: VoteChoice,
  options: WriteOptions,
): Promise<VoteResult> {
  return store.once('vote', [consultationId, proposalId, choice], options, () => {
    const consultation = store.consultation(consultationId);
    store.requireOpen(consultation, 'votes');
    const stored = votable(store, consultationId, proposalId);
    if (!VOTE_CHOICES[consultation.settings.voteModel].includes(choice)) {
      throw backendError('validation', `“${choice}” is not a choice of the ${consultation.settings.voteModel} vote model`);
    }
    const key = `${store.participantId}|${proposalId}`;
    const previous = store.votes.get(key);
    if (previous && previous !== choice && !consultation.settings.voteWithdrawal)
      throw backendError('forbidden', 'Votes are final in this consultation');
    if (!previous) {
      const left = votesLeft(store, consultation);
      if (left !== null && left <= 0) throw backendError('limit-reached', 'No votes left');
    }
    store.votes.set(key, choice);
    return { tally: tally(store, consultation, stored.id), participation: participation(store, consultationId) };
  });
}

export function withdrawVote(store: MemoryStore, consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult> {
  return store.once('withdrawVote', [consultationId, proposalId], options, () => {
    const consultation = store.consultation(consultationId);
    store.requireOpen(consultation, 'votes');
    if (!consultation.settings.voteWithdrawal) throw backendError('forbidden', 'Votes are final in this consultation');
    // A hidden proposal's vote may be withdrawn too (the server's rule: server/store/votes.ts).
    const stored = store.proposals.get(proposalId);
    if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
    store.votes.delete(`${store.participantId}|${proposalId}`);
    return { tally: tally(store, consultation, stored.id), participation: participation(store, consultationId) };
  });
}

/** One participant's standing: their votes that count, votes left, registrations. */
export function participation(store: MemoryStore, consultationId: string): Participation {
  const consultation = store.consultation(consultationId);
  const registrations = [...store.registrations].filter(([, seats]) => seats.has(store.participantId)).map(([id]) => id);
  return {
    participant: { id: store.participantId, displayName: null, verified: false },
    votes: myVotes(store, consultationId),
    votesLeft: votesLeft(store, consultation),
    registrations,
  };
}

export function emptyTally(proposalId: string): VoteTally {
  return { proposalId, hidden: false, total: 0, counts: {} };
}

/** The tally from the vote rows, or hidden while the consultation hides counts (amendments' too: memory/documents.ts). */
export function tally(store: Pick<MemoryStore, 'votes' | 'now'>, consultation: Consultation, proposalId: string): VoteTally {
  const end = consultationEnd(consultation.phases);
  if (consultation.settings.hideCountsUntilEnd && end !== null && store.now() < end) {
    return { proposalId, hidden: true, total: null, counts: null };
  }
  const counts: Partial<Record<VoteChoice, number>> = {};
  for (const choice of VOTE_CHOICES[consultation.settings.voteModel]) counts[choice] = 0;
  let total = 0;
  for (const [key, choice] of store.votes) {
    if (!key.endsWith(`|${proposalId}`)) continue;
    counts[choice] = (counts[choice] ?? 0) + 1;
    total++;
  }
  return { proposalId, hidden: false, total, counts };
}

/** The number of vote rows of a proposal, hidden counts or not. */
export function rawTotal(store: MemoryStore, proposalId: string): number {
  let total = 0;
  for (const key of store.votes.keys()) if (key.endsWith(`|${proposalId}`)) total++;
  return total;
}

function votable(store: MemoryStore, consultationId: string, proposalId: string): Proposal {
  const stored = store.proposals.get(proposalId);
  if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
  if (stored.status !== 'published') throw backendError('closed', `This proposal is ${stored.status}`);
  const settings = store.consultations.get(consultationId)?.settings;
  if (settings && votingClosedByAnswer(settings, stored.answer)) throw backendError('closed', 'This proposal has been answered');
  return stored;
}

function votesLeft(store: MemoryStore, consultation: Consultation): number | null {
  const limit = consultation.settings.votesPerParticipant;
  if (limit === null) return null;
  return Math.max(0, limit - Object.keys(myVotes(store, consultation.id)).length);
}

/** The votes that count: a hidden proposal releases its votes until it is restored (as the server does). */
function myVotes(store: MemoryStore, consultationId: string): Record<string, VoteChoice> {
  const votes: Record<string, VoteChoice> = {};
  for (const [key, choice] of store.votes) {
    const [participant, proposalId] = key.split('|') as [string, string];
    const proposal = store.proposals.get(proposalId);
    if (participant === store.participantId && proposal?.consultationId === consultationId && proposal.status === 'published')
      votes[proposalId] = choice;
  }
  return votes;
}
