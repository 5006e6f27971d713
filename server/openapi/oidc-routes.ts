/**
 * Organisers' OpenID Connect sign-in (issue 19) for the OpenAPI document (server/routes/organisers/oidc.ts).
 * `start` and `callback` are browser navigations (redirects), not calls a script makes.
 */
import * as z from 'zod/mini';
import * as org from '../../src/core/organisers.js';
import type { RouteDoc } from './route-doc.js';

/** What the provider sends back to the callback (RFC 6749 §4.1.2; `iss`: RFC 9207). */
export const OidcCallbackQuery = z.object({
  code: z.optional(z.string()),
  state: z.optional(z.string()),
  iss: z.optional(z.string()),
  error: z.optional(z.string()),
  error_description: z.optional(z.string()),
});

const CALLBACK_PARAMS: Record<string, string> = {
  state: 'The `state` of the authorization request, compared with the one in this browser’s cookie.',
  code: 'The authorization code the provider issued (exchanged once, with the PKCE verifier).',
  iss: 'The provider’s issuer identifier (checked when present).',
  error: 'The provider’s refusal (`access_denied` when the person cancelled).',
  error_description: 'The provider’s explanation of its refusal (logged, not shown).',
};

const NOT_CONFIGURED: RouteDoc['refusals'] = { 'not-found': 'OpenID Connect sign-in is not configured on this server' };

export const OIDC_ROUTES: RouteDoc[] = [
  {
    id: 'getSignInOptions',
    method: 'get',
    path: '/admin/sign-in-options',
    tag: 'Organisers',
    summary: 'How organisers may sign in on this server',
    description:
      'Passwords always; `oidc` names the OpenID Connect provider (such as ProConnect) when the server is configured for one (`OIDC_ISSUER`…), else null. The console’s sign-in page reads it.',
    auth: 'none',
    ok: { status: 200, description: 'The sign-in options', schema: 'SignInOptions' },
    refusals: {},
  },
  {
    id: 'startOidcSignIn',
    method: 'get',
    path: '/admin/oidc/start',
    tag: 'Organisers',
    summary: 'Sign in with the OpenID Connect provider (a browser navigation)',
    description:
      'Redirects (302) to the provider’s authorization endpoint: authorization code flow with PKCE (S256), a fresh `state` and `nonce`. They wait in a 10-minute HttpOnly, SameSite=Lax cookie (`__Host-pgo-oidc` under HTTPS) that binds the sign-in to this browser. If the provider cannot be reached: 303 to `/admin/#signin-error=unavailable`.',
    auth: 'none',
    ok: { status: 302, description: 'To the provider (`Location`)' },
    refusals: NOT_CONFIGURED,
  },
  {
    id: 'finishOidcSignIn',
    method: 'get',
    path: '/admin/oidc/callback',
    tag: 'Organisers',
    summary: 'Where the provider sends the browser back (the redirect URI to register)',
    description:
      'Checks `state` against this browser’s cookie, exchanges the code with the PKCE verifier, verifies the ID token (signature, ' +
      'issuer, audience, expiry, `nonce`), reads `email` and `email_verified` (from userinfo when the ID token lacks them), ' +
      'and opens a session for the organiser with that e-mail, as a password sign-in does (new cookie, audited). Always a 303: ' +
      'to `/admin/` signed in, or to `/admin/#signin-error=<code>` with `unverified-email`, `unknown-email`, `no-email`, ' +
      '`expired` (no pending sign-in in this browser, or older than 10 minutes), `cancelled` (refused at the provider) ' +
      'or `failed` (state, code, PKCE or ID token refused). The one organiser route that accepts a cross-site request: ' +
      'the provider’s redirect.',
    auth: 'none',
    query: OidcCallbackQuery,
    queryNotes: CALLBACK_PARAMS,
    ok: { status: 303, description: 'Back to the console (`Location`)' },
    refusals: NOT_CONFIGURED,
  },
];

export const OIDC_ANSWERS: Record<string, z.ZodMiniType> = { SignInOptions: org.SignInOptions };
export const OIDC_EXAMPLES: Record<string, unknown> = { SignInOptions: { password: true, oidc: { label: 'ProConnect' } } };
