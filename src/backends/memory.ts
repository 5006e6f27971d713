/**
 * A complete in-memory backend for tests, stories and demos. It enforces the same rules as the
 * reference server (phases, limits, withdrawal, idempotency, validation) and can inject latency,
 * failures and an offline state, so every element state can be reached without a network.
 */
import { ALL_CAPABILITIES, type BackendCapabilities, type ConsultationBackend, type RequestOptions, type WriteOptions } from '../core/backend.js';
import { delay, raceAbort } from '../core/async.js';
import { votingClosedByAnswer } from '../core/answers.js';
import { backendError, BackendError, throwIfAborted, validationError } from '../core/errors.js';
import { actionWindow, consultationEnd } from '../core/phase.js';
import { VOTE_CHOICES } from '../core/vote-choices.js';
import type {
  Consultation, ConsultationEvent, ErrorCode, EventProposal, EventQuery, EventReceipt,
  Page, Participation, Proposal, ProposalDraft, ProposalQuery, ProposalReceipt, RegistrationInput,
  RegistrationReceipt, ServerTime, VoteChoice, VoteResult, VoteTally,
} from '../core/schemas.js';
import { validateEventProposal, validateProposalDraft, validateRegistration } from '../core/validate.js';
import { matchesPlace, pageFrom, seededRank } from '../core/query.js';
import type { WorkshopReport, WorkshopReportDraft, WorkshopReportReceipt } from '../core/reports.js';
import { WorkshopStore } from './memory-reports.js';

export interface MemoryEvent extends ConsultationEvent {
  /** Proposed events wait for approval and are not listed until approved. */
  moderation?: 'pending' | 'approved' | 'hidden';
  /** The participant who proposed it: its host (may file its report). */
  participantId?: string;
}
export interface MemoryFixture {
  consultations: Consultation[];
  proposals?: Proposal[];
  events?: MemoryEvent[];
  /** Existing votes from other participants, counted in the tallies. */
  votes?: { participantId: string; proposalId: string; choice: VoteChoice }[];
}
export interface MemoryBackendOptions {
  /** Milliseconds every call waits before answering (a number, or [min, max]). */
  latency?: number | [number, number];
  /** The backend's clock (ms since epoch); defaults to Date.now. */
  now?: () => number;
  /** The participant this backend acts for. */
  participantId?: string;
}

type Method = keyof ConsultationBackend & string;
interface Failure { method: Method | '*'; error: BackendError; remaining: number }

export class MemoryBackend implements ConsultationBackend {
  readonly kind = 'memory';
  capabilities: BackendCapabilities = { ...ALL_CAPABILITIES };
  latency: number | [number, number];
  /** While true, every call fails as the browser would when offline. */
  offline = false;
  now: () => number;
  participantId: string;
  /** Every call, in order: tests count requests with it. */
  readonly calls: { method: Method; args: unknown[] }[] = [];

  readonly consultations = new Map<string, Consultation>();
  readonly proposals = new Map<string, Proposal & { email?: string; reports?: number }>();
  readonly events = new Map<string, MemoryEvent>();
  /** `${participantId}|${proposalId}` -> choice: the vote rows tallies are computed from. */
  readonly votes = new Map<string, VoteChoice>();
  readonly registrations = new Map<string, Map<string, RegistrationInput>>();
  private readonly idempotent = new Map<string, Promise<unknown>>();
  private failures: Failure[] = [];
  private sequence = 0;
  private gate: { methods: Method[]; opened: Promise<void> } | null = null;

  constructor(fixture: MemoryFixture = { consultations: [] }, options: MemoryBackendOptions = {}) {
    this.latency = options.latency ?? 0;
    this.now = options.now ?? (() => Date.now());
    this.participantId = options.participantId ?? 'me';
    for (const c of fixture.consultations) this.consultations.set(c.id, structuredClone(c));
    for (const p of fixture.proposals ?? []) this.proposals.set(p.id, structuredClone(p));
    for (const e of fixture.events ?? []) this.events.set(e.id, structuredClone(e));
    for (const v of fixture.votes ?? []) this.votes.set(`${v.participantId}|${v.proposalId}`, v.choice);
  }

