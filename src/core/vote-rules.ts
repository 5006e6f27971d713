/**
 * The vote rules, one home for every place that counts votes: the session's optimistic tallies, the
 * memory backend and the reference server.
 */
import type { Participation, VoteChoice, VoteTally } from './schemas.js';

/** A tally with one vote moved from `from` to `to` (either may be null); hidden tallies stay hidden. */
export function shiftTally(tally: VoteTally, from: VoteChoice | null, to: VoteChoice | null): VoteTally {
  if (tally.hidden || tally.total === null || !tally.counts) return { ...tally };
  const counts = { ...tally.counts };
  let total = tally.total;
  if (from) {
    counts[from] = Math.max(0, (counts[from] ?? 0) - 1);
    total--;
  }
  if (to) {
    counts[to] = (counts[to] ?? 0) + 1;
    total++;
  }
  return { ...tally, counts, total: Math.max(0, total) };
}

/** A participation with the vote on one proposal changed, its votes left following. */
export function withVote(participation: Participation, proposalId: string, from: VoteChoice | null, to: VoteChoice | null): Participation {
  const votes = { ...participation.votes };
  if (to) votes[proposalId] = to;
  else delete votes[proposalId];
  let { votesLeft } = participation;
  // A new vote uses one, a withdrawal gives one back, a changed choice costs nothing.
  if (votesLeft !== null) votesLeft = Math.max(0, votesLeft + (from ? 1 : 0) - (to ? 1 : 0));
  return { ...participation, votes, votesLeft };
}

/** Votes a participant has left under a limit (`null`: no limit), given how many they cast. */
export function votesLeft(limit: number | null, cast: number): number | null {
  return limit === null ? null : Math.max(0, limit - cast);
}
