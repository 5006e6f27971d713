/**
 * The participant's Decidim sign-in for writes: the token in memory, a sign-in popup when there is none,
 * and Decidim's way of refusing a token. Decidim never answers 401 to GraphQL: a token it does not honour
 * (expired, revoked, without the `user` scope, or sent without `X-Jwt-Aud`) simply runs as nobody, and a
 * mutation then fails with MUTATION_NOT_AUTHORIZED(_ERROR) in an HTTP 200 answer, like a real refusal.
 * So on a refusal the backend asks Decidim who the token is: nobody -> the token is dropped and the
 * participant signs in again, once; still nobody -> the error says what the OAuth application must grant.
 */
import type { RequestOptions } from '../../core/backend.js';
import { backendError } from '../../core/errors.js';
import type { DecidimClient } from './client.js';
import { SESSION_QUERY } from './documents.js';
import { signIn, type AccessToken } from './oauth.js';
import { DEFAULT_SCOPE, type ResolvedOptions } from './options.js';

export interface SessionUser {
  id: string;
  name: string;
}

const codeOf = (error: unknown) => (error as { problem?: { code?: string } })?.problem?.code;

export class DecidimAuth {
  private token: AccessToken | null = null;
  private signingIn: Promise<AccessToken> | null = null;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly client: DecidimClient,
  ) {}

  /** The token in memory while it lives, else null. */
  live(): string | null {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.token = null;
    return null;
  }

  forget(): void {
    this.token = null;
  }

  /** Who Decidim says the token is (null: nobody). */
  async whoIs(token: string, options?: RequestOptions): Promise<SessionUser | null> {
    const data = await this.client.request<{ session: { user: SessionUser | null } | null }>(SESSION_QUERY, {}, options, token);
    return data.session?.user ?? null;
  }

  /** A token: the one in memory, or a sign-in (whose popup opens now, in the caller's click). */
  authorise(signal?: AbortSignal): Promise<string> {
    const live = this.live();
    if (live) return Promise.resolve(live);
    const o = this.options;
    this.signingIn ??= signIn(
      {
        base: o.endpoint,
        clientId: o.clientId!,
        scope: o.scope,
        redirectUri: o.redirectUri || `${location.origin}${location.pathname}`,
        ...(o.tokenUrl ? { tokenUrl: o.tokenUrl } : {}),
        ...(o.fetch ? { fetch: o.fetch } : {}),
        ...(o.openWindow ? { open: o.openWindow } : {}),
      },
      signal,
    ).finally(() => (this.signingIn = null));
    return this.signingIn.then((token) => (this.token = token).value);
  }

  /**
   * Runs `write` with a token. A refusal is believed only when Decidim knows the participant; when the
   * token runs as nobody it is dropped and the participant signs in again, once.
   */
  async asParticipant<T>(options: RequestOptions, write: (token: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.authorise(options.signal).catch((error: unknown) => {
        // The new sign-in comes after Decidim's answer, outside the click: a browser may block its popup.
        // The token is gone already, so the participant's next click signs in.
        if (attempt > 0 && codeOf(error) === 'unauthorized') throw this.expired();
        throw error;
      });
      try {
        return await write(token);
      } catch (error) {
        if (codeOf(error) !== 'forbidden' || (await this.whoIs(token, options).catch(() => null))) throw error;
        this.forget();
        if (attempt > 0) throw this.notRecognised();
      }
    }
  }

  private expired() {
    return backendError('unauthorized', 'Your Decidim sign-in has expired', { detail: 'Try again: Decidim will ask you to sign in.' });
  }

  private notRecognised() {
    return backendError('unauthorized', 'Decidim did not recognise your sign-in', {
      detail:
        `Decidim ran the request as nobody after a fresh sign-in. The OAuth application must grant the scopes “${DEFAULT_SCOPE}” ` +
        `(this page asked “${this.options.scope}”), and Decidim must accept the X-Jwt-Aud header on /api.`,
    });
  }
}