  /**
   * Holds the calls of `methods` (every method when none is named) entered from now on until the
   * returned function is called: tests observe in-flight states (busy, loading, optimistic) without
   * racing a timer against the machine's speed.
   */
  hold(...methods: Method[]): () => void {
    let release!: () => void;
    const gate = { methods, opened: new Promise<void>((resolve) => (release = resolve)) };
    this.gate = gate;
    return () => {
      if (this.gate === gate) this.gate = null;
      release();
    };
  }

  /** Makes the next `count` calls of `method` (or of any method, `'*'`) fail with `error`. */
  failNext(method: Method | '*', error: BackendError | ErrorCode, count = 1): void {
    const err = typeof error === 'string' ? backendError(error, `Injected ${error}`, error === 'rate-limited' ? { retryAfter: 30 } : {}) : error;
    this.failures.push({ method, error: err, remaining: count });
  }

  // ---- reads ----

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
    return this.participation(consultationId);
  }

  async listProposals(consultationId: string, query: ProposalQuery, options?: RequestOptions): Promise<Page<Proposal>> {
    await this.enter('listProposals', [consultationId, query], options);
    const consultation = this.consultation(consultationId);
    const q = query.q?.trim().toLocaleLowerCase();
    let items = [...this.proposals.values()]
      .filter((p) => p.consultationId === consultationId && p.status === 'published')
      .filter((p) => !query.categoryId || p.categoryId === query.categoryId)
      .filter((p) => (!query.origin || (query.origin === 'workshop') === !!p.origin) && (!query.eventId || p.origin?.eventId === query.eventId))
      .filter((p) => !q || `${p.title}\n${p.body}`.toLocaleLowerCase().includes(q))
      .map((p) => this.publicProposal(consultation, p));
    const sort = query.sort ?? 'newest';
    if (sort === 'newest') items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    if (sort === 'most-supported') items.sort((a, b) => this.rawTotal(b.id) - this.rawTotal(a.id) || b.createdAt.localeCompare(a.createdAt));
    if (sort === 'random') items = seededRank(items, query.seed ?? '');
    return pageFrom(items, query.cursor, query.limit ?? 20);
  }

  async getProposal(consultationId: string, proposalId: string, options?: RequestOptions): Promise<Proposal> {
    await this.enter('getProposal', [consultationId, proposalId], options);
    const stored = this.proposals.get(proposalId);
    if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
    return this.publicProposal(this.consultation(consultationId), stored);
  }

  async listEvents(consultationId: string, query: EventQuery, options?: RequestOptions): Promise<Page<ConsultationEvent>> {
    await this.enter('listEvents', [consultationId, query], options);
    this.consultation(consultationId);
    const from = query.from ? Date.parse(query.from) : this.now();
    const to = query.to ? Date.parse(query.to) : Infinity;
    const items = [...this.events.values()]
      .filter((e) => e.consultationId === consultationId && (e.moderation ?? 'approved') === 'approved')
      .filter((e) => Date.parse(e.endsAt) >= from && Date.parse(e.startsAt) <= to)
      .filter((e) => !query.format || e.format === query.format)
      .filter((e) => !query.mode || e.mode === query.mode)
      .filter((e) => !query.place || matchesPlace(e.address, query.place))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id))
      .map((e) => this.publicEvent(e));
    return pageFrom(items, query.cursor, query.limit ?? 20);
  }

  async getEvent(consultationId: string, eventId: string, options?: RequestOptions): Promise<ConsultationEvent> {
    await this.enter('getEvent', [consultationId, eventId], options);
    const event = this.events.get(eventId);
    if (!event || event.consultationId !== consultationId || (event.moderation ?? 'approved') !== 'approved') throw backendError('not-found', 'No such event');
    return this.publicEvent(event);
  }

  // ---- writes (idempotent by key) ----

  createProposal(consultationId: string, draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt> {
    return this.once('createProposal', [consultationId, draft], options, () => {
      const consultation = this.consultation(consultationId);
      this.requireOpen(consultation, 'proposals');
      if (draft.website) throw backendError('forbidden', 'Rejected as spam');
      const errors = validateProposalDraft(consultation, draft);
      if (errors.length) throw validationError(errors);
      const pre = consultation.settings.moderation === 'pre';
      const id = `p-${++this.sequence}-${Math.random().toString(36).slice(2, 8)}`;
      const fields = consultation.settings.proposalFields;
      const stored: Proposal & { email?: string } = {
        id, consultationId, title: draft.title.trim(), body: draft.body.trim(), categoryId: draft.categoryId || null,
        extra: Object.fromEntries(Object.entries(draft.extra ?? {}).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()])),
        authorName: fields.authorName !== 'hidden' && draft.authorName?.trim() ? draft.authorName.trim() : null,
        createdAt: new Date(this.now()).toISOString(), status: pre ? 'pending' : 'published',
        tally: this.emptyTally(id), ...(draft.email?.trim() ? { email: draft.email.trim() } : {}),
      };
      this.proposals.set(id, stored);
      return { proposal: this.publicProposal(consultation, stored), moderation: pre ? 'pending' : 'published' };
    });
  }

  reportProposal(consultationId: string, proposalId: string, reason: string, options: WriteOptions): Promise<void> {
    return this.once('reportProposal', [consultationId, proposalId, reason], options, () => {
      const stored = this.proposals.get(proposalId);
      if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
      stored.reports = (stored.reports ?? 0) + 1;
    });
  }

  vote(consultationId: string, proposalId: string, choice: VoteChoice, options: WriteOptions): Promise<VoteResult> {
    return this.once('vote', [consultationId, proposalId, choice], options, () => {
      const consultation = this.consultation(consultationId);
      this.requireOpen(consultation, 'votes');
      const stored = this.votable(consultationId, proposalId);
      if (!VOTE_CHOICES[consultation.settings.voteModel].includes(choice)) {
        throw backendError('validation', `“${choice}” is not a choice of the ${consultation.settings.voteModel} vote model`);
      }
      const key = `${this.participantId}|${proposalId}`;
      const previous = this.votes.get(key);
      if (previous && previous !== choice && !consultation.settings.voteWithdrawal) throw backendError('forbidden', 'Votes are final in this consultation');
      if (!previous) {
        const left = this.votesLeft(consultation);
        if (left !== null && left <= 0) throw backendError('limit-reached', 'No votes left');
      }
      this.votes.set(key, choice);
      return { tally: this.tally(consultation, stored.id), participation: this.participation(consultationId) };
    });
  }

  withdrawVote(consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult> {
    return this.once('withdrawVote', [consultationId, proposalId], options, () => {
      const consultation = this.consultation(consultationId);
      this.requireOpen(consultation, 'votes');
      if (!consultation.settings.voteWithdrawal) throw backendError('forbidden', 'Votes are final in this consultation');
      // A hidden proposal's vote may be withdrawn too (the server's rule: server/store/votes.ts).
      const stored = this.proposals.get(proposalId);
      if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
      this.votes.delete(`${this.participantId}|${proposalId}`);
      return { tally: this.tally(consultation, stored.id), participation: this.participation(consultationId) };
    });
  }

  registerForEvent(consultationId: string, eventId: string, input: RegistrationInput, options: WriteOptions): Promise<RegistrationReceipt> {
    return this.once('registerForEvent', [consultationId, eventId, input], options, () => {
      const event = this.events.get(eventId);
      if (!event || event.consultationId !== consultationId || (event.moderation ?? 'approved') !== 'approved') throw backendError('not-found', 'No such event');
      if (input.website) throw backendError('forbidden', 'Rejected as spam');
      if (event.registration.kind !== 'inline') {
        // As the server: the client's case (409 closed), with the external registration page when there is one.
        throw backendError('closed', 'This event takes no registration here', event.registration.kind === 'external' ? { url: event.registration.url } : {});
      }
      if (event.status === 'cancelled' || event.status === 'postponed') throw backendError('closed', `This event is ${event.status}`);
      const errors = validateRegistration(input);
      if (errors.length) throw validationError(errors);
      const seats = this.registrations.get(eventId) ?? new Map<string, RegistrationInput>();
      this.registrations.set(eventId, seats);
      const reg = event.registration;
      if (!seats.has(this.participantId)) {
        if (reg.seatsLeft !== null && reg.seatsLeft <= 0) throw backendError('limit-reached', 'This event is full');
        seats.set(this.participantId, { ...input });
        if (reg.seatsLeft !== null) reg.seatsLeft -= 1;
        if (reg.seatsLeft === 0) event.status = 'full';
      }
      return { eventId, seatsLeft: reg.seatsLeft };
    });
  }

  proposeEvent(consultationId: string, input: EventProposal, options: WriteOptions): Promise<EventReceipt> {
    return this.once('proposeEvent', [consultationId, input], options, () => {
      const consultation = this.consultation(consultationId);
      this.requireOpen(consultation, 'eventProposals');
      if (input.website) throw backendError('forbidden', 'Rejected as spam');
      const errors = validateEventProposal(consultation, input, new Date(this.now()));
      if (errors.length) throw validationError(errors);
      const id = `e-${++this.sequence}`;
      const address = input.address?.locality?.trim()
        ? { ...input.address, locality: input.address.locality.trim() }
        : undefined;
      const event: MemoryEvent = {
        id, consultationId, title: input.title.trim(), format: input.format, description: input.description.trim(),
        startsAt: new Date(input.startsAt).toISOString(), endsAt: new Date(input.endsAt).toISOString(),
        timeZone: input.timeZone || consultation.timeZone, mode: input.mode as MemoryEvent['mode'],
        ...(address && input.mode !== 'online' ? { address } : {}),
        ...(input.onlineUrl?.trim() && input.mode !== 'in-person' ? { onlineUrl: input.onlineUrl.trim() } : {}),
        organiser: { name: input.organiserName.trim() }, status: 'scheduled',
        registration: input.capacity ? { kind: 'inline', capacity: input.capacity, seatsLeft: input.capacity } : { kind: 'none' },
        moderation: 'pending', participantId: this.participantId,
      };
      this.events.set(id, event);
      return { event: this.publicEvent(event), moderation: 'pending' };
    });
  }

  // ---- relay-workshop reports (issue 22: memory-reports.ts) ----

  readonly workshops = new WorkshopStore();

  async getWorkshopReport(consultationId: string, eventId: string, options?: RequestOptions): Promise<WorkshopReport> {
    await this.enter('getWorkshopReport', [consultationId, eventId], options);
    return this.workshops.published(this, consultationId, eventId);
  }

  submitWorkshopReport(consultationId: string, eventId: string, draft: WorkshopReportDraft, options: WriteOptions): Promise<WorkshopReportReceipt> {
    return this.once('submitWorkshopReport', [consultationId, eventId, draft], options, () => this.workshops.file(this, consultationId, eventId, draft, options.idempotencyKey));
  }

  // ---- helpers for tests and demos ----

  /** Approves a proposed event or publishes a pending proposal, as a moderator would. */
  approve(id: string): void {
    this.workshops.decide(this, id, 'published');
    const event = this.events.get(id);
    if (event) event.moderation = 'approved';
    const proposal = this.proposals.get(id);
    if (proposal) proposal.status = 'published';
  }

  /** Hides a proposal or an event, as a moderator would (`approve` restores it). */
  hide(id: string): void {
    this.workshops.decide(this, id, 'hidden');
    const event = this.events.get(id);
    if (event) event.moderation = 'hidden';
    const proposal = this.proposals.get(id);
    if (proposal) proposal.status = 'hidden';
  }

  /** The tally computed from the vote rows (what a test compares the displayed count with). */
  rawTotal(proposalId: string): number {
    let total = 0;
    for (const key of this.votes.keys()) if (key.endsWith(`|${proposalId}`)) total++;
    return total;
  }

  // ---- internals ----

  private async enter(method: Method, args: unknown[], options?: RequestOptions): Promise<void> {
    this.calls.push({ method, args });
    const signal = options?.signal;
    throwIfAborted(signal);
    const wait = Array.isArray(this.latency) ? this.latency[0] + Math.random() * (this.latency[1] - this.latency[0]) : this.latency;
    const gate = this.gate && (this.gate.methods.length === 0 || this.gate.methods.includes(method)) ? this.gate.opened : null;
    if (gate) await raceAbort(gate, signal);
    if (wait > 0 || gate) await delay(wait, signal);
    if (this.offline) throw backendError('offline', 'You are offline');
    const failure = this.failures.find((f) => f.method === method || f.method === '*');
    if (failure) {
      if (--failure.remaining <= 0) this.failures = this.failures.filter((f) => f !== failure);
      throw failure.error;
    }
  }

  /** Runs a write once per idempotency key: concurrent and later calls with the key share its outcome. */
  private once<T>(method: Method, args: unknown[], options: WriteOptions, write: () => T): Promise<T> {
    const key = `${method}:${options.idempotencyKey}`;
    return this.enter(method, args, options).then(() => {
      const known = this.idempotent.get(key) as Promise<T> | undefined;
      if (known) return known.then((r) => structuredClone(r));
      const result = Promise.resolve().then(write);
      this.idempotent.set(key, result);
      // A refused write may be retried with the same key once the cause is fixed (a closed phase, a field).
      result.catch(() => this.idempotent.delete(key));
      return result.then((r) => structuredClone(r));
    });
  }

  private consultation(id: string): Consultation {
    const consultation = this.consultations.get(id);
    if (!consultation) throw backendError('not-found', `No consultation “${id}”`);
    return consultation;
  }

  private requireOpen(consultation: Consultation, action: 'proposals' | 'votes' | 'eventProposals'): void {
    if (!actionWindow(consultation, action, this.now()).open) throw backendError('closed', `The current phase does not accept ${action}`);
  }

  private votable(consultationId: string, proposalId: string): Proposal {
    const stored = this.proposals.get(proposalId);
    if (!stored || stored.consultationId !== consultationId) throw backendError('not-found', 'No such proposal');
    if (stored.status !== 'published') throw backendError('closed', `This proposal is ${stored.status}`);
    const settings = this.consultations.get(consultationId)?.settings;
    if (settings && votingClosedByAnswer(settings, stored.answer)) throw backendError('closed', 'This proposal has been answered');
    return stored;
  }

  private votesLeft(consultation: Consultation): number | null {
    const limit = consultation.settings.votesPerParticipant;
    if (limit === null) return null;
    return Math.max(0, limit - Object.keys(this.myVotes(consultation.id)).length);
  }

  /** The votes that count: a hidden proposal releases its votes until it is restored (as the server does). */
  private myVotes(consultationId: string): Record<string, VoteChoice> {
    const votes: Record<string, VoteChoice> = {};
    for (const [key, choice] of this.votes) {
      const [participant, proposalId] = key.split('|') as [string, string];
      const proposal = this.proposals.get(proposalId);
      if (participant === this.participantId && proposal?.consultationId === consultationId && proposal.status === 'published') votes[proposalId] = choice;
    }
    return votes;
  }

  private participation(consultationId: string): Participation {
    const consultation = this.consultation(consultationId);
    const registrations = [...this.registrations].filter(([, seats]) => seats.has(this.participantId)).map(([id]) => id);
    return {
      participant: { id: this.participantId, displayName: null, verified: false },
      votes: this.myVotes(consultationId),
      votesLeft: this.votesLeft(consultation),
      registrations,
    };
  }

  private emptyTally(proposalId: string): VoteTally {
    return { proposalId, hidden: false, total: 0, counts: {} };
  }

  private tally(consultation: Consultation, proposalId: string): VoteTally {
    const end = consultationEnd(consultation.phases);
    if (consultation.settings.hideCountsUntilEnd && end !== null && this.now() < end) {
      return { proposalId, hidden: true, total: null, counts: null };
    }
    const counts: Partial<Record<VoteChoice, number>> = {};
    for (const choice of VOTE_CHOICES[consultation.settings.voteModel]) counts[choice] = 0;
    let total = 0;
    for (const [key, choice] of this.votes) {
      if (!key.endsWith(`|${proposalId}`)) continue;
      counts[choice] = (counts[choice] ?? 0) + 1;
      total++;
    }
    return { proposalId, hidden: false, total, counts };
  }

  private publicProposal(consultation: Consultation, stored: Proposal & { email?: string; reports?: number }): Proposal {
    const { email: _email, reports: _reports, ...proposal } = stored;
    return structuredClone({ ...proposal, tally: this.tally(consultation, stored.id) });
  }

  private publicEvent(event: MemoryEvent): ConsultationEvent {
    const { moderation: _moderation, ...rest } = event;
    return structuredClone(rest);
  }
}

