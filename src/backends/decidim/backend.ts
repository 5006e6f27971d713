/**
 * The `decidim` backend: a Decidim participatory process through Decidim's GraphQL API (0.32 and the
 * development line; README "Decidim"). Reads are public; writes (create a proposal, vote, withdraw a
 * vote, comment) need an OAuth client id and a sign-in in a popup (auth.ts, oauth.ts). What Decidim's
 * API does not say is reported, never guessed: which steps accept proposals or votes
 * (`consultation.linkOut`), a hidden vote count (`tally.hidden`); what Decidim cannot do here is
 * `unsupported` with the Decidim page where it can be done (`problem.url`), never an error.
 * Split: options.ts (options, capabilities), client.ts (requests, throttle), process.ts, auth.ts,
 * comments.ts, mapping.ts, documents.ts, transport.ts, participatory-text.ts; base.ts what the calls share (the process, the mapping, writes).
 */
import type { BackendConfig, ConsultationBackend, DocumentsBackend, RequestOptions, WriteOptions } from '../../core/backend.js';
import type {
  Comment,
  CommentDraft as ContractDraft,
  CommentPage,
  CommentQuery,
  CommentReceipt,
  CommentThread as ContractThread,
  HelpfulResult,
  ReplyQuery,
} from '../../core/comments.js';
import { backendError } from '../../core/errors.js';
import { foldText, matchesPlace, pageFrom, seededRank } from '../../core/query.js';
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
import { validateProposalDraft } from '../../core/validate.js';
import { DecidimBase, type ProposalAnswer } from './base.js';
import { type CommentDraft, type CommentThread, type DecidimComment } from './comments.js';
import * as contract from './comment-contract.js';
import * as doc from './documents.js';
import { listable } from './mapping.js';
import type { RawMeeting, RawProposal } from './raw.js';
import { toWorkshopReport, type RawClosing } from './closing.js';
import type { WorkshopReport } from '../../core/reports.js';
import { optionsFromConfig } from './options.js';
import { participatoryTexts } from './participatory-text.js';
import { writeLocale } from './process.js';

export type { DecidimOptions } from './options.js';

export class DecidimBackend extends DecidimBase implements ConsultationBackend {
  /** Issue 21: a participatory text read as a document, read-only (participatory-text.ts). */
  readonly documents: DocumentsBackend = participatoryTexts(this.client, this.options, (id, options) => this.process(id, options));

  // ---- reads ----

  async getConsultation(consultationId: string, options?: RequestOptions): Promise<Consultation> {
    return structuredClone((await this.process(consultationId, options)).consultation);
  }

  getServerTime(): Promise<ServerTime> {
    return Promise.reject(backendError('unsupported', 'Decidim does not publish its clock'));
  }

  async getParticipation(_consultationId: string, options?: RequestOptions): Promise<Participation> {
    const votes = Object.fromEntries(this.myVotes);
    const token = this.auth.live();
    const user = token ? await this.auth.whoIs(token, options) : null;
    return {
      participant: user ? { id: user.id, displayName: user.name, verified: false } : null,
      votes,
      votesLeft: null,
      registrations: [],
    };
  }

