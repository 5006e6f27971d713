/**
 * The `decidim` backend: a Decidim participatory process through Decidim's GraphQL API. Reads are
 * public; writes (create a proposal, vote, withdraw a vote) need an OAuth client id and a sign-in in a
 * popup (oauth.ts). What Decidim's API does not say is reported, never guessed: which steps accept
 * proposals or votes (`consultation.linkOut`), a hidden vote count (`tally.hidden`), and without a
 * client id every write is `unsupported` with the Decidim page where it can be done (`problem.url`).
 */
import { NO_CAPABILITIES, type BackendCapabilities, type BackendConfig, type ConsultationBackend, type RequestOptions, type WriteOptions } from '../../core/backend.js';
import { backendError } from '../../core/errors.js';
import { foldText, matchesPlace, pageFrom, seededRank } from '../../core/query.js';
import type {
  Consultation, ConsultationEvent, EventProposal, EventQuery, EventReceipt, Page, Participation, Proposal, ProposalDraft, ProposalQuery,
  ProposalReceipt, RegistrationInput, RegistrationReceipt, ServerTime, VoteChoice, VoteResult,
} from '../../core/schemas.js';
import { validateProposalDraft } from '../../core/validate.js';
import * as doc from './documents.js';
import {
  pickComponent, processUrlFrom, toConsultation, toEvent, toProposal, toTally, webUrl,
  type RawMeeting, type RawProcess, type RawProposal,
} from './mapping.js';
import { signIn, type AccessToken, type OAuthConfig } from './oauth.js';
import { graphql, isUndefinedField } from './transport.js';

export interface DecidimOptions {
  /** Decidim's base URL (`https://participation.example.org`); the API is `{endpoint}/api`. */
  endpoint: string;
  /** The process slug (or numeric id); defaults to the consultation id. */
  process?: string;
  proposalsComponent?: string;
  meetingsComponent?: string;
  /** An OAuth application's client id (a public client using PKCE): enables writes. */
  clientId?: string;
  /** The page Decidim sends the sign-in popup back to; defaults to this page's address. */
  redirectUri?: string;
  scope?: string;
  /** Preferred language of Decidim's translated texts (then fr, en, machine translations, any). */
  locale?: string;
  /** The organisation's time zone: process dates are calendar days there. */
  timeZone?: string;
  fetch?: typeof fetch;
  /** Replaces `window.open` for the sign-in popup. */
  openWindow?: OAuthConfig['open'];
}

interface ProcessInfo {
  raw: RawProcess;
  consultation: Consultation;
  organiser: string;
  proposals: { id: string; url?: string } | null;
  meetings: { id: string; url?: string } | null;
}
interface Connection<T> { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: ({ node: T | null } | null)[] | null }

/** Fetching everything stops here (pages of 100): enough for any process a page would list. */
const MAX_PAGES = 20;
const EVENT_LABEL: Record<string, string> = { fr: 'Réunion', en: 'Meeting' };

export class DecidimBackend implements ConsultationBackend {
  readonly kind = 'decidim';
  /** Updated in place once the process is read (which components it has). */
  readonly capabilities: BackendCapabilities;
  readonly options: DecidimOptions & { locale: string; timeZone: string };
  private readonly processes = new Map<string, Promise<ProcessInfo>>();
  private readonly settled = new Map<string, ProcessInfo>();
  /** `steps` (Decidim 0.32) until the server says it only knows `phases`. */
  private stages: doc.StagesField = 'steps';
  private token: AccessToken | null = null;
  private signingIn: Promise<AccessToken> | null = null;
  private readonly writes = new Map<string, Promise<unknown>>();
  /** Decidim's API does not list a participant's votes: the ones cast from this page are kept here. */
  private readonly myVotes = new Map<string, VoteChoice>();

  constructor(options: DecidimOptions) {
    const lang = options.locale ?? (typeof document !== 'undefined' ? document.documentElement.lang : '') ?? '';
    this.options = { ...options, endpoint: options.endpoint.replace(/\/+$/, ''), locale: lang.toLowerCase().split(/[-_]/)[0] || 'fr', timeZone: options.timeZone || 'Europe/Paris' };
    const writes = !!options.clientId;
    this.capabilities = { ...NO_CAPABILITIES, proposals: true, createProposal: writes, votes: writes, withdrawVote: writes, events: true };
  }

