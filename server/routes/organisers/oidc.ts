/**
 * OpenID Connect sign-in (issue 19): `GET /admin/oidc/start` sends the browser to the provider with an
 * authorization code request (PKCE S256, state, nonce); `GET /admin/oidc/callback` checks the answer (state,
 * code exchanged with the PKCE verifier, ID token signature, issuer, audience, nonce), then maps the user to an
 * organiser by verified e-mail and opens a session like a password sign-in. The state, nonce and verifier wait
 * in a short-lived HttpOnly cookie (`__Host-` under HTTPS) that only this browser sends back: a callback from
 * another browser (login CSRF) or a replayed one finds no match. Nothing is kept on the server in between.
 * Refusals go back to the console with a code it explains: /admin/#signin-error=<code>.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { SignInOptions } from '../../../src/core/organisers.js';
import type { AppContext, Env } from '../../context.js';
import { fail } from '../../http/problem.js';
import { organiserByEmail } from '../../store/organisers.js';
import { startSession } from './access.js';
import { CALLBACK_PATH } from './oidc-settings.js';

/** How long the provider may take (the person types a password there, maybe a second factor). */
export const OIDC_LOGIN_MS = 10 * 60_000;

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  at: number;
}

const secure = (ctx: AppContext, c: Context<Env>) => ctx.ownOrigin(c).startsWith('https:');
const pendingCookie = (ctx: AppContext, c: Context<Env>) => (secure(ctx, c) ? '__Host-pgo-oidc' : 'pgo-oidc');

function readPending(ctx: AppContext, c: Context<Env>): Pending | null {
  const raw = getCookie(c, pendingCookie(ctx, c));
  if (!raw || raw.length > 1000) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Pending>;
    const texts = [value.state, value.nonce, value.verifier].every((v) => typeof v === 'string' && v.length > 0);
    return texts && typeof value.at === 'number' ? (value as Pending) : null;
  } catch {
    return null;
  }
}

/** Why a sign-in went back to the console without a session (the console explains each code). */
export type OidcRefusal = 'unverified-email' | 'unknown-email' | 'no-email' | 'expired' | 'cancelled' | 'unavailable' | 'failed';

export function oidcRoutes(app: Hono<Env>, ctx: AppContext): void {
  /** Back to the console: signed in, or with the reason it explains. */
  const back = (c: Context<Env>, refusal?: OidcRefusal, why?: string) => {
    if (refusal) ctx.log(`oidc: sign-in refused (${refusal})${why ? `: ${why}` : ''}`);
    return c.redirect(refusal ? `/admin/#signin-error=${refusal}` : '/admin/', 303);
  };
  const redirectUri = (c: Context<Env>) => ctx.oidc?.settings.redirectUri ?? `${ctx.ownOrigin(c)}${CALLBACK_PATH}`;

  app.get('/admin/sign-in-options', (c) => {
    c.header('cache-control', 'no-store');
    const options: SignInOptions = { password: true, oidc: ctx.oidc ? { label: ctx.oidc.label } : null };
    return c.json(options);
  });

  app.get('/admin/oidc/start', async (c) => {
    c.header('cache-control', 'no-store');
    if (!ctx.oidc) fail('not-found', 'OpenID Connect sign-in is not configured on this server');
    let config: oidc.Configuration;
    try {
      config = await ctx.oidc.configuration();
    } catch (error) {
      return back(c, 'unavailable', `discovery of ${ctx.oidc.settings.issuer}: ${(error as Error).message}`);
    }
    const pending: Pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      at: ctx.now(),
    };
    setCookie(c, pendingCookie(ctx, c), Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level navigation from another site.
      sameSite: 'Lax',
      secure: secure(ctx, c),
      path: '/',
      maxAge: OIDC_LOGIN_MS / 1000,
    });
    const url = oidc.buildAuthorizationUrl(config, {
      ...ctx.oidc.settings.authorizationParams,
      redirect_uri: redirectUri(c),
      scope: ctx.oidc.settings.scope ?? 'openid email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return c.redirect(url.href, 302);
  });

  app.get('/admin/oidc/callback', async (c) => {
    c.header('cache-control', 'no-store');
    if (!ctx.oidc) fail('not-found', 'OpenID Connect sign-in is not configured on this server');
    const provider = ctx.oidc;
    const pending = readPending(ctx, c);
    // One use: whatever happens next, this browser's pending sign-in ends.
    deleteCookie(c, pendingCookie(ctx, c), { path: '/', secure: secure(ctx, c), httpOnly: true, sameSite: 'Lax' });
    const to = (refusal?: OidcRefusal, why?: string) => back(c, refusal, why);
    const params = new URL(c.req.url).searchParams;
    if (params.get('error')) return to(params.get('error') === 'access_denied' ? 'cancelled' : 'failed', params.get('error')!);
    if (!pending || ctx.now() - pending.at > OIDC_LOGIN_MS) return to('expired', 'no pending sign-in in this browser');
    const current = new URL(redirectUri(c));
    current.search = params.toString();
    let claims: Record<string, unknown>;
    try {
      const config = await provider.configuration();
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      if (typeof claims.email !== 'string')
        claims = { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))) };
    } catch (error) {
      return to('failed', (error as Error).message);
    }
    if (typeof claims.email !== 'string' || !claims.email) return to('no-email');
    if (claims.email_verified !== true && !provider.settings.trustEmail) return to('unverified-email', claims.email);
    const organiser = await organiserByEmail(ctx.db, claims.email);
    if (!organiser) return to('unknown-email', claims.email);
    await startSession(ctx, c, organiser, { method: 'oidc', issuer: provider.settings.issuer, subject: String(claims.sub) });
    return to();
  });
}
