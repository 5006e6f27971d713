/**
 * The memory backend's relay-workshop reports (issue 22), with the reference server's rules: the host is
 * the participant who proposed the event or the holder of a live host link; one report per event; each
 * contribution becomes a proposal or an amendment of the text that waits with the report for a moderator; deciding the report decides
 * the contributions still pending. Wired into MemoryBackend with a few lines (index.ts).
 */
import { backendError, validationError } from '../../core/errors.js';
import { amendmentOfRow, amendmentRows } from '../../core/reports-amendments.js';
import type {
  ProposalOrigin,
  WorkshopContribution,
  WorkshopContributionInput,
  WorkshopReport,
  WorkshopReportDraft,
  WorkshopReportReceipt,
} from '../../core/reports.js';
import { reportOpen, validateWorkshopReport } from '../../core/reports-rules.js';
import type { Consultation, ConsultationEvent, Proposal } from '../../core/schemas.js';
import type { MemoryDocuments } from './documents.js';

/** What the store needs of the backend it lives in. */
export interface WorkshopHost {
  readonly consultations: Map<string, Consultation>;
  readonly events: Map<string, ConsultationEvent & { moderation?: string; participantId?: string }>;
  readonly proposals: Map<string, Proposal>;
  readonly documents: MemoryDocuments;
  readonly participantId: string;
  now(): number;
}

interface StoredReport extends WorkshopReport {
  key: string;
}

export class WorkshopStore {
  /** By event id: one report per event. */
  readonly reports = new Map<string, StoredReport>();
  /** Host link secret -> its event and whether it is revoked. */
  readonly links = new Map<string, { eventId: string; revoked: boolean }>();
  private sequence = 0;

  /** Issues a host link, as an organiser would in the console; returns its secret. */
  issueLink(eventId: string, secret = `hl_${eventId}_${++this.sequence}`): string {
    this.links.set(secret, { eventId, revoked: false });
    return secret;
  }

  revokeLink(secret: string): void {
    const link = this.links.get(secret);
    if (link) link.revoked = true;
  }

  published(host: WorkshopHost, consultationId: string, eventId: string): WorkshopReport {
    const report = this.reports.get(eventId);
    if (!report || report.consultationId !== consultationId || report.status !== 'published')
      throw backendError('not-found', 'This event has no published report');
    return this.view(host, report, true);
  }

