/**
 * Relay-workshop reports (issue 22): host links (secrets stored hashed, revocable), reports (one per
 * event) and their contributions, each of which becomes a proposal linked to the report and its event.
 * Tables workshop_* (migration 070); `reports` is the table of moderation flags, unrelated.
 */
import { randomBytes } from 'node:crypto';
import type { HostLink, WorkshopContribution, WorkshopReport, WorkshopReportDraft } from '../../src/core/reports.js';
import type { Consultation, Participant } from '../../src/core/schemas.js';
import type { Queryable, Row } from '../db/db.js';
import { iso, newId, sha256 } from './ids.js';
import { declareModeratedKind } from './moderation.js';
import { insertProposal } from './proposals.js';
import { insertRowAmendment } from './reports-amendments.js';

// A report joins the moderation queue; deciding it decides its contributions still pending (migration 070's
// trigger), and each contribution (a proposal) may also be decided on its own.
declareModeratedKind({
  kind: 'workshop-report',
  table: 'workshop_reports',
  columns: {
    id: 'x.id',
    consultation: 'x.consultation_id',
    title: `('Atelier-relais : ' || (SELECT e.title FROM events e WHERE e.id = x.event_id))`,
    excerpt: 'left(x.summary, 400)',
    createdAt: 'x.created_at',
    authorName: 'x.author_name',
    authorEmail: '(SELECT e.organiser_email FROM events e WHERE e.id = x.event_id)',
    status: 'x.status',
    author: 'x.participant_id',
  },
  statuses: { pending: 'pending', published: 'published', hidden: 'hidden' },
});

interface LinkRow extends Row {
  id: string;
  consultation_id: string;
  event_id: string;
  label: string;
  created_at: unknown;
  revoked_at: unknown;
}

const toLink = (r: LinkRow): HostLink => ({
  id: r.id,
  eventId: r.event_id,
  label: r.label,
  createdAt: iso(r.created_at),
  revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
});

