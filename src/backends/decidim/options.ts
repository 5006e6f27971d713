/**
 * The decidim backend's options (the provider element's attributes, `backend="decidim"`) and what it
 * declares it can do, with the Decidim-only capabilities the elements to come will read.
 */
import type { BackendCapabilities, BackendConfig } from '../../core/backend.js';
import type { OAuthConfig } from './oauth.js';

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
  /**
   * OAuth scopes, `user api:read api:write` by default: without `user` Decidim's token names nobody
   * (decidim-core lib/decidim/oauth/token_generator.rb) and every write is refused.
   */
  scope?: string;
  /**
   * Where the sign-in code is exchanged for a token: `{endpoint}/oauth/token` by default, which a page on
   * another site cannot read (Decidim's CORS rule covers /api only); a same-origin relay to it (README).
   */
  tokenUrl?: string;
  /** Preferred language of Decidim's translated texts (then fr, en, machine translations, any). */
  locale?: string;
  /** The organisation's time zone: process dates are calendar days there. */
  timeZone?: string;
  fetch?: typeof fetch;
  /** Replaces `window.open` for the sign-in popup. */
  openWindow?: OAuthConfig['open'];
}

export type ResolvedOptions = DecidimOptions & { locale: string; timeZone: string; scope: string };

export const DEFAULT_SCOPE = 'user api:read api:write';

/**
 * The core capabilities, plus what the ConsultationBackend contract has no place for yet (the
 * discussion element will read them): reading a proposal's comments, adding one (with an alignment, or
 * as a reply), voting a comment up or down. A proposal's published answer and state are in the contract
 * already (`Proposal.extra`: `state`, `answer`, `answeredAt`), `answers` says this backend fills them.
 */
export interface DecidimCapabilities extends BackendCapabilities {
  comments: boolean;
  addComment: boolean;
  voteComment: boolean;
  answers: boolean;
}

export function resolveOptions(options: DecidimOptions): ResolvedOptions {
  const lang = options.locale ?? (typeof document !== 'undefined' ? document.documentElement.lang : '') ?? '';
  return {
    ...options,
    endpoint: options.endpoint.replace(/\/+$/, ''),
    locale: lang.toLowerCase().split(/[-_]/)[0] || 'fr',
    timeZone: options.timeZone || 'Europe/Paris',
    scope: options.scope?.trim() || DEFAULT_SCOPE,
  };
}

/** What the backend can do before the process is read (updated in place once it is). */
export function initialCapabilities(writes: boolean): DecidimCapabilities {
  return {
    proposals: true,
    createProposal: writes,
    votes: writes,
    withdrawVote: writes,
    report: false,
    events: true,
    registerForEvent: false,
    proposeEvent: false,
    serverTime: false,
    comments: true,
    addComment: writes,
    voteComment: writes,
    answers: true,
    // The contract's comments (comment-contract.ts): Decidim's API neither edits, deletes, reports nor has "helpful".
    postComment: writes,
    editComment: false,
    helpfulVotes: false,
    reportComment: false,
    // Issue 21: a participatory text is read (participatory-text.ts); amendments are written and supported on Decidim's pages.
    documents: true,
    amend: false,
    // A meeting's closing report (report, attendees, linked proposals) is written through Decidim's own
    // pages only: its API has mutations for proposals components alone (schema.graphql, ComponentMutation).
    workshopReports: false,
    // A closed meeting's closing (report, attendees, organisations, count of contributions) is read (closing.ts).
    readWorkshopReports: true,
  };
}

/** The provider's attributes as options (`process`, `client-id`, `token-url`...). */
export function optionsFromConfig(config: BackendConfig): DecidimOptions {
  const a = config.attributes ?? {};
  const pick = (name: string) => a[name]?.trim() || undefined;
  const options: DecidimOptions = { endpoint: config.endpoint || pick('endpoint') || '' };
  const entries: [keyof DecidimOptions, string | undefined][] = [
    ['process', pick('process')],
    ['proposalsComponent', pick('proposals-component')],
    ['meetingsComponent', pick('meetings-component')],
    ['clientId', pick('client-id')],
    ['redirectUri', pick('redirect-uri')],
    ['scope', pick('oauth-scope')],
    ['tokenUrl', pick('token-url')],
    ['locale', pick('locale') ?? pick('lang')],
    ['timeZone', pick('time-zone')],
  ];
  for (const [key, value] of entries) if (value) (options as unknown as Record<string, string>)[key] = value;
  return options;
}
