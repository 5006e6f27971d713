/**
 * Sign-in to Decidim for writes: OAuth 2 authorisation code with PKCE (S256) for a public client, in a
 * popup window. The popup comes back to `redirectUri` (a page of the host site registered in Decidim's
 * OAuth application); the code is read there, by polling the popup once it is same-origin again, or
 * from a message the redirect page relays (`relayDecidimLogin`, oauth-callback.ts). The `state` must
 * match; the token lives in memory only (never in storage) and is lost with the page.
 *
 * Decidim's only CORS rule covers `/api` (decidim-api lib/decidim/api/engine.rb): a page on another site
 * cannot read `/oauth/token`'s answer. Then the exchange goes through `tokenUrl`, a same-origin relay
 * (README), or the Decidim host adds the rule; when neither is there, the error says exactly that.
 */
import { backendError, type BackendError } from '../../core/errors.js';

export interface OAuthConfig {
  /** Decidim's base URL: `{base}/oauth/authorize` and `{base}/oauth/token` (Doorkeeper). */
  base: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  /** Where the code is exchanged: `{base}/oauth/token`, or a same-origin relay to it. */
  tokenUrl?: string;
  fetch?: typeof fetch;
  /** How the popup is opened (tests may replace it). */
  open?: (url: string, name: string, features: string) => Window | null;
  /** Longest wait for the participant, ms. */
  timeoutMs?: number;
}

export interface AccessToken {
  value: string;
  /** ms since epoch; Infinity when Decidim gives no lifetime. */
  expiresAt: number;
}

/** What a redirect page relays to the window that opened it. */
export const LOGIN_MESSAGE = 'pgo-decidim-oauth';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * Starts a sign-in. Call it in the synchronous part of a click handler: the popup opens at once (a
 * popup opened after an `await` is blocked by browsers), then goes to Decidim.
 */
export function signIn(config: OAuthConfig, signal?: AbortSignal): Promise<AccessToken> {
  const open = config.open ?? ((url, name, features) => window.open(url, name, features));
  const popup = open('about:blank', 'pgo-decidim-login', 'popup,width=520,height=720');
  if (!popup)
    return Promise.reject(
      backendError('unauthorized', 'The Decidim sign-in window was blocked', { detail: 'Allow pop-ups for this site, then try again.' }),
    );
  return run(config, popup, signal).finally(() => {
    try {
      popup.close();
    } catch {
      // Already gone.
    }
  });
}

async function run(config: OAuthConfig, popup: Window, signal?: AbortSignal): Promise<AccessToken> {
  const verifier = randomString(48);
  const state = randomString(24);
  const authorize = new URL('oauth/authorize', withSlash(config.base));
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scope,
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  popup.location.href = authorize.href;
  const answer = await waitForRedirect(config, popup, signal);
  if (answer.get('state') !== state) throw backendError('forbidden', 'The Decidim sign-in answer did not match this request');
  const error = answer.get('error');
  if (error)
    throw backendError(error === 'access_denied' ? 'forbidden' : 'unauthorized', 'Decidim did not sign you in', {
      detail: answer.get('error_description') ?? error,
    });
  const code = answer.get('code');
  if (!code) throw backendError('unauthorized', 'Decidim did not sign you in');
  return exchange(config, code, verifier, signal);
}