/** Issues a host link for an event; the secret is returned once and only its hash is stored. */
export async function issueHostLink(
  q: Queryable,
  consultationId: string,
  eventId: string,
  label: string,
  createdBy: string,
  at: number,
): Promise<{ link: HostLink; secret: string }> {
  const secret = `hl_${randomBytes(24).toString('base64url')}`;
  const id = newId('hl');
  const rows = await q.query<LinkRow>(
    `INSERT INTO workshop_host_links (id, consultation_id, event_id, secret_hash, label, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [id, consultationId, eventId, sha256(secret), label, createdBy, new Date(at)],
  );
  return { link: toLink(rows[0]!), secret };
}

export async function hostLinks(q: Queryable, consultationId: string, eventId: string): Promise<HostLink[]> {
  const rows = await q.query<LinkRow>(
    'SELECT * FROM workshop_host_links WHERE consultation_id = $1 AND event_id = $2 ORDER BY created_at, id',
    [consultationId, eventId],
  );
  return rows.map(toLink);
}

/** Revokes a link (effective at once: every write checks the link again). Null when there is no such link. */
export async function revokeHostLink(q: Queryable, consultationId: string, linkId: string, at: number): Promise<HostLink | null> {
  const rows = await q.query<LinkRow>(
    'UPDATE workshop_host_links SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND consultation_id = $2 RETURNING *',
    [linkId, consultationId, new Date(at)],
  );
  return rows[0] ? toLink(rows[0]) : null;
}

/** The live link of this event the secret opens, if any. */
export async function liveHostLink(q: Queryable, eventId: string, secret: string): Promise<string | null> {
  if (!secret || secret.length > 200) return null;
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM workshop_host_links WHERE event_id = $1 AND secret_hash = $2 AND revoked_at IS NULL',
    [eventId, sha256(secret)],
  );
  return rows[0]?.id ?? null;
}

interface ReportRow extends Row {
  id: string;
  consultation_id: string;
  event_id: string;
  held_on: unknown;
  attendees: number;
  organisations: string[];
  summary: string;
  status: WorkshopReport['status'];
  created_at: unknown;
  client_key: string;
}
interface ContributionRow extends Row {
  position: number;
  kind: WorkshopContribution['kind'];
  title: string;
  body: string;
  category_id: string | null;
  section_id: string | null;
  document_id: string | null;
  room_support: number | null;
  proposal_id: string | null;
  proposal_status: string | null;
  amendment_id: string | null;
  amendment_status: string | null;
}

/** `held_on` is a date: PGlite and pg give a Date at local midnight or text; always `YYYY-MM-DD`. */
function day(value: unknown): string {
  if (value instanceof Date)
    return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

export async function reportRow(q: Queryable, consultationId: string, eventId: string): Promise<ReportRow | null> {
  return (
    (
      await q.query<ReportRow>('SELECT * FROM workshop_reports WHERE consultation_id = $1 AND event_id = $2', [consultationId, eventId])
    )[0] ?? null
  );
}

/** The report with its contributions: every one, or (`publicOnly`) those whose proposal or amendment is published. */
export async function toReport(q: Queryable, row: ReportRow, publicOnly: boolean): Promise<WorkshopReport> {
  const rows = await q.query<ContributionRow>(
    `SELECT c.*, p.status AS proposal_status, a.moderation AS amendment_status FROM workshop_contributions c
       LEFT JOIN proposals p ON p.id = c.proposal_id LEFT JOIN amendments a ON a.id = c.amendment_id WHERE c.report_id = $1 ORDER BY c.position`,
    [row.id],
  );
  const contributions = rows
    .filter((c) => !publicOnly || (c.proposal_status ?? c.amendment_status ?? 'published') === 'published')
    .map((c) => ({
      position: c.position,
      kind: c.kind,
      title: c.title,
      body: c.body,
      categoryId: c.category_id,
      sectionId: c.section_id,
      documentId: c.document_id,
      roomSupport: c.room_support,
      proposalId: c.proposal_id,
      amendmentId: c.amendment_id,
    }));
  return {
    id: row.id,
    consultationId: row.consultation_id,
    eventId: row.event_id,
    heldOn: day(row.held_on),
    attendees: row.attendees,
    organisations: row.organisations ?? [],
    summary: row.summary,
    status: row.status,
    createdAt: iso(row.created_at),
    contributions,
  };
}

export interface NewReport {
  consultation: Consultation;
  eventId: string;
  draft: WorkshopReportDraft;
  /** The host who files it: the author of its proposals and amendments. */
  participant: Participant;
  /** The text each amendment row amends (reports-amendments.ts), null for a proposal. */
  documents: (string | null)[];
  hostLinkId: string | null;
  clientKey: string;
  at: number;
}

/** Stores the report (pending) and its contributions; proposals and amendments wait with it for a moderator. */
export async function insertWorkshopReport(q: Queryable, r: NewReport): Promise<ReportRow> {
  const consultationId = r.consultation.id;
  const participantId = r.participant.id;
  const id = newId('wr');
  const organisations = (r.draft.organisations ?? '')
    .split(/\r?\n/)
    .map((o) => o.trim())
    .filter(Boolean);
  const createdAt = new Date(r.at).toISOString();
  const rows = await q.query<ReportRow>(
    `INSERT INTO workshop_reports (id, consultation_id, event_id, held_on, attendees, organisations, summary, participant_id, host_link_id, client_key, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11) RETURNING *`,
    [
      id,
      consultationId,
      r.eventId,
      r.draft.heldOn,
      r.draft.attendees,
      organisations,
      r.draft.summary.trim(),
      participantId,
      r.hostLinkId,
      r.clientKey,
      createdAt,
    ],
  );
  let position = 0;
  for (const c of r.draft.contributions) {
    position++;
    const kind = c.kind === 'amendment' ? 'amendment' : 'proposal';
    let proposalId: string | null = null;
    const documentId = kind === 'amendment' ? (r.documents[position - 1] ?? null) : null;
    const amendmentId = documentId ? await insertRowAmendment(q, r.consultation, documentId, c, r.participant, r.at) : null;
    if (kind === 'proposal') {
      proposalId = newId('p');
      await insertProposal(q, {
        id: proposalId,
        consultationId,
        title: c.title.trim(),
        body: c.body.trim(),
        categoryId: c.categoryId || null,
        extra: {},
        authorName: null,
        authorEmail: null,
        participantId,
        status: 'pending',
        createdAt,
      });
    }
    await q.query(
      `INSERT INTO workshop_contributions (report_id, position, event_id, kind, title, body, category_id, section_id, room_support, proposal_id, document_id, amendment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        position,
        r.eventId,
        kind,
        c.title.trim(),
        c.body.trim(),
        kind === 'proposal' ? c.categoryId || null : null,
        kind === 'amendment' ? c.sectionId?.trim() || null : null,
        c.roomSupport ?? null,
        proposalId,
        documentId,
        amendmentId,
      ],
    );
  }
  return rows[0]!;
}
