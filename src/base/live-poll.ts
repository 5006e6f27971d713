/**
 * Polling, where no stream can be held (issue 23): the same changes a stream would send, found by
 * reading what the page reads anyway. The rest backend's reads carry ETags and `max-age=0`, so the
 * browser revalidates them (`If-None-Match`, 304 when nothing changed): a quiet poll costs a few
 * empty answers. Each poll reads the consultation and the newest and most supported proposals (their
 * tallies and comment counts).
 */
import type { LiveChange } from '../core/live.js';
import type { Proposal, VoteTally } from '../core/schemas.js';
import type { LiveHost } from './live-host.js';

/** What a poller remembers between polls: the published proposals it has seen (null before the first poll). */
export interface PollMemory {
  seen: Set<string> | null;
  /** The comment counts of the proposals read at the last poll. */
  comments?: Map<string, number>;
}

const PAGE = 50;

const sameTally = (a: VoteTally, b: VoteTally) => a.total === b.total && JSON.stringify(a.counts) === JSON.stringify(b.counts);

export async function pollChanges(host: LiveHost, memory: PollMemory): Promise<LiveChange[]> {
  const { backend, consultationId } = host;
  const changes: LiveChange[] = [];
  const consultation = await backend.getConsultation(consultationId);
  if (host.consultation && JSON.stringify(consultation) !== JSON.stringify(host.consultation)) host.replaceConsultation(consultation);
  if (!backend.capabilities.proposals) return changes;
  const [newest, top] = await Promise.all([
    backend.listProposals(consultationId, { sort: 'newest', limit: PAGE }),
    backend.listProposals(consultationId, { sort: 'most-supported', limit: PAGE }),
  ]);
  const first = memory.seen === null;
  const seen = (memory.seen ??= new Set());
  const comments = (memory.comments ??= new Map());
  const proposals = new Map<string, Proposal>([...newest.items, ...top.items].map((p) => [p.id, p]));
  for (const proposal of proposals.values()) {
    if (!seen.has(proposal.id)) {
      seen.add(proposal.id);
      if (!first && newest.items.some((p) => p.id === proposal.id))
        changes.push({ type: 'proposal', id: proposal.id, status: 'published' });
    }
    // A comment count that moved since the last poll (as a stream's `count` would say).
    if (proposal.comments !== undefined) {
      const known = comments.get(proposal.id);
      if (known !== undefined && known !== proposal.comments)
        changes.push({ type: 'count', target: `proposal:${proposal.id}`, kind: 'comment', count: proposal.comments });
      comments.set(proposal.id, proposal.comments);
    }
    // Only tallies the page shows (the vote store knows them) and that moved.
    const shown = host.votes.tallyOf(proposal.id);
    if (shown && !sameTally(shown, proposal.tally)) changes.push({ type: 'tally', proposalId: proposal.id, tally: proposal.tally });
  }
  return changes;
}
