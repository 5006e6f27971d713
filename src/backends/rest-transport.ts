/**
 * The `rest` backend's transport (rest.ts): the API's addresses, reads and writes with the participant's token
 * (anonymous, issued at the first write and kept per endpoint, or exchanged for the host's signed identity once
 * per consultation), and a write retried once with a new token when the server no longer knows the old one.
 */
import { newIdempotencyKey, type RequestOptions, type WriteOptions } from '../core/backend.js';
import { raceAbort } from '../core/async.js';
import { BackendError } from '../core/errors.js';
import type { Participant } from '../core/schemas.js';
import { HttpClient, shaped, type HttpOptions, type HttpRequest } from './http.js';
import { TokenStore, type TokenStorage } from './participant-token.js';

export interface RestBackendOptions extends HttpOptions {
  /** Base URL of the server (`https://consultation.example.fr`); empty for the page's own origin. */
  endpoint: string;
  /** A JWT signed by the host site for its logged-in user (verified participant). */
  identity?: string;
  /** Where the anonymous token is kept; `localStorage` by default, null for memory only. */
  storage?: TokenStorage | null;
}

interface TokenAnswer {
  token: string;
  participant: Participant;
}

export class RestTransport {
  readonly base: string;
  protected readonly http: HttpClient;
  protected readonly tokens: TokenStore;
  protected readonly identity: string | undefined;
  /** One anonymous token request at a time, shared by concurrent writes. */
  private issuing: Promise<string> | null = null;
  /** Verified tokens, per consultation (the identity is signed with the consultation's key). */
  private readonly verified = new Map<string, Promise<string>>();

  constructor(options: RestBackendOptions) {
    this.base = `${options.endpoint.replace(/\/+$/, '')}/api/v1`;
    this.http = new HttpClient(options);
    this.tokens = new TokenStore(options.endpoint, options.storage);
    this.identity = options.identity || undefined;
  }

  /** A read with the participant's token when there is one (answers that say what is theirs); never creates a participant. */
  async readAs(consultationId: string, url: string, options?: RequestOptions): Promise<unknown> {
    const read = (token: string | null) => this.http.send({ method: 'GET', url, token, signal: options?.signal, cache: 'no-store' });
    const token = this.identity ? await this.verifiedToken(consultationId, options?.signal) : this.tokens.get();
    try {
      return await read(token);
    } catch (error) {
      if (!(error instanceof BackendError) || error.code !== 'unauthorized' || !token) throw error;
      // An expired or unknown token: forget it; an anonymous visitor simply reads as anyone.
      this.forget(consultationId, token);
      return read(this.identity ? await this.verifiedToken(consultationId, options?.signal) : null);
    }
  }

  path(consultationId: string, ...parts: string[]): string {
    return [`${this.base}/consultations`, consultationId, ...parts].map((p, i) => (i ? encodeURIComponent(p) : p)).join('/');
  }

  protected get(url: string, options?: RequestOptions): Promise<unknown> {
    return this.http.send({ method: 'GET', url, signal: options?.signal });
  }

  /** A write with the participant's token; on 401 the token is re-issued once and the write retried. */
  async write(
    consultationId: string,
    method: HttpRequest['method'],
    url: string,
    body: unknown,
    options: WriteOptions,
    maxWaitMs?: number,
  ): Promise<unknown> {
    const send = (token: string) =>
      this.http.send({ method, url, body, token, idempotencyKey: options.idempotencyKey, signal: options.signal, maxWaitMs });
    const token = await this.participantToken(consultationId, options.signal);
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof BackendError) || error.code !== 'unauthorized') throw error;
      this.forget(consultationId, token);
      return send(await this.participantToken(consultationId, options.signal));
    }
  }

  private participantToken(consultationId: string, signal?: AbortSignal): Promise<string> {
    if (this.identity) return this.verifiedToken(consultationId, signal);
    const stored = this.tokens.get();
    if (stored) return Promise.resolve(stored);
    this.issuing ??= this.http
      .send<TokenAnswer>({ method: 'POST', url: `${this.base}/participants`, body: {}, idempotencyKey: newIdempotencyKey() })
      .then((answer) => {
        const { token } = shaped<TokenAnswer>(answer, ['token']);
        this.tokens.set(token);
        return token;
      })
      .finally(() => (this.issuing = null));
    return raceAbort(this.issuing, signal);
  }

  protected verifiedToken(consultationId: string, signal?: AbortSignal): Promise<string> {
    let pending = this.verified.get(consultationId);
    if (!pending) {
      pending = this.http
        .send<TokenAnswer>({
          method: 'POST',
          url: this.path(consultationId, 'identity'),
          body: { assertion: this.identity },
          idempotencyKey: newIdempotencyKey(),
        })
        .then((answer) => shaped<TokenAnswer>(answer, ['token']).token);
      this.verified.set(consultationId, pending);
      pending.catch(() => this.verified.delete(consultationId));
    }
    return raceAbort(pending, signal);
  }

  private forget(consultationId: string, token: string): void {
    if (this.identity) this.verified.delete(consultationId);
    else this.tokens.drop(token);
  }
}