  file(host: WorkshopHost, consultationId: string, eventId: string, draft: WorkshopReportDraft, key: string): WorkshopReportReceipt {
    const consultation = host.consultations.get(consultationId);
    const event = host.events.get(eventId);
    if (!consultation || !event || event.consultationId !== consultationId || (event.moderation ?? 'approved') !== 'approved')
      throw backendError('not-found', 'No such event');
    if (draft.website) throw backendError('forbidden', 'Rejected as spam');
    const link = draft.hostKey ? this.links.get(draft.hostKey) : undefined;
    const isHost = event.participantId === host.participantId || (link && !link.revoked && link.eventId === eventId);
    if (!isHost) throw backendError('forbidden', 'Only the workshop’s host may file its report');
    const existing = this.reports.get(eventId);
    if (existing) {
      if (existing.key === key) return { report: this.view(host, existing, false), moderation: 'pending' };
      throw backendError('conflict', 'This workshop already has a report');
    }
    if (!reportOpen(event, host.now())) throw backendError('closed', 'The workshop has not started yet');
    const errors = validateWorkshopReport(consultation, draft, event, host.now());
    if (errors.length) throw validationError(errors);
    const texts = [...host.documents.docs.values()]
      .filter((d) => d.meta.consultationId === consultationId)
      .map((d) => ({ id: d.meta.id, sections: d.versions[d.versions.length - 1]!.sections }));
    const rows = amendmentRows(draft, texts);
    if (rows.errors.length) throw validationError(rows.errors);
    const id = `wr-${++this.sequence}`;
    const createdAt = new Date(host.now()).toISOString();
    const origin = (roomSupport: number | null | undefined) => ({
      kind: 'workshop' as const,
      eventId,
      reportId: id,
      eventTitle: event.title,
      town: event.address?.locality ?? null,
      roomSupport: roomSupport ?? null,
    });
    const contributions = draft.contributions.map((c, index) => {
      const kind = c.kind === 'amendment' ? ('amendment' as const) : ('proposal' as const);
      const documentId = rows.documents[index] ?? null;
      const amendmentId = documentId ? this.amend(host, documentId, c, `${id}-a${index + 1}`, origin(c.roomSupport)) : null;
      let proposalId: string | null = null;
      if (kind === 'proposal') {
        proposalId = `${id}-p${index + 1}`;
        host.proposals.set(proposalId, {
          id: proposalId,
          consultationId,
          title: c.title.trim(),
          body: c.body.trim(),
          categoryId: c.categoryId || null,
          extra: {},
          authorName: null,
          createdAt,
          status: 'pending',
          tally: { proposalId, hidden: false, total: 0, counts: {} },
          origin: origin(c.roomSupport),
        });
      }
      return {
        position: index + 1,
        kind,
        title: c.title.trim(),
        body: c.body.trim(),
        categoryId: kind === 'proposal' ? c.categoryId || null : null,
        sectionId: kind === 'amendment' ? c.sectionId?.trim() || null : null,
        documentId,
        roomSupport: c.roomSupport ?? null,
        proposalId,
        amendmentId,
      };
    });
    const report: StoredReport = {
      id,
      consultationId,
      eventId,
      heldOn: draft.heldOn,
      attendees: draft.attendees!,
      summary: draft.summary.trim(),
      status: 'pending',
      createdAt,
      key,
      organisations: (draft.organisations ?? '')
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter(Boolean),
      contributions,
    };
    this.reports.set(eventId, report);
    return { report: this.view(host, report, false), moderation: 'pending' };
  }

  /**
   * A moderator's decision on a report (by its id): its contributions still pending follow; or on one of
   * its amendments (by the amendment's id). False when `id` is neither.
   */
  decide(host: WorkshopHost, id: string, status: 'published' | 'hidden'): boolean {
    const report = [...this.reports.values()].find((r) => r.id === id);
    if (!report) return this.decideAmendment(host, id, status, false);
    report.status = status;
    for (const c of report.contributions) {
      const proposal = c.proposalId ? host.proposals.get(c.proposalId) : undefined;
      if (proposal?.status === 'pending') proposal.status = status;
      if (c.amendmentId) this.decideAmendment(host, c.amendmentId, status, true);
    }
    return true;
  }

  /** The row as an amendment of the text's current version, pending with the report, written by the host (the server's rule). */
  private amend(host: WorkshopHost, documentId: string, row: WorkshopContributionInput, id: string, origin: ProposalOrigin): string {
    const draft = amendmentOfRow(row);
    host.documents.store({
      ...host.documents.amendmentDefaults(documentId, draft.sectionId),
      id,
      text: draft.text.trim(),
      reason: draft.reason.trim(),
      createdAt: new Date(host.now()).toISOString(),
      participantId: host.participantId,
      moderation: 'pending',
      hidden: true,
      origin,
    });
    return id;
  }

  private decideAmendment(host: WorkshopHost, id: string, status: 'published' | 'hidden', pendingOnly: boolean): boolean {
    const amendment = host.documents.amendments.get(id);
    if (!amendment?.origin || (pendingOnly && amendment.moderation !== 'pending')) return false;
    amendment.moderation = status;
    amendment.hidden = status === 'hidden';
    return true;
  }

  private view(host: WorkshopHost, report: StoredReport, publicOnly: boolean): WorkshopReport {
    const { key: _key, ...rest } = report;
    const published = (c: WorkshopContribution) =>
      c.proposalId
        ? host.proposals.get(c.proposalId)?.status === 'published'
        : !c.amendmentId || host.documents.amendments.get(c.amendmentId)?.moderation === 'published';
    const contributions = rest.contributions.filter((c) => !publicOnly || published(c));
    return structuredClone({ ...rest, contributions });
  }
}
