/**
 * OpenID Connect sign-in for organisers (issue 19), configured once per server: which provider, which client.
 * The relying party is `openid-client` (authorization code + PKCE S256, state, nonce, ID token checks);
 * the provider's metadata is discovered at first use and kept for the process.
 */
import * as oidc from 'openid-client';

export interface OidcSettings {
  /** The provider's issuer identifier (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** Sent as client_secret_post; none for a public client. */
  clientSecret?: string;
  /** Shown on the sign-in page: "Sign in with <label>" (default "OpenID Connect"). */
  label?: string;
  /** Default `openid email`. */
  scope?: string;
  /**
   * The redirect URI registered at the provider. Default: this server's own origin (as the request reached it,
   * X-Forwarded-Proto with TRUST_PROXY) + /api/v1/admin/oidc/callback.
   */
  redirectUri?: string;
  /**
   * The provider vouches for every e-mail it sends and sends no `email_verified` claim: treat its e-mails as
   * verified. Off by default: an e-mail is only trusted with `email_verified: true`.
   */
  trustEmail?: boolean;
  /** Extra parameters of the authorization request (`acr_values`, `prompt`...). */
  authorizationParams?: Record<string, string>;
}

export const CALLBACK_PATH = '/api/v1/admin/oidc/callback';

/** Plain HTTP is accepted for a provider on this machine only (tests, development). */
export function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname);
}

/** Reads OIDC_* environment variables (server/main.ts); undefined without OIDC_ISSUER. */
export function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  if (!env.OIDC_CLIENT_ID) throw new Error('OIDC_ISSUER is set: OIDC_CLIENT_ID is required too');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    label: env.OIDC_LABEL || undefined,
    scope: env.OIDC_SCOPE || undefined,
    redirectUri: env.OIDC_REDIRECT_URI || undefined,
    trustEmail: env.OIDC_TRUST_EMAIL === '1',
    authorizationParams: env.OIDC_AUTHORIZATION_PARAMS ? (JSON.parse(env.OIDC_AUTHORIZATION_PARAMS) as Record<string, string>) : undefined,
  };
}

/** The provider's configuration, discovered once (a failed discovery is retried at the next sign-in). */
export class OidcProvider {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopback(issuer)))
      throw new Error(`OIDC issuer ${settings.issuer}: https is required (plain http only for a provider on this machine)`);
  }

  get label(): string {
    return this.settings.label ?? 'OpenID Connect';
  }

  configuration(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.discovered ??= oidc
      .discovery(
        issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        this.settings.clientSecret ? oidc.ClientSecretPost(this.settings.clientSecret) : oidc.None(),
        issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = null;
        throw error;
      });
    return this.discovered;
  }
}