  // ---- reads ----

  async getConsultation(consultationId: string, options?: RequestOptions): Promise<Consultation> {
    return structuredClone((await this.process(consultationId, options)).consultation);
  }

  getServerTime(): Promise<ServerTime> {
    return Promise.reject(backendError('unsupported', 'Decidim does not publish its clock'));
  }

  async getParticipation(_consultationId: string, options?: RequestOptions): Promise<Participation> {
    const votes = Object.fromEntries(this.myVotes);
    const token = this.liveToken();
    if (!token) return { participant: null, votes, votesLeft: null, registrations: [] };
    const data = await this.query<{ session: { user: { id: string; name: string } | null } | null }>(doc.SESSION_QUERY, {}, options, token);
    const user = data.session?.user;
    return { participant: user ? { id: user.id, displayName: user.name, verified: false } : null, votes, votesLeft: null, registrations: [] };
  }

  async listProposals(consultationId: string, query: ProposalQuery, options?: RequestOptions): Promise<Page<Proposal>> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.proposals, 'proposals');
    const limit = query.limit ?? 20;
    const sort = query.sort ?? 'newest';
    const map = (raw: RawProposal) => this.proposal(raw, info);
    if (sort !== 'random' && !query.q?.trim() && !query.categoryId) {
      // Decidim pages and sorts itself.
      const order = sort === 'most-supported' ? { voteCount: 'desc', publishedAt: 'desc' } : { publishedAt: 'desc', id: 'desc' };
      const data = await this.query<{ component: { proposals?: Connection<RawProposal> } | null }>(doc.PROPOSALS_QUERY, { component: component.id, first: limit, after: query.cursor ?? null, order }, options);
      const connection = data.component?.proposals;
      if (!connection) throw backendError('not-found', 'No proposals component with this id');
      return { items: nodes(connection).map(map), nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null };
    }
    // Search, categories and a seeded order are not in Decidim's API: fetch all, then work locally.
    if (query.categoryId) return { items: [], nextCursor: null, total: 0 };
    const order = sort === 'most-supported' ? { voteCount: 'desc' } : { publishedAt: 'desc' };
    let items = (await this.all<RawProposal>(doc.PROPOSALS_QUERY, 'proposals', { component: component.id, order }, options)).map(map);
    const q = foldText(query.q ?? '');
    if (q) items = items.filter((p) => foldText(`${p.title}\n${p.body}`).includes(q));
    if (sort === 'random') items = seededRank(items, query.seed ?? '');
    return pageFrom(items, query.cursor, limit);
  }

  async getProposal(consultationId: string, proposalId: string, options?: RequestOptions): Promise<Proposal> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.proposals, 'proposals');
    const data = await this.query<{ component: { proposal?: RawProposal | null } | null }>(doc.PROPOSAL_QUERY, { component: component.id, id: proposalId }, options);
    if (!data.component?.proposal) throw backendError('not-found', 'No such proposal');
    return this.proposal(data.component.proposal, info);
  }

  async listEvents(consultationId: string, query: EventQuery, options?: RequestOptions): Promise<Page<ConsultationEvent>> {
    const info = await this.process(consultationId, options);
    const component = this.need(info.meetings, 'events');
    const from = query.from ? Date.parse(query.from) : Date.now();
    const to = query.to ? Date.parse(query.to) : Infinity;
    const items = (await this.all<RawMeeting>(doc.MEETINGS_QUERY, 'meetings', { component: component.id }, options))
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
    const data = await this.query<{ component: { meeting?: RawMeeting | null } | null }>(doc.MEETING_QUERY, { component: component.id, id: eventId }, options);
    if (!data.component?.meeting) throw backendError('not-found', 'No such event');
    return this.event(data.component.meeting, info);
  }

  // ---- writes ----

  createProposal(consultationId: string, draft: ProposalDraft, options: WriteOptions): Promise<ProposalReceipt> {
    return this.once(`create:${options.idempotencyKey}`, () => this.withProcess(consultationId, options, (info) => {
      const component = this.writable(info, info.consultation.linkOut?.proposals);
      if (draft.website) throw backendError('forbidden', 'Rejected as spam');
      // Decidim's own rules (no categories, no author name or email fields here).
      const errors = validateProposalDraft(info.consultation, { title: draft.title, body: draft.body });
      if (errors.length) throw backendError('validation', 'Some fields need attention', { fieldErrors: errors, detail: errors.map((e) => e.message).join('; ') });
      return this.authorise(options.signal).then(async (token) => {
        const attributes = { title: draft.title.trim(), body: draft.body.trim() };
        const data = await this.query<{ component: { createProposal?: RawProposal | null } | null }>(doc.CREATE_PROPOSAL, { component: component.id, attributes }, options, token);
        const raw = data.component?.createProposal;
        if (!raw) throw backendError('server', 'Decidim did not return the new proposal');
        return { proposal: this.proposal(raw, info), moderation: 'published' as const };
      });
    }));
  }

  vote(consultationId: string, proposalId: string, choice: VoteChoice, options: WriteOptions): Promise<VoteResult> {
    return this.once(`vote:${options.idempotencyKey}`, () => {
      if (choice !== 'support') throw backendError('validation', `Decidim proposals take supports, not “${choice}”`);
      return this.voteMutation(consultationId, proposalId, doc.VOTE, 'vote', options);
    });
  }

  withdrawVote(consultationId: string, proposalId: string, options: WriteOptions): Promise<VoteResult> {
    return this.once(`unvote:${options.idempotencyKey}`, () => this.voteMutation(consultationId, proposalId, doc.UNVOTE, 'unvote', options));
  }

  async reportProposal(consultationId: string, proposalId: string, _reason: string, options: WriteOptions): Promise<void> {
    const info = await this.process(consultationId, options);
    throw this.linkOut('Report the proposal on Decidim', this.proposalUrl(info, proposalId));
  }

  async registerForEvent(consultationId: string, eventId: string, _input: RegistrationInput, options: WriteOptions): Promise<RegistrationReceipt> {
    const event = await this.getEvent(consultationId, eventId, options).catch(() => null);
    throw this.linkOut('Register on Decidim', event?.url);
  }

  async proposeEvent(consultationId: string, _input: EventProposal, options: WriteOptions): Promise<EventReceipt> {
    const info = await this.process(consultationId, options);
    throw this.linkOut('Propose a meeting on Decidim', info.consultation.linkOut?.eventProposals);
  }

  /** Forgets the token (sign out from the widgets; Decidim's own session is untouched). */
  signOut(): void {
    this.token = null;
  }

  // ---- internals ----

  private voteMutation(consultationId: string, proposalId: string, document: string, field: 'vote' | 'unvote', options: WriteOptions): Promise<VoteResult> {
    return this.withProcess(consultationId, options, (info) => {
      const component = this.writable(info, this.proposalUrl(info, proposalId));
      return this.authorise(options.signal).then(async (token) => {
        type Answer = { component: { proposal?: Record<string, RawProposal | null> | null } | null };
        let raw: RawProposal | null | undefined;
        try {
          const data = await this.query<Answer>(document, { component: component.id, id: proposalId }, options, token);
          raw = data.component?.proposal?.[field];
        } catch (error) {
          // Decidim refuses a second support from the same person: when this page cast the first one,
          // the vote stands, so answer with the current tally.
          if (field !== 'vote' || !this.myVotes.has(proposalId) || (error as { code?: string }).code !== 'conflict') throw error;
          raw = (await this.query<{ component: { proposal?: RawProposal | null } | null }>(doc.PROPOSAL_QUERY, { component: component.id, id: proposalId }, options)).component?.proposal;
        }
        if (!raw) throw backendError('not-found', 'No such proposal');
        if (field === 'vote') this.myVotes.set(proposalId, 'support');
        else this.myVotes.delete(proposalId);
        return { tally: toTally(raw.id, raw.voteCount), participation: await this.getParticipation(consultationId, options).catch(() => this.anonymous()) };
      });
    });
  }

  /**
   * Runs `write` with the process: at once when it is already read, so a sign-in popup opens within the
   * participant's click (browsers block popups opened later), else once it is read.
   */
  private withProcess<T>(consultationId: string, options: RequestOptions, write: (info: ProcessInfo) => Promise<T>): Promise<T> {
    const info = this.settled.get(consultationId);
    if (options.signal?.aborted) return Promise.reject(backendError('aborted', 'The request was cancelled'));
    if (info) return write(info);
    return this.process(consultationId, options).then(write);
  }

  private anonymous(): Participation {
    return { participant: null, votes: Object.fromEntries(this.myVotes), votesLeft: null, registrations: [] };
  }

  /** The process, read once per consultation id (and again after a failure). */
  private process(consultationId: string, options?: RequestOptions): Promise<ProcessInfo> {
    if (options?.signal?.aborted) return Promise.reject(backendError('aborted', 'The request was cancelled'));
    let pending = this.processes.get(consultationId);
    if (!pending) {
      pending = this.readProcess(consultationId, options);
      this.processes.set(consultationId, pending);
      pending.catch(() => this.processes.delete(consultationId));
    }
    return pending;
  }

  private async readProcess(consultationId: string, options?: RequestOptions): Promise<ProcessInfo> {
    const key = this.options.process || consultationId;
    const variables = /^\d+$/.test(key) ? { id: key, slug: null } : { id: null, slug: key };
    type Answer = { organization: { name: string | null } | null; participatoryProcess: RawProcess | null };
    let data: Answer;
    try {
      data = await this.query<Answer>(doc.processQuery(this.stages), variables, options);
    } catch (error) {
      if (!isUndefinedField(error, this.stages)) throw error;
      this.stages = this.stages === 'steps' ? 'phases' : 'steps';
      data = await this.query<Answer>(doc.processQuery(this.stages), variables, options);
    }
    const raw = data.participatoryProcess;
    if (!raw) throw backendError('not-found', `No published Decidim process “${key}”`);
    const proposals = pickComponent(raw, 'Proposals', this.options.proposalsComponent);
    const meetings = pickComponent(raw, 'Meetings', this.options.meetingsComponent);
    const proposalsUrl = webUrl(proposals?.url) ?? (proposals ? webUrl(`${this.options.endpoint}/processes/${raw.slug}/f/${proposals.id}/`) : undefined);
    const meetingsUrl = webUrl(meetings?.url) ?? (meetings ? webUrl(`${this.options.endpoint}/processes/${raw.slug}/f/${meetings.id}/`) : undefined);
    const processUrl = processUrlFrom(proposalsUrl ?? meetingsUrl) ?? webUrl(`${this.options.endpoint}/processes/${raw.slug}`);
    const { locale, timeZone } = this.options;
    const consultation = toConsultation(raw, {
      consultationId, locale, timeZone, eventLabel: EVENT_LABEL[locale] ?? EVENT_LABEL.en!,
      ...(proposalsUrl ? { proposalsUrl } : {}), ...(meetingsUrl ? { meetingsUrl } : {}), ...(processUrl ? { processUrl } : {}),
    });
    const writes = !!this.options.clientId && !!proposals;
    Object.assign(this.capabilities, { proposals: !!proposals, events: !!meetings, createProposal: writes, votes: writes, withdrawVote: writes });
    const info: ProcessInfo = {
      raw, consultation, organiser: data.organization?.name?.trim() || consultation.title,
      proposals: proposals ? { id: proposals.id, ...(proposalsUrl ? { url: proposalsUrl } : {}) } : null,
      meetings: meetings ? { id: meetings.id, ...(meetingsUrl ? { url: meetingsUrl } : {}) } : null,
    };
    this.settled.set(consultationId, info);
    return info;
  }

  private proposal(raw: RawProposal, info: ProcessInfo): Proposal {
    const { locale, timeZone } = this.options;
    return toProposal(raw, { consultationId: info.consultation.id, locale, timeZone, ...(info.proposals?.url ? { componentUrl: info.proposals.url } : {}) });
  }

  private proposalUrl(info: ProcessInfo, proposalId: string): string | undefined {
    return info.proposals?.url ? webUrl(`proposals/${encodeURIComponent(proposalId)}`, info.proposals.url.replace(/\/?$/, '/')) : undefined;
  }

  private event(raw: RawMeeting, info: ProcessInfo): ConsultationEvent {
    const { locale, timeZone } = this.options;
    return toEvent(raw, { consultationId: info.consultation.id, locale, timeZone, organiser: info.organiser });
  }

  private need<T>(component: T | null, what: 'proposals' | 'events'): T {
    if (!component) throw backendError('unsupported', `This Decidim process has no ${what === 'events' ? 'meetings' : 'proposals'} component`);
    return component;
  }

  /** The proposals component, when writes are possible here; else `unsupported` with where to go. */
  private writable(info: ProcessInfo, url: string | undefined): { id: string } {
    if (!this.options.clientId) throw this.linkOut('Do this on Decidim', url);
    return this.need(info.proposals, 'proposals');
  }

  private linkOut(title: string, url: string | undefined) {
    return backendError('unsupported', title, url ? { url, detail: url } : {});
  }

  private liveToken(): string | null {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.token = null;
    return null;
  }

  /** A token: the one in memory, or a sign-in (whose popup opens now, in the caller's click). */
  private authorise(signal?: AbortSignal): Promise<string> {
    const live = this.liveToken();
    if (live) return Promise.resolve(live);
    this.signingIn ??= signIn({
      base: this.options.endpoint, clientId: this.options.clientId!, scope: this.options.scope || 'api:read api:write',
      redirectUri: this.options.redirectUri || `${location.origin}${location.pathname}`,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}), ...(this.options.openWindow ? { open: this.options.openWindow } : {}),
    }, signal).finally(() => (this.signingIn = null));
    return this.signingIn.then((token) => (this.token = token).value);
  }

  private async query<T>(query: string, variables: Record<string, unknown>, options?: RequestOptions, token?: string | null): Promise<T> {
    try {
      return await graphql<T>({ url: `${this.options.endpoint}/api`, query, variables, token: token ?? null, ...(options?.signal ? { signal: options.signal } : {}), ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
    } catch (error) {
      // An expired or revoked token: forget it, the next write signs in again.
      if (token && (error as { code?: string }).code === 'unauthorized') this.token = null;
      throw error;
    }
  }

  /** Every node of a connection, page after page. */
  private async all<T>(query: string, field: 'proposals' | 'meetings', variables: Record<string, unknown>, options?: RequestOptions): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data: { component: Record<string, Connection<T> | undefined> | null } = await this.query(query, { ...variables, first: 100, after }, options);
      const connection = data.component?.[field];
      if (!connection) throw backendError('not-found', `No ${field} component with this id`);
      items.push(...nodes(connection));
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
      after = connection.pageInfo.endCursor;
    }
    return items;
  }

  /** Same idempotency key, same outcome: Decidim has no such keys, so the backend keeps them for the page's life. */
  private once<T>(key: string, write: () => Promise<T>): Promise<T> {
    const known = this.writes.get(key) as Promise<T> | undefined;
    if (known) return known.then((r) => structuredClone(r));
    let result: Promise<T>;
    try {
      result = write();
    } catch (error) {
      result = Promise.reject(error);
    }
    this.writes.set(key, result);
    // A refused write may be retried with the same key once the cause is fixed.
    result.catch(() => this.writes.delete(key));
    return result.then((r) => structuredClone(r));
  }
}

function nodes<T>(connection: Connection<T>): T[] {
  return (connection.edges ?? []).map((edge) => edge?.node).filter((node): node is T => !!node);
}

/** The factory `backend="decidim"` uses: the provider's attributes are the options. */
export function decidimBackendFromConfig(config: BackendConfig): DecidimBackend {
  const a = config.attributes ?? {};
  const pick = (name: string) => a[name]?.trim() || undefined;
  const options: DecidimOptions = { endpoint: config.endpoint || pick('endpoint') || '' };
  const entries: [keyof DecidimOptions, string | undefined][] = [
    ['process', pick('process')], ['proposalsComponent', pick('proposals-component')], ['meetingsComponent', pick('meetings-component')],
    ['clientId', pick('client-id')], ['redirectUri', pick('redirect-uri')], ['scope', pick('oauth-scope')],
    ['locale', pick('locale') ?? pick('lang')], ['timeZone', pick('time-zone')],
  ];
  for (const [key, value] of entries) if (value) (options as unknown as Record<string, string>)[key] = value;
  return new DecidimBackend(options);
}