  async listProposals(consultationId: string, query: ProposalQuery, options?: RequestOptions): Promise<Page<Proposal>> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.proposals, 'proposals');
    const limit = query.limit ?? 20;
    const sort = query.sort ?? 'newest';
    // Decidim applies sort keys in ITS declared order (publishedAt, id, voteCount), not the query's:
    // "most supported" asks voteCount alone (proposal_input_sort.rb). Decidim's list also holds withdrawn
    // proposals and emendations, which can only be told apart over the whole list: the backend reads it
    // all (pages of 50, at most 300 proposals: one request for most processes) and pages it here.
    if (query.categoryId) return { items: [], nextCursor: null, total: 0 };
    const order = sort === 'most-supported' ? { voteCount: 'desc' } : { publishedAt: 'desc', id: 'desc' };
    let items = listable(
      await this.client.all<RawProposal>(doc.PROPOSALS_QUERY, 'proposals', { component: component.id, order }, options),
    ).map((raw) => this.proposal(raw, info));
    // Ties in supports: newest first (Decidim's order among equals is the database's).
    if (sort === 'most-supported')
      items = items
        .map((p, i) => [p, i] as const)
        .sort(([a, i], [b, j]) => (b.tally.total ?? 0) - (a.tally.total ?? 0) || b.createdAt.localeCompare(a.createdAt) || i - j)
        .map(([p]) => p);
    const q = foldText(query.q ?? '');
    if (q) items = items.filter((p) => foldText(`${p.title}\n${p.body}`).includes(q));
    if (sort === 'random') items = seededRank(items, query.seed ?? '');
    return pageFrom(items, query.cursor, limit);
  }

  async getProposal(consultationId: string, proposalId: string, options?: RequestOptions): Promise<Proposal> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.proposals, 'proposals');
    const data = await this.client.request<ProposalAnswer>(doc.PROPOSAL_QUERY, { component: component.id, id: proposalId }, options);
    if (!data.component?.proposal) throw backendError('not-found', 'No such proposal');
    return this.proposal(data.component.proposal, info);
  }

  async listEvents(consultationId: string, query: EventQuery, options?: RequestOptions): Promise<Page<ConsultationEvent>> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.meetings, 'events');
    const from = query.from ? Date.parse(query.from) : Date.now();
    const to = query.to ? Date.parse(query.to) : Infinity;
    const items = (await this.client.all<RawMeeting>(doc.MEETINGS_QUERY, 'meetings', { component: component.id }, options))
      .map((raw) => this.event(raw, info))
      .filter((e) => Date.parse(e.endsAt) >= from && Date.parse(e.startsAt) <= to)
      .filter((e) => (!query.format || e.format === query.format) && (!query.mode || e.mode === query.mode))
      .filter((e) => !query.place || matchesPlace(e.address, query.place))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
    return pageFrom(items, query.cursor, query.limit ?? 20);
  }

  async getEvent(consultationId: string, eventId: string, options?: RequestOptions): Promise<ConsultationEvent> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.meetings, 'events');
    const data = await this.client.request<{ component: { meeting?: RawMeeting | null } | null }>(
      doc.MEETING_QUERY,
      { component: component.id, id: eventId },
      options,
    );
    if (!data.component?.meeting) throw backendError('not-found', 'No such event');
    return this.event(data.component.meeting, info);
  }

  /** A closed meeting's closing, read as its workshop report (closing.ts); not-found while there is none to show. */
  async getWorkshopReport(consultationId: string, eventId: string, options?: RequestOptions): Promise<WorkshopReport> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.meetings, 'events');
    type Answer = { component: { meeting?: RawClosing | null } | null };
    const data = await this.client.request<Answer>(doc.MEETING_CLOSING_QUERY, { component: component.id, id: eventId }, options);
    const { locale, timeZone } = this.options;
    const report =
      data.component?.meeting && toWorkshopReport(data.component.meeting, { consultationId: info.consultation.id, locale, timeZone });
    if (!report) throw backendError('not-found', 'This meeting has no closing report to show');
    return report;
  }

  // ---- Decidim's own comment calls (capabilities `comments`, `addComment`, `voteComment`); the contract's below ----
  async listComments(consultationId: string, proposalId: string, options?: RequestOptions): Promise<CommentThread> {
    const info = await this.process(consultationId, options);
    return this.discussion.list(this.need(info.proposals, 'proposals').id, proposalId, this.proposalUrl(info, proposalId), options);
  }
  addComment(consultationId: string, proposalId: string, draft: CommentDraft, options: WriteOptions): Promise<DecidimComment> {
    return this.writes.run(`comment:${options.idempotencyKey}`, () =>
      this.withProcess(consultationId, options, (info) => {
        this.writable(info, this.proposalUrl(info, proposalId));
        return this.discussion.add(proposalId, draft, writeLocale(info, this.options.locale), options);
      }),
    );
  }
  voteComment(
    consultationId: string,
    proposalId: string,
    commentId: string,
    direction: 'up' | 'down',
    options: WriteOptions,
  ): Promise<DecidimComment> {
    return this.writes.run(`comment-vote:${options.idempotencyKey}`, () =>
      this.withProcess(consultationId, options, (info) => {
        this.writable(info, this.proposalUrl(info, proposalId));
        return this.discussion.vote(commentId, direction, options);
      }),
    );
  }
  // ---- comments in the contract (issue 20, comment-contract.ts): what Decidim's API allows, else its page ----
  listCommentThreads(id: string, query: CommentQuery, options?: RequestOptions): Promise<CommentPage> {
    return contract.listThreads(this, id, query, options);
  }
  listCommentReplies(id: string, commentId: string, query: ReplyQuery, options?: RequestOptions): Promise<CommentPage> {
    return contract.listReplies(this, id, commentId, query, options);
  }
  async postComment(id: string, draft: ContractDraft, options: WriteOptions): Promise<CommentReceipt> {
    const { proposalId, draft: decidimDraft } = contract.decidimDraft(draft);
    return contract.receipt(id, draft, await this.addComment(id, proposalId, decidimDraft, options));
  }
  getCommentThread(id: string): Promise<ContractThread> {
    return this.commentLinkOut(id, 'Open the discussion on Decidim');
  }
  editComment(id: string): Promise<Comment> {
    return this.commentLinkOut(id, 'Edit the comment on Decidim');
  }
  deleteComment(id: string): Promise<Comment> {
    return this.commentLinkOut(id, 'Delete the comment on Decidim');
  }
  markHelpful(id: string): Promise<HelpfulResult> {
    return this.commentLinkOut(id, 'Vote on the comment on Decidim');
  }
  reportComment(id: string): Promise<void> {
    return this.commentLinkOut(id, 'Report the comment on Decidim');
  }
  private async commentLinkOut(id: string, title: string): Promise<never> {
    throw this.linkOut(title, (await this.process(id)).consultation.url);
  }

  // ---- writes ----

  createProposal(consultationId: string, draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt> {
    return this.writes.run(`create:${options.idempotencyKey}`, () =>
      this.withProcess(consultationId, options, (info) => {
        const component = this.writable(info, info.consultation.linkOut?.proposals);
        if (draft.website) throw backendError('forbidden', 'Rejected as spam');
        // Decidim's own rules (no categories, no author name or email fields here).
        const errors = validateProposalDraft(info.consultation, { title: draft.title, body: draft.body });
        if (errors.length)
          throw backendError('validation', 'Some fields need attention', {
            fieldErrors: errors,
            detail: errors.map((e) => e.message).join('; '),
          });
        // `locale` is required (create_proposal_type.rb) and must be one of the organisation's.
        const variables = {
          component: component.id,
          attributes: { title: draft.title.trim(), body: draft.body.trim() },
          locale: writeLocale(info, this.options.locale),
        };
        return this.auth.asParticipant(options, async (token) => {
          const data = await this.client.request<{ component: { createProposal?: RawProposal | null } | null }>(
            doc.CREATE_PROPOSAL,
            variables,
            options,
            token,
          );
          const raw = data.component?.createProposal;
          if (!raw) throw backendError('server', 'Decidim did not return the new proposal');
          return { proposal: this.proposal(raw, info), moderation: 'published' as const };
        });
      }),
    );
  }

  vote(consultationId: string, proposalId: string, choice: VoteChoice, options: WriteOptions): Promise<VoteResult> {
    return this.writes.run(`vote:${options.idempotencyKey}`, () => {
      if (choice !== 'support') throw backendError('validation', `Decidim proposals take supports, not “${choice}”`);
      return this.voteMutation(consultationId, proposalId, doc.VOTE, 'vote', options);
    });
  }

  withdrawVote(consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult> {
    return this.writes.run(`unvote:${options.idempotencyKey}`, () =>
      this.voteMutation(consultationId, proposalId, doc.UNVOTE, 'unvote', options),
    );
  }

  async reportProposal(consultationId: string, proposalId: string, _reason: string, options: WriteOptions): Promise<void> {
    const info = await this.process(consultationId, options);
    throw this.linkOut('Report the proposal on Decidim', this.proposalUrl(info, proposalId));
  }

  async registerForEvent(
    consultationId: string,
    eventId: string,
    _input: RegistrationInput,
    options: WriteOptions,
  ): Promise<RegistrationReceipt> {
    const event = await this.getEvent(consultationId, eventId, options).catch(() => null);
    throw this.linkOut('Register on Decidim', event?.url);
  }

  async proposeEvent(consultationId: string, _input: EventProposal, options: WriteOptions): Promise<EventReceipt> {
    const info = await this.process(consultationId, options);
    throw this.linkOut('Propose a meeting on Decidim', info.consultation.linkOut?.eventProposals);
  }

  /** Forgets the token (sign out from the widgets; Decidim's own session is untouched). */
  signOut(): void {
    this.auth.forget();
  }
}

/** The factory `backend="decidim"` uses: the provider's attributes are the options. */
export function decidimBackendFromConfig(config: BackendConfig): DecidimBackend {
  return new DecidimBackend(optionsFromConfig(config));
}
