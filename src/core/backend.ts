/**
 * The contract between the elements and any consultation backend (memory, rest, decidim...).
 * Every method is async and abortable; writes carry an idempotency key so a retry never doubles.
 * Failures are thrown as `BackendError` (src/core/errors.ts) whatever the transport.
 */
import type { BackendError } from './errors.js';
import type { LiveChange } from './live.js';
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
} from './schemas.js';
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
} from './comments.js';
import type {
  Amendment,
  AmendmentDraft,
  AmendmentQuery,
  AmendmentReceipt,
  AmendmentVoteResult,
  DocumentVersion,
  TextDocument,
} from './text.js';

export interface RequestOptions {
  signal?: AbortSignal;
}
export interface WriteOptions extends RequestOptions {
  /** Same key, same request: the backend returns the first answer and writes nothing more. */
  idempotencyKey: string;
}

/**
 * What a backend can do. Elements check these instead of guessing: a missing capability is shown as
 * "not available here" (or a link to where it is available, `linkOut`), never as an error.
 */
export interface BackendCapabilities {
  proposals: boolean;
  createProposal: boolean;
  votes: boolean;
  withdrawVote: boolean;
  report: boolean;
  events: boolean;
  registerForEvent: boolean;
  proposeEvent: boolean;
  serverTime: boolean;
  // ---- issue 21, the collaborative writing phase (`backend.documents`) ----
  /** Reading documents, their versions and amendments. */
  documents: boolean;
  /** Proposing amendments and voting on them. */
  amend: boolean;
}

/** Every capability: a backend that can do everything (the reference API, the memory backend). */
export const ALL_CAPABILITIES: Readonly<BackendCapabilities> = Object.freeze({
  proposals: true,
  createProposal: true,
  votes: true,
  withdrawVote: true,
  report: true,
  events: true,
  registerForEvent: true,
  proposeEvent: true,
  serverTime: true,
  comments: true,
  postComment: true,
  editComment: true,
  helpfulVotes: true,
  reportComment: true,
  documents: true,
  amend: true,
  workshopReports: true,
  readWorkshopReports: true,
});
/** No capability: a backend whose script has not loaded. */
export const NO_CAPABILITIES: Readonly<BackendCapabilities> = Object.freeze(
  Object.fromEntries(Object.keys(ALL_CAPABILITIES).map((name) => [name, false])) as unknown as BackendCapabilities,
);

export interface ConsultationBackend {
  /** `memory`, `rest`, `decidim`... */
  readonly kind: string;
  readonly capabilities: BackendCapabilities;

  getConsultation(consultationId: string, options?: RequestOptions): Promise<Consultation>;
  /** The server's clock, so countdowns agree with the server whatever the visitor's clock says. */
  getServerTime(options?: RequestOptions): Promise<ServerTime>;
  /** The current participant's votes, votes left and registrations (anonymous until they act). */
  getParticipation(consultationId: string, options?: RequestOptions): Promise<Participation>;

