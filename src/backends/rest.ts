/**
 * The `rest` backend: speaks the reference server's HTTP API (`{endpoint}/api/v1`, see server/ and
 * /api/v1/openapi.json). The participant is anonymous until their first write, when the server issues a
 * token kept in `localStorage` per endpoint; a host CMS may vouch for a logged-in person instead with a
 * signed identity (`<pgo-consultation identity="<jwt>">`), exchanged for a token once per consultation.
 * Requests time out, retry only when safe (reads, keyed writes) and fail as `BackendError`s.
 */
import {
  ALL_CAPABILITIES,
  registerBackend,
  type BackendCapabilities,
  type ConsultationBackend,
  type DocumentsBackend,
  type LiveHandlers,
  type LiveSubscription,
  type RequestOptions,
  type WriteOptions,
} from '../core/backend.js';
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
} from '../core/schemas.js';
import type { WorkshopReport, WorkshopReportDraft, WorkshopReportReceipt } from '../core/reports.js';
import { queryString, shaped } from './http.js';
import { RestTransport, type RestBackendOptions } from './rest-transport.js';
import * as comments from './rest-comments.js';
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
} from '../core/comments.js';
import { lazyMethods } from './lazy.js';
import type { MyContribution } from '../core/contributions.js';
import { RestLiveLink } from './rest-live-link.js';

export type { RestBackendOptions };

/**
 * Longest quiet wait before retrying a vote: the citizen sees the vote at once (optimistic), so a longer
 * Retry-After (a 503 asking for 10 s) fails the vote now, rolls it back and says when to try again.
 */
const VOTE_MAX_WAIT_MS = 2_000;

export class RestBackend extends RestTransport implements ConsultationBackend {
  readonly kind = 'rest';
  readonly capabilities: BackendCapabilities = { ...ALL_CAPABILITIES };
  private readonly live: RestLiveLink;
  /** Issue 21: documents and amendments (rest-documents.ts, loaded with the first call: most pages never need it). */
  readonly documents: DocumentsBackend = lazyMethods(
    () =>
      import('./rest-documents.js').then(
        (m) =>
          new m.RestDocuments({
            path: (consultationId, ...parts) => this.path(consultationId, ...parts),
            read: (consultationId, url, personal, signal) =>
              personal ? this.readAs(consultationId, url, { signal }) : this.http.send({ method: 'GET', url, signal }),
            write: (consultationId, method, url, body, options) => this.write(consultationId, method, url, body, options),
          }),
      ),
    ['getDocument', 'getVersion', 'listAmendments', 'proposeAmendment', 'voteAmendment'],
  );

