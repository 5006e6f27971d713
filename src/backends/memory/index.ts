/**
 * A complete in-memory backend for tests, stories and demos. It enforces the same rules as the
 * reference server (phases, limits, withdrawal, idempotency, validation) and can inject latency,
 * failures and an offline state, so every element state can be reached without a network.
 *
 * One module per kind of data, each a set of functions of the store (`store.ts`: rows, latency,
 * failures, holds, idempotent writes): `proposals.ts`, `votes.ts`, `events.ts`. A new kind (comments,
 * amendments, workshop reports...) adds `<kind>.ts` beside them, its rows in the store or in a map of its
 * own module, and its one-line methods below in a block of its own.
 */
import {
  ALL_CAPABILITIES,
  type BackendCapabilities,
  type ConsultationBackend,
  type OpenLive,
  type RequestOptions,
  type WriteOptions,
} from '../../core/backend.js';
import type {
  Consultation,
  ConsultationEvent,
  EventProposal,
  EventQuery,
  EventReceipt,
  Page,
  Participation,
  Proposal,
  ProposalDraft,
  ProposalQuery,
  ProposalReceipt,
  RegistrationInput,
  RegistrationReceipt,
  ServerTime,
  VoteChoice,
  VoteResult,
} from '../../core/schemas.js';
import type {
  Comment,
  CommentDraft,
  CommentEdit,
  CommentPage,
  CommentQuery,
  CommentReceipt,
  CommentReport,
  CommentThread,
  HelpfulResult,
  ReplyQuery,
} from '../../core/comments.js';
import * as comments from './comments.js';
import type { WorkshopReport, WorkshopReportDraft, WorkshopReportReceipt } from '../../core/reports.js';
import { MemoryDocuments } from './documents.js';
import * as events from './events.js';
import { MemoryLive } from './live.js';
import type { MyContribution } from '../../core/contributions.js';
import { myContributions } from './contributions.js';
import * as proposals from './proposals.js';
import { WorkshopStore } from './reports.js';
import { MemoryStore, type MemoryBackendOptions, type MemoryFixture } from './store.js';
import * as votes from './votes.js';

export type { MemoryBackendOptions, MemoryEvent, MemoryFixture } from './store.js';

export class MemoryBackend extends MemoryStore implements ConsultationBackend {
  readonly kind = 'memory';
  capabilities: BackendCapabilities = { ...ALL_CAPABILITIES };
  /** The in-process live stream (live.ts): its writes and other windows' changes reach the open streams. */
  readonly live = new MemoryLive();
  openLive?: OpenLive;
  /** Issue 21: documents, amendments and their votes (documents.ts). */
  readonly documents: MemoryDocuments;

  constructor(fixture: MemoryFixture = { consultations: [] }, options: MemoryBackendOptions = {}) {
    super(fixture, options);
    this.documents = new MemoryDocuments(this, fixture.documents);
    // `live: false`: a backend that cannot hold a stream (the session polls it).
    if (options.live !== false) this.openLive = (consultationId, since, handlers) => this.live.openLive(consultationId, since, handlers);
  }

  // ---- the consultation, the clock, the participant ----

  async getConsultation(consultationId: string, options?: RequestOptions): Promise<Consultation> {
    await this.enter('getConsultation', [consultationId], options);
    return structuredClone(this.consultation(consultationId));
  }

  async getServerTime(options?: RequestOptions): Promise<ServerTime> {
    await this.enter('getServerTime', [], options);
    return { now: new Date(this.now()).toISOString() };
  }

  async getParticipation(consultationId: string, options?: RequestOptions): Promise<Participation> {
    await this.enter('getParticipation', [consultationId], options);
    return votes.participation(this, consultationId);
  }

  /** The participant's own proposals and proposed events, with their moderation status (contributions.ts). */
  async listMyContributions(consultationId: string, options?: RequestOptions): Promise<MyContribution[]> {
    await this.enter('listMyContributions', [consultationId], options);
    this.consultation(consultationId);
    return myContributions(this, consultationId);
  }