  listProposals(consultationId: string, query: ProposalQuery, options?: RequestOptions): Promise<Page<Proposal>>;
  getProposal(consultationId: string, proposalId: string, options?: RequestOptions): Promise<Proposal>;
  createProposal(consultationId: string, draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt>;
  reportProposal(consultationId: string, proposalId: string, reason: string, options: WriteOptions): Promise<void>;

  vote(consultationId: string, proposalId: string, choice: VoteChoice, options: WriteOptions): Promise<VoteResult>;
  withdrawVote(consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult>;

  listEvents(consultationId: string, query: EventQuery, options?: RequestOptions): Promise<Page<ConsultationEvent>>;
  getEvent(consultationId: string, eventId: string, options?: RequestOptions): Promise<ConsultationEvent>;
  registerForEvent(consultationId: string, eventId: string, input: RegistrationInput, options: WriteOptions): Promise<RegistrationReceipt>;
  proposeEvent(consultationId: string, input: EventProposal, options: WriteOptions): Promise<EventReceipt>;

  /** Issue 21: documents in sections and their amendments, where the backend has them (`capabilities.documents`). */
  readonly documents?: DocumentsBackend;
}

// ---- issue 21, the collaborative writing phase ----
/** A document's current version, its versions, amendments and the votes on them (src/core/text.ts). */
export interface DocumentsBackend {
  getDocument(consultationId: string, documentId: string, options?: RequestOptions): Promise<TextDocument>;
  /** One version's snapshot: an amendment written on it reads against it. */
  getVersion(consultationId: string, documentId: string, version: number, options?: RequestOptions): Promise<DocumentVersion>;
  listAmendments(consultationId: string, documentId: string, query: AmendmentQuery, options?: RequestOptions): Promise<Amendment[]>;
  proposeAmendment(consultationId: string, documentId: string, draft: AmendmentDraft, options: WriteOptions): Promise<AmendmentReceipt>;
  /** Votes on an amendment with the document's vote model; `null` withdraws the vote. */
  voteAmendment(
    consultationId: string,
    documentId: string,
    amendmentId: string,
    choice: VoteChoice | null,
    options: WriteOptions,
  ): Promise<AmendmentVoteResult>;
}

/** Options every backend factory receives from `<pgo-consultation>` (or a standalone element). */
export interface BackendConfig {
  endpoint?: string;
  /** Extra attributes of the provider element (`client-id`, `process`...), for backends that need them. */
  attributes?: Record<string, string>;
}
export type BackendFactory = (config: BackendConfig) => ConsultationBackend;

/**
 * Kept on globalThis under a registered symbol: a backend shipped as its own script (the decidim CDN
 * entry) carries its own copy of this module, and must still reach the registry the elements read.
 */
const REGISTRY = Symbol.for('pgo-widgets.backend-factories');
const factories: Map<string, BackendFactory> = ((globalThis as unknown as Record<symbol, Map<string, BackendFactory>>)[REGISTRY] ??=
  new Map());

/** Makes `backend="<kind>"` usable. Backend modules register themselves when imported. */
export function registerBackend(kind: string, factory: BackendFactory): void {
  factories.set(kind, factory);
}

export function createBackend(kind: string, config: BackendConfig): ConsultationBackend | null {
  return factories.get(kind)?.(config) ?? null;
}

/** A fresh idempotency key (uuid v4 where the platform has it). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- Live changes (issue 23): a backend that can hold a stream says so by having `openLive` ----

/** What a live stream tells its opener. Ids are opaque: the last one given resumes the stream after it. */
export interface LiveHandlers {
  /** A change, and the id to resume after it (null when the transport has none). */
  change(change: LiveChange, id: string | null): void;
  /** Open and caught up, at `id`. */
  ready(id: string | null): void;
  /**
   * The stream ended or could not open. `fatal`: it cannot be held here (refused, not a stream, a proxy
   * that breaks it): the session polls instead of trying again.
   */
  lost(error: BackendError, fatal: boolean): void;
}

export interface LiveSubscription {
  close(): void;
}

/** Opens one stream of a consultation's changes after `since`. */
export type OpenLive = (consultationId: string, since: string | null, handlers: LiveHandlers) => LiveSubscription;

// Declaration merging: the optional method joins the contract without touching the block above.
export interface ConsultationBackend {
  /** Absent where no stream can be held (Decidim, a memory backend made without it): the session polls. */
  openLive?: OpenLive;
}

// ---- comments (issue 20): shapes in comments.ts, rules in comment-rules.ts; merged into the interfaces above ----

export interface BackendCapabilities {
  /** Read discussions (threads, replies, one thread). */
  comments: boolean;
  postComment: boolean;
  /** Edit and delete one's own comments. */
  editComment: boolean;
  /** "Helpful" votes on comments. */
  helpfulVotes: boolean;
  reportComment: boolean;
}

export interface ConsultationBackend {
  /** First-level comments of a target, pinned first, then in `query.sort` order; each with its reply count. */
  listCommentThreads(consultationId: string, query: CommentQuery, options?: RequestOptions): Promise<CommentPage>;
  /** A thread's replies, oldest first. */
  listCommentReplies(consultationId: string, commentId: string, query: ReplyQuery, options?: RequestOptions): Promise<CommentPage>;
  /** The thread holding a comment (a first-level one or a reply), with all its replies: a `#comment-ID` link. */
  getCommentThread(consultationId: string, commentId: string, options?: RequestOptions): Promise<CommentThread>;
  postComment(consultationId: string, draft: CommentDraft, options: WriteOptions): Promise<CommentReceipt>;
  editComment(consultationId: string, commentId: string, edit: CommentEdit, options: WriteOptions): Promise<Comment>;
  /** A comment with replies stays as "comment deleted"; the answer is what is left (status `deleted`). */
  deleteComment(consultationId: string, commentId: string, options: WriteOptions): Promise<Comment>;
  /** Says (or takes back) that a comment is helpful: one vote per participant. */
  markHelpful(consultationId: string, commentId: string, helpful: boolean, options: WriteOptions): Promise<HelpfulResult>;
  reportComment(consultationId: string, commentId: string, report: CommentReport, options: WriteOptions): Promise<void>;
}

// ---- Relay-workshop reports (issue 22) ----
// Interfaces merge: the capability and the methods a backend offers for reports (src/core/reports.ts).
// A backend without them (decidim) declares `workshopReports: false` and leaves the methods out.
import type { WorkshopReport, WorkshopReportDraft, WorkshopReportReceipt } from './reports.js';

export interface BackendCapabilities {
  /** Filing a relay workshop's report and reading published ones. */
  workshopReports: boolean;
  /** Reading a past event's published report (Decidim: a meeting's closing, read-only). */
  readWorkshopReports: boolean;
}
export interface ConsultationBackend {
  /** The event's published report (not-found while there is none, or it awaits moderation). */
  getWorkshopReport?(consultationId: string, eventId: string, options?: RequestOptions): Promise<WorkshopReport>;
  /** Files the event's report (its host only: the participant who proposed it, or `draft.hostKey`). One per event. */
  submitWorkshopReport?(
    consultationId: string,
    eventId: string,
    draft: WorkshopReportDraft,
    options: WriteOptions,
  ): Promise<WorkshopReportReceipt>;
}

// ---- A participant's own contributions and their moderation status (issue 19, src/core/contributions.ts) ----
import type { MyContribution } from './contributions.js';

export interface ConsultationBackend {
  /** The participant's own contributions of every kind, newest first, with their status (empty for a visitor who has none). */
  listMyContributions?(consultationId: string, options?: RequestOptions): Promise<MyContribution[]>;
}
