/**
 * What the Decidim backend's calls share (backend.ts holds the calls): the options, the client, the sign-in,
 * the process read once per consultation id, the writes made once, the participant's votes cast from this
 * page, and the mapping of Decidim's proposals and meetings into the contract's shapes.
 */
import type { RequestOptions, WriteOptions } from '../../core/backend.js';
import { abortedError, backendError } from '../../core/errors.js';
import type { ConsultationEvent, Participation, Proposal, VoteChoice, VoteResult } from '../../core/schemas.js';
import { DecidimAuth } from './auth.js';
import { DecidimClient } from './client.js';
import { DecidimComments } from './comments.js';
import * as doc from './documents.js';
import { WriteOnce } from './once.js';
import { toEvent, toProposal, toTally, webUrl } from './mapping.js';
import type { RawMeeting, RawProposal } from './raw.js';
import { initialCapabilities, resolveOptions, type DecidimCapabilities, type DecidimOptions, type ResolvedOptions } from './options.js';
import { ProcessReader, type ProcessInfo } from './process.js';

export type ProposalAnswer = { component: { proposal?: RawProposal | null } | null };

export abstract class DecidimBase {
  readonly kind = 'decidim';
  /** Updated in place once the process is read (which components it has). */
  readonly capabilities: DecidimCapabilities;
  readonly options: ResolvedOptions;
  protected readonly client: DecidimClient;
  protected readonly auth: DecidimAuth;
  protected readonly reader: ProcessReader;
  protected readonly discussion: DecidimComments;
  protected readonly processes = new Map<string, Promise<ProcessInfo>>();
  protected readonly settled = new Map<string, ProcessInfo>();
  protected readonly writes = new WriteOnce();
  /** Decidim's API does not list a participant's votes: the ones cast from this page are kept here. */
  protected readonly myVotes = new Map<string, VoteChoice>();

  constructor(options: DecidimOptions) {
    this.options = resolveOptions(options);
    this.capabilities = initialCapabilities(!!options.clientId);
    this.client = new DecidimClient({ endpoint: this.options.endpoint, clientId: options.clientId, fetch: options.fetch });
    this.auth = new DecidimAuth(this.options, this.client);
    this.reader = new ProcessReader(this.client, this.options, this.capabilities);
    this.discussion = new DecidimComments(this.client, this.auth, this.options);
  }

  abstract getParticipation(consultationId: string, options?: RequestOptions): Promise<Participation>;

  protected voteMutation(
    consultationId: string,
    proposalId: string,
    document: string,
    field: 'vote' | 'unvote',
    options: WriteOptions,
  ): Promise<VoteResult> {
    return this.withProcess(consultationId, options, (info) => {
      const component = this.writable(info, this.proposalUrl(info, proposalId));
      const variables = { component: component.id, id: proposalId };
      return this.auth.asParticipant(options, async (token) => {
        let raw: RawProposal | null | undefined;
        try {
          const data = await this.client.request<{ component: { proposal?: Record<string, RawProposal | null> | null } | null }>(
            document,
            variables,
            options,
            token,
          );
          raw = data.component?.proposal?.[field];
        } catch (error) {
          // Decidim refuses a second support from the same person: when this page cast the first one,
          // the vote stands, so answer with the current tally.
          if (field !== 'vote' || !this.myVotes.has(proposalId) || (error as { code?: string }).code !== 'conflict') throw error;
          raw = (await this.client.request<ProposalAnswer>(doc.PROPOSAL_QUERY, variables, options)).component?.proposal;
        }
        if (!raw) throw backendError('not-found', 'No such proposal');
        if (field === 'vote') this.myVotes.set(proposalId, 'support');
        else this.myVotes.delete(proposalId);
        return {
          tally: toTally(raw.id, raw.voteCount),
          participation: await this.getParticipation(consultationId, options).catch(() => this.anonymous()),
        };
      });
    });
  }

  /**
   * Runs `write` with the process: at once when it is already read, so a sign-in popup opens within the
   * participant's click (browsers block popups opened later), else once it is read. A sign-in this site
   * cannot finish (CORS) is `unsupported`: it links to the Decidim page where the write can be done.
   */
  protected withProcess<T>(consultationId: string, options: RequestOptions, write: (info: ProcessInfo) => Promise<T>): Promise<T> {
    const info = this.settled.get(consultationId);
    if (options.signal?.aborted) return Promise.reject(abortedError());
    return (info ? write(info) : this.process(consultationId, options).then(write)).catch((error: unknown) => {
      const problem = (error as { problem?: { code: string; url?: string } }).problem;
      const url = this.settled.get(consultationId)?.consultation.url;
      if (problem?.code === 'unsupported' && !problem.url && url) problem.url = url;
      throw error;
    });
  }

  protected anonymous(): Participation {
    return { participant: null, votes: Object.fromEntries(this.myVotes), votesLeft: null, registrations: [] };
  }

  /** The process, read once per consultation id (and again after a failure). */
  protected process(consultationId: string, options?: RequestOptions): Promise<ProcessInfo> {
    if (options?.signal?.aborted) return Promise.reject(abortedError());
    let pending = this.processes.get(consultationId);
    if (!pending) {
      pending = this.reader.read(consultationId, options).then((info) => {
        this.settled.set(consultationId, info);
        return info;
      });
      this.processes.set(consultationId, pending);
      pending.catch(() => this.processes.delete(consultationId));
    }
    return pending;
  }

  protected proposal(raw: RawProposal, info: ProcessInfo): Proposal {
    const { locale, timeZone } = this.options;
    return toProposal(raw, {
      consultationId: info.consultation.id,
      locale,
      timeZone,
      ...(info.proposals?.url ? { componentUrl: info.proposals.url } : {}),
    });
  }

  protected proposalUrl(info: ProcessInfo, proposalId: string): string | undefined {
    return info.proposals?.url ? webUrl(`proposals/${encodeURIComponent(proposalId)}`, info.proposals.url.replace(/\/?$/, '/')) : undefined;
  }

  protected event(raw: RawMeeting, info: ProcessInfo): ConsultationEvent {
    const { locale, timeZone } = this.options;
    return toEvent(raw, { consultationId: info.consultation.id, locale, timeZone, organiser: info.organiser });
  }

  protected need<T>(component: T | null, what: 'proposals' | 'events'): T {
    if (!component)
      throw backendError('unsupported', `This Decidim process has no ${what === 'events' ? 'meetings' : 'proposals'} component`);
    return component;
  }

  /** The proposals component, when writes are possible here; else `unsupported` with where to go. */
  protected writable(info: ProcessInfo, url: string | undefined): { id: string } {
    if (!this.options.clientId) throw this.linkOut('Do this on Decidim', url);
    if (info.signInProblem) throw this.linkOut(info.signInProblem.problem.title, url, info.signInProblem.problem.detail);
    return this.need(info.proposals, 'proposals');
  }

  protected linkOut(title: string, url: string | undefined, detail = url) {
    return backendError('unsupported', title, { ...(url ? { url } : {}), ...(detail ? { detail } : {}) });
  }
}