  // ---- proposals (proposals.ts) ----

  listProposals(consultationId: string, query: ProposalQuery, options?: RequestOptions): Promise<Page<Proposal>> {
    return proposals.listProposals(this, consultationId, query, options);
  }
  getProposal(consultationId: string, proposalId: string, options?: RequestOptions): Promise<Proposal> {
    return proposals.getProposal(this, consultationId, proposalId, options);
  }
  createProposal(consultationId: string, draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt> {
    return proposals.createProposal(this, consultationId, draft, options).then((receipt) => {
      if (receipt.moderation === 'published')
        this.live.emit(consultationId, { type: 'proposal', id: receipt.proposal.id, status: 'published' });
      return receipt;
    });
  }
  reportProposal(consultationId: string, proposalId: string, reason: string, options: WriteOptions): Promise<void> {
    return proposals.reportProposal(this, consultationId, proposalId, reason, options);
  }

  // ---- votes (votes.ts) ----

  vote(consultationId: string, proposalId: string, choice: VoteChoice, options: WriteOptions): Promise<VoteResult> {
    return votes.vote(this, consultationId, proposalId, choice, options).then((result) => this.liveTally(consultationId, result));
  }
  withdrawVote(consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult> {
    return votes.withdrawVote(this, consultationId, proposalId, options).then((result) => this.liveTally(consultationId, result));
  }

  // ---- events (events.ts) ----

  listEvents(consultationId: string, query: EventQuery, options?: RequestOptions): Promise<Page<ConsultationEvent>> {
    return events.listEvents(this, consultationId, query, options);
  }
  getEvent(consultationId: string, eventId: string, options?: RequestOptions): Promise<ConsultationEvent> {
    return events.getEvent(this, consultationId, eventId, options);
  }
  registerForEvent(consultationId: string, eventId: string, input: RegistrationInput, options: WriteOptions): Promise<RegistrationReceipt> {
    return events.registerForEvent(this, consultationId, eventId, input, options);
  }
  proposeEvent(consultationId: string, input: EventProposal, options: WriteOptions): Promise<EventReceipt> {
    return events.proposeEvent(this, consultationId, input, options);
  }

  // ---- comments (comments.ts) ----

  listCommentThreads(consultationId: string, query: CommentQuery, options?: RequestOptions): Promise<CommentPage> {
    return comments.listCommentThreads(this, consultationId, query, options);
  }
  listCommentReplies(consultationId: string, commentId: string, query: ReplyQuery, options?: RequestOptions): Promise<CommentPage> {
    return comments.listCommentReplies(this, consultationId, commentId, query, options);
  }
  getCommentThread(consultationId: string, commentId: string, options?: RequestOptions): Promise<CommentThread> {
    return comments.getCommentThread(this, consultationId, commentId, options);
  }
  postComment(consultationId: string, draft: CommentDraft, options: WriteOptions): Promise<CommentReceipt> {
    return comments.postComment(this, consultationId, draft, options);
  }
  editComment(consultationId: string, commentId: string, edit: CommentEdit, options: WriteOptions): Promise<Comment> {
    return comments.editComment(this, consultationId, commentId, edit, options);
  }
  deleteComment(consultationId: string, commentId: string, options: WriteOptions): Promise<Comment> {
    return comments.deleteComment(this, consultationId, commentId, options);
  }
  markHelpful(consultationId: string, commentId: string, helpful: boolean, options: WriteOptions): Promise<HelpfulResult> {
    return comments.markHelpful(this, consultationId, commentId, helpful, options);
  }
  reportComment(consultationId: string, commentId: string, report: CommentReport, options: WriteOptions): Promise<void> {
    return comments.reportComment(this, consultationId, commentId, report, options);
  }

  // ---- relay-workshop reports (issue 22: reports.ts) ----

  readonly workshops = new WorkshopStore();
  async getWorkshopReport(consultationId: string, eventId: string, options?: RequestOptions): Promise<WorkshopReport> {
    await this.enter('getWorkshopReport', [consultationId, eventId], options);
    return this.workshops.published(this, consultationId, eventId);
  }
  submitWorkshopReport(
    consultationId: string,
    eventId: string,
    draft: WorkshopReportDraft,
    options: WriteOptions,
  ): Promise<WorkshopReportReceipt> {
    return this.once('submitWorkshopReport', [consultationId, eventId, draft], options, () =>
      this.workshops.file(this, consultationId, eventId, draft, options.idempotencyKey),
    );
  }

  // ---- helpers for tests and demos ----

  /** Approves a proposed event or publishes a pending proposal, as a moderator would. */
  approve(id: string, reason: string | null = null): void {
    this.decided(id, 'published', reason);
    this.workshops.decide(this, id, 'published');
    const event = this.events.get(id);
    if (event) event.moderation = 'approved';
    const proposal = this.proposals.get(id);
    if (proposal) proposal.status = 'published';
    if (proposal) this.live.emit(proposal.consultationId, { type: 'proposal', id, status: 'published' });
  }

  /** Hides a proposal or an event, as a moderator would (`approve` restores it). */
  hide(id: string, reason: string | null = null): void {
    this.decided(id, 'hidden', reason);
    this.workshops.decide(this, id, 'hidden');
    const event = this.events.get(id);
    if (event) event.moderation = 'hidden';
    const proposal = this.proposals.get(id);
    if (proposal) proposal.status = 'hidden';
    if (proposal) this.live.emit(proposal.consultationId, { type: 'proposal', id, status: 'hidden' });
  }

  /** Records a decision on a proposal or event; the author's open streams hear of it (`mine`), as from the server. */
  private decided(id: string, status: 'published' | 'hidden', reason: string | null): void {
    const proposal = this.proposals.get(id);
    const event = this.events.get(id);
    const target = proposal ? `proposal:${id}` : event ? `event:${id}` : null;
    if (!target) return;
    this.decisions.set(target, { reason, at: new Date(this.now()).toISOString() });
    const author = proposal?.participantId ?? event?.participantId;
    const consultationId = proposal?.consultationId ?? event?.consultationId;
    if (author === this.participantId && consultationId) this.live.emit(consultationId, { type: 'mine', target, status });
  }

  // ---- live changes "from another window", for tests and demos (live.ts) ----

  /** Another participant votes (or withdraws, `choice` null): every open stream gets the tally. */
  voteFrom(participantId: string, proposalId: string, choice: VoteChoice | null): void {
    const proposal = this.proposals.get(proposalId);
    if (!proposal) return;
    if (choice) this.votes.set(`${participantId}|${proposalId}`, choice);
    else this.votes.delete(`${participantId}|${proposalId}`);
    const tally = votes.tally(this, this.consultation(proposal.consultationId), proposalId);
    this.live.emit(proposal.consultationId, { type: 'tally', proposalId, tally });
  }

  /** Someone else's proposal is published. */
  publishFrom(proposal: Proposal): void {
    this.proposals.set(proposal.id, structuredClone({ ...proposal, status: 'published' }));
    this.live.emit(proposal.consultationId, { type: 'proposal', id: proposal.id, status: 'published' });
  }

  /** An organiser changes the consultation (moves a phase...). */
  moveConsultation(consultationId: string, change: (consultation: Consultation) => void): void {
    change(this.consultation(consultationId));
    this.live.emit(consultationId, { type: 'consultation' });
  }

  private liveTally(consultationId: string, result: VoteResult): VoteResult {
    this.live.emit(consultationId, { type: 'tally', proposalId: result.tally.proposalId, tally: result.tally });
    return result;
  }

  /** The tally computed from the vote rows (what a test compares the displayed count with). */
  rawTotal(proposalId: string): number {
    return votes.rawTotal(this, proposalId);
  }
}
