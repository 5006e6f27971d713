/** Where a proposal or an amendment comes from (issue 22): online, or a relay workshop's report (workshop_contributions). */
import type { ProposalOrigin } from '../../src/core/reports.js';

const originOf = (
  link: string,
) => `(SELECT json_build_object('kind', 'workshop', 'eventId', wc.event_id, 'reportId', wc.report_id, 'eventTitle', we.title,
    'town', we.address->>'locality', 'roomSupport', wc.room_support)
   FROM workshop_contributions wc JOIN events we ON we.id = wc.event_id WHERE ${link}) AS origin`;

/** A proposal's origin, as a column of PROPOSAL_SELECT (`p` is the proposal). */
export const ORIGIN_COLUMN = originOf('wc.proposal_id = p.id');
/** An amendment's origin, as a column of the amendments' SELECT (`a` is the amendment). */
export const AMENDMENT_ORIGIN_COLUMN = originOf('wc.amendment_id = a.id');

/** The origin as the open-data exports write it (no report id), null for an online contribution. */
export function exportedOrigin(origin: ProposalOrigin | null | undefined) {
  return origin
    ? {
        kind: 'workshop' as const,
        eventId: origin.eventId,
        eventTitle: origin.eventTitle,
        town: origin.town,
        roomSupport: origin.roomSupport,
      }
    : null;
}

/** The WHERE conditions of `origin` / `eventId` filters on proposals (`p`), pushing their parameters. */
export function originFilter(query: { origin?: string; eventId?: string }, params: unknown[]): string[] {
  const where: string[] = [];
  if (query.origin === 'online') where.push('NOT EXISTS (SELECT 1 FROM workshop_contributions wc WHERE wc.proposal_id = p.id)');
  if (query.origin === 'workshop') where.push('EXISTS (SELECT 1 FROM workshop_contributions wc WHERE wc.proposal_id = p.id)');
  if (query.eventId) {
    params.push(query.eventId);
    where.push(`EXISTS (SELECT 1 FROM workshop_contributions wc WHERE wc.proposal_id = p.id AND wc.event_id = $${params.length})`);
  }
  return where;
}