function waitForRedirect(config: OAuthConfig, popup: Window, signal?: AbortSignal): Promise<URLSearchParams> {
  const redirect = new URL(config.redirectUri);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fromHref = (href: string) => {
      const url = new URL(href);
      if (url.origin !== redirect.origin || url.pathname !== redirect.pathname) return false;
      // Doorkeeper answers in the query; some setups use the fragment.
      const params = new URLSearchParams(url.search || url.hash.slice(1));
      if (!params.has('state')) return false;
      finish(() => resolve(params));
      return true;
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; href?: string } | null;
      if (event.origin !== redirect.origin || data?.type !== LOGIN_MESSAGE || typeof data.href !== 'string') return;
      fromHref(data.href);
    };
    const onAbort = () => finish(() => reject(backendError('aborted', 'The sign-in was cancelled')));
    let closedTicks = 0;
    const poll = setInterval(() => {
      try {
        if (fromHref(popup.location.href)) return;
      } catch {
        // Cross-origin while on Decidim: keep waiting.
      }
      // A relayed message may still be on its way when the popup closes: give it two ticks.
      if (popup.closed && ++closedTicks > 2) finish(() => reject(backendError('unauthorized', 'The Decidim sign-in window was closed')));
    }, 150);
    const timer = setTimeout(
      () => finish(() => reject(backendError('timeout', 'The Decidim sign-in took too long'))),
      config.timeoutMs ?? 10 * 60_000,
    );
    window.addEventListener('message', onMessage);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function exchange(config: OAuthConfig, code: string, verifier: string, signal?: AbortSignal): Promise<AccessToken> {
  const tokenUrl = tokenUrlOf(config);
  const send = config.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await send(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: config.redirectUri,
        client_id: config.clientId,
        code_verifier: verifier,
      }),
      credentials: 'omit',
      signal,
    });
  } catch {
    if (signal?.aborted) throw backendError('aborted', 'The sign-in was cancelled');
    if (await readableOnlyWithoutCors(send, tokenUrl)) throw corsError(tokenUrl);
    throw backendError('network', 'Decidim could not be reached to finish the sign-in');
  }
  const body = (await response.json().catch(() => null)) as {
    access_token?: string;
    expires_in?: number;
    error_description?: string;
    error?: string;
  } | null;
  if (!response.ok || !body?.access_token) {
    throw backendError('unauthorized', 'Decidim did not sign you in', {
      detail: body?.error_description ?? body?.error ?? `HTTP ${response.status}`,
    });
  }
  const lifetime = Number(body.expires_in);
  // A minute early, so a token never expires between the check and the request.
  return {
    value: body.access_token,
    expiresAt: Number.isFinite(lifetime) && lifetime > 0 ? Date.now() + lifetime * 1000 - 60_000 : Infinity,
  };
}

/** Where the code is exchanged for a token: `tokenUrl`, else Decidim's `/oauth/token`. */
export function tokenUrlOf(config: Pick<OAuthConfig, 'base' | 'tokenUrl'>): string {
  return config.tokenUrl || new URL('oauth/token', withSlash(config.base)).href;
}

/**
 * True when the token URL is on another origin and answers a request whose answer the page may not read
 * (`no-cors`): the server is there, its answer is refused to the page, so CORS is what failed.
 */
async function readableOnlyWithoutCors(send: typeof fetch, tokenUrl: string): Promise<boolean> {
  if (typeof location === 'undefined' || new URL(tokenUrl).origin === location.origin) return false;
  try {
    await send(tokenUrl, { method: 'POST', mode: 'no-cors', credentials: 'omit', body: '' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Before any sign-in: can this page read the token URL's answers? Only asked when it is on another
 * origin (one empty POST, which Doorkeeper refuses as an invalid request, readable when CORS allows it).
 * Null when it can, or when the server cannot be reached at all (then the sign-in will say so).
 */
export async function tokenCorsProblem(
  config: Pick<OAuthConfig, 'base' | 'tokenUrl' | 'fetch'>,
  signal?: AbortSignal,
): Promise<BackendError | null> {
  const tokenUrl = tokenUrlOf(config);
  if (typeof location === 'undefined' || new URL(tokenUrl).origin === location.origin) return null;
  const send = config.fetch ?? globalThis.fetch;
  try {
    await send(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
    return null;
  } catch {
    return (await readableOnlyWithoutCors(send, tokenUrl)) ? corsError(tokenUrl) : null;
  }
}

function corsError(tokenUrl: string): BackendError {
  const origin = location.origin;
  return backendError('unsupported', 'Signing in to Decidim from this site is not set up', {
    detail:
      `Decidim answers the sign-in at ${tokenUrl}, but does not let ${origin} read the answer: Decidim allows other sites on /api only. ` +
      `The Decidim host must allow CORS from ${origin} on /oauth/token (POST), or this site must relay /oauth/token on its own origin and set token-url (see the README).`,
  });
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
