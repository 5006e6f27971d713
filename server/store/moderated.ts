/**
 * The admin token's moderation view (GET /admin/consultations/{id}/moderation and the approve / hide /
 * restore answers): proposals with their report reasons gathered in the same query, whatever their
 * number, and events. Decisions themselves go through the one moderation model (store/moderation.ts).
 */
import type { Queryable } from '../db/db.js';
import { EVENT_SELECT, type EventRow } from './events.js';
import { PROPOSAL_SELECT, type ProposalRow } from './proposals.js';

export interface ModeratedProposalRow extends ProposalRow {
  report_reasons: string[];
}

/** Proposal rows (`WHERE` on `p`) plus `report_reasons`, oldest first. */
const moderatedProposals = (where: string) => `
  SELECT m.*, (SELECT coalesce(json_agg(r.reason ORDER BY r.created_at, r.id), '[]'::json) FROM reports r WHERE r.target = 'proposal:' || m.id) AS report_reasons
  FROM (${PROPOSAL_SELECT} WHERE ${where}) m
  ORDER BY m.created_at, m.id`;

/** Pending, hidden or reported proposals and the events not approved, of one consultation: two queries. */
export async function moderationQueue(
  q: Queryable,
  consultationId: string,
): Promise<{ proposals: ModeratedProposalRow[]; events: EventRow[] }> {
  const proposals = await q.query<ModeratedProposalRow>(
    moderatedProposals(
      "p.consultation_id = $1 AND (p.status IN ('pending', 'hidden') OR EXISTS (SELECT 1 FROM reports r WHERE r.target = 'proposal:' || p.id))",
    ),
    [consultationId],
  );
  const events = await q.query<EventRow>(
    `${EVENT_SELECT} WHERE e.consultation_id = $1 AND e.moderation <> 'approved' ORDER BY e.starts_at, e.id`,
    [consultationId],
  );
  return { proposals, events };
}

export async function moderatedProposal(q: Queryable, proposalId: string): Promise<ModeratedProposalRow | null> {
  return (await q.query<ModeratedProposalRow>(moderatedProposals('p.id = $1'), [proposalId]))[0] ?? null;
}

export async function eventById(q: Queryable, eventId: string): Promise<EventRow | null> {
  return (await q.query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1`, [eventId]))[0] ?? null;
}