  constructor(options: RestBackendOptions) {
    super(options);
    this.live = new RestLiveLink({
      url: (consultationId) => this.path(consultationId, 'live'),
      token: (consultationId) =>
        this.identity ? this.verifiedToken(consultationId).catch(() => null) : Promise.resolve(this.tokens.get()),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
  }

  /** The consultation's live stream (rest-live-link.ts), with the participant's token when there is one. */
  openLive(consultationId: string, since: string | null, handlers: LiveHandlers): LiveSubscription {
    return this.live.open(consultationId, since, handlers);
  }

  // ---- reads ----

  async getConsultation(consultationId: string, options?: RequestOptions): Promise<Consultation> {
    const seen = (headers: Headers) => this.live.saw(consultationId, headers);
    return shaped(await this.http.send({ method: 'GET', url: this.path(consultationId), signal: options?.signal, seen }), [
      'id',
      'phases',
      'settings',
    ]);
  }

  async getServerTime(options?: RequestOptions): Promise<ServerTime> {
    return shaped(await this.http.send({ method: 'GET', url: `${this.base}/time`, cache: 'no-store', signal: options?.signal }), ['now']);
  }

  /** Sends the participant's token when there is one; never creates a participant just to read. */
  async getParticipation(consultationId: string, options?: RequestOptions): Promise<Participation> {
    return shaped(await this.readAs(consultationId, this.path(consultationId, 'participation'), options), ['votes', 'registrations']);
  }

  /** The participant's own contributions and their moderation status (issue 19); none, without a request, before any. */
  async listMyContributions(consultationId: string, options?: RequestOptions): Promise<MyContribution[]> {
    if (!this.identity && !this.tokens.get()) return [];
    return shaped<{ items: MyContribution[] }>(await this.readAs(consultationId, this.path(consultationId, 'my-contributions'), options), [
      'items',
    ]).items;
  }

  async listProposals(consultationId: string, query: ProposalQuery, options?: RequestOptions): Promise<Page<Proposal>> {
    return shaped(await this.get(this.path(consultationId, 'proposals') + queryString(query), options), ['items']);
  }

  async getProposal(consultationId: string, proposalId: string, options?: RequestOptions): Promise<Proposal> {
    return shaped(await this.get(this.path(consultationId, 'proposals', proposalId), options), ['id', 'tally']);
  }

  async listEvents(consultationId: string, query: EventQuery, options?: RequestOptions): Promise<Page<ConsultationEvent>> {
    return shaped(await this.get(this.path(consultationId, 'events') + queryString(query), options), ['items']);
  }

  async getEvent(consultationId: string, eventId: string, options?: RequestOptions): Promise<ConsultationEvent> {
    return shaped(await this.get(this.path(consultationId, 'events', eventId), options), ['id', 'registration']);
  }

  // ---- writes: a participant token, the caller's idempotency key ----

  async createProposal(consultationId: string, draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt> {
    return shaped(await this.write(consultationId, 'POST', this.path(consultationId, 'proposals'), draft, options), [
      'proposal',
      'moderation',
    ]);
  }

  async reportProposal(consultationId: string, proposalId: string, reason: string, options: WriteOptions): Promise<void> {
    await this.write(consultationId, 'POST', this.path(consultationId, 'proposals', proposalId, 'reports'), { reason }, options);
  }

  async vote(consultationId: string, proposalId: string, choice: VoteChoice, options: WriteOptions): Promise<VoteResult> {
    return shaped(
      await this.write(
        consultationId,
        'PUT',
        this.path(consultationId, 'proposals', proposalId, 'vote'),
        { choice },
        options,
        VOTE_MAX_WAIT_MS,
      ),
      ['tally', 'participation'],
    );
  }

  async withdrawVote(consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult> {
    return shaped(
      await this.write(
        consultationId,
        'DELETE',
        this.path(consultationId, 'proposals', proposalId, 'vote'),
        undefined,
        options,
        VOTE_MAX_WAIT_MS,
      ),
      ['tally', 'participation'],
    );
  }

  async registerForEvent(
    consultationId: string,
    eventId: string,
    input: RegistrationInput,
    options: WriteOptions,
  ): Promise<RegistrationReceipt> {
    return shaped(await this.write(consultationId, 'POST', this.path(consultationId, 'events', eventId, 'registrations'), input, options), [
      'eventId',
    ]);
  }

  async proposeEvent(consultationId: string, input: EventProposal, options: WriteOptions): Promise<EventReceipt> {
    return shaped(await this.write(consultationId, 'POST', this.path(consultationId, 'events'), input, options), ['event', 'moderation']);
  }

  // ---- comments (rest-comments.ts) ----

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

  // ---- relay-workshop reports (issue 22) ----

  async getWorkshopReport(consultationId: string, eventId: string, options?: RequestOptions): Promise<WorkshopReport> {
    return shaped(await this.get(this.path(consultationId, 'events', eventId, 'report'), options), ['id', 'contributions']);
  }

  async submitWorkshopReport(
    consultationId: string,
    eventId: string,
    draft: WorkshopReportDraft,
    options: WriteOptions,
  ): Promise<WorkshopReportReceipt> {
    return shaped(await this.write(consultationId, 'POST', this.path(consultationId, 'events', eventId, 'report'), draft, options), [
      'report',
      'moderation',
    ]);
  }
}

registerBackend('rest', (config) => new RestBackend({ endpoint: config.endpoint ?? '', identity: config.attributes?.identity }));
