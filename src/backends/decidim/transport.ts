/**
 * One GraphQL request to Decidim (`POST {base}/api`), with the caller's abort, a timeout, offline
 * detection, and every failure mapped to the core error shape: HTTP statuses, Decidim's error
 * extension codes (decidim-api/lib/decidim/api/errors, both spellings) and GraphQL's own validation
 * errors. An answer with `data` AND `errors` is returned whole: the caller decides which errors only
 * remove a node (see `usableData`).
 */
import { backendError, validationError, type BackendError } from '../../core/errors.js';
import type { FieldError } from '../../core/schemas.js';

export interface GraphQLRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** An OAuth access token: writes, the session, and reads that say what the participant did. */
  token?: string | null;
  /**
   * The OAuth client id, sent as `X-Jwt-Aud` with the token: warden-jwt_auth refuses a token whose
   * audience is not in that header (decidim-api config/initializers/devise.rb `jwt.aud_header`).
   */
  audience?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface GraphQLError {
  message?: unknown;
  path?: (string | number)[];
  extensions?: { code?: string };
}
export interface GraphQLAnswer<T> {
  data: T;
  errors: GraphQLError[];
}

export async function graphql<T>(request: GraphQLRequest): Promise<GraphQLAnswer<T>> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? 20_000);
  const onAbort = () => timeout.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  let response: Response;
  try {
    if (request.signal?.aborted) throw backendError('aborted', 'The request was cancelled');
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.token && request.audience) headers['x-jwt-aud'] = request.audience;
    response = await (request.fetch ?? globalThis.fetch)(request.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
      signal: timeout.signal,
      credentials: 'omit',
    });
  } catch (error) {
    throw transportError(error, request.signal);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: GraphQLError[] } | null;
  if (!response.ok && !body?.errors?.length) throw statusError(response);
  if (!body || typeof body !== 'object') throw backendError('server', 'The Decidim API did not answer with GraphQL');
  if (body.data === undefined || body.data === null) {
    if (body.errors?.length) throw fromGraphQLErrors(body.errors, response.status);
    throw backendError('server', 'The Decidim API answered without data');
  }
  return { data: body.data, errors: Array.isArray(body.errors) ? body.errors : [] };
}

/**
 * Where a field's null is only a missing piece, not a failed answer: a list item or a connection's
 * `node` (a proposal or comment the visitor may not see: an error at its path since 0.32, #15682), an
 * author one may not see, and `coordinates` (Float! yet nil for online or un-geocoded meetings,
 * decidim-core coordinates_type.rb).
 */
const MISSABLE = new Set(['node', 'author', 'coordinates']);

/**
 * The data, when every error only nulled a missable piece (the piece is then simply absent); else the
 * first error that did not, mapped to the core error shape.
 */
export function usableData<T>({ data, errors }: GraphQLAnswer<T>, status = 200): T {
  for (const error of errors) {
    let value: unknown = data;
    let nulled: string | number | undefined;
    for (const key of error.path ?? []) {
      value = (value as Record<string | number, unknown> | null | undefined)?.[key];
      if (value === null || value === undefined) {
        nulled = key;
        break;
      }
    }
    if (nulled === undefined || !(typeof nulled === 'number' || MISSABLE.has(nulled))) throw fromGraphQLErrors([error], status);
  }
  return data;
}

function transportError(error: unknown, signal?: AbortSignal): BackendError {
  if ((error as { problem?: unknown })?.problem) return error as BackendError;
  if (signal?.aborted) return backendError('aborted', 'The request was cancelled');
  if ((error as { name?: string })?.name === 'AbortError') return backendError('timeout', 'Decidim took too long to answer');
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return backendError('offline', 'You are offline');
  return backendError('network', 'Decidim could not be reached');
}

function statusError(response: Response): BackendError {
  const status = response.status;
  if (status === 401) return backendError('unauthorized', 'Your Decidim sign-in has expired');
  if (status === 403) return backendError('forbidden', 'Decidim refused this request');
  if (status === 404) return backendError('not-found', 'No Decidim API at this address');
  if (status === 429) {
    // Decidim throttles 100 requests a minute per address (decidim-core rack_attack.rb); Rack::Attack
    // sends no Retry-After the page could read, so a whole period is assumed.
    const retryAfter = Number(response.headers.get('retry-after'));
    return backendError('rate-limited', 'Too many requests to Decidim', {
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : THROTTLE_PERIOD_S,
    });
  }
  return backendError(status >= 500 ? 'server' : 'unknown', `Decidim answered ${status}`);
}

/** True when a GraphQL error says a field does not exist (graphql-ruby and graphql-js wordings). */
export function isUndefinedField(error: unknown, field: string): boolean {
  const problem = (error as BackendError | null)?.problem;
  return problem?.code === 'unsupported' && new RegExp(`['"]${field}['"]`).test(problem.detail ?? '');
}

/** Decidim's throttling period (decidim-core `throttling_period`, 1 minute), in seconds. */
export const THROTTLE_PERIOD_S = 60;

/**
 * Decidim's error codes, as 0.32 spells them (decidim-api lib/decidim/api/errors/*.rb) and as older
 * servers did (no `_ERROR`; an unauthorised object was NO_OBJECT_PERMISSION).
 */
const CODES: Record<string, 'validation' | 'forbidden' | 'conflict' | 'not-found' | 'locale'> = {
  ATTRIBUTE_VALIDATION_ERROR: 'validation',
  VALIDATION_ERROR: 'conflict',
  MUTATION_NOT_AUTHORIZED: 'forbidden',
  MUTATION_NOT_AUTHORIZED_ERROR: 'forbidden',
  NOT_FOUND: 'not-found',
  NOT_FOUND_ERROR: 'not-found',
  UNAUTHORIZED_OBJECT: 'not-found',
  UNAUTHORIZED_OBJECT_ERROR: 'not-found',
  NO_OBJECT_PERMISSION: 'not-found',
  INVALID_LOCALE: 'locale',
  INVALID_LOCALE_ERROR: 'locale',
};

export function fromGraphQLErrors(errors: GraphQLError[], status: number): BackendError {
  const first = errors[0]!;
  const kind = CODES[first.extensions?.code ?? ''];
  const text = messageOf(first.message);
  if (kind === 'validation') return validationError(fieldErrors(first.message, text));
  if (kind === 'locale')
    return backendError('validation', 'Decidim does not accept this language', {
      detail: text,
      fieldErrors: [{ field: 'form', code: 'invalid', message: text }],
    });
  // HTTP 200 too when the token names nobody: the backend asks Decidim who it is before believing it.
  if (kind === 'forbidden') return backendError('forbidden', 'Decidim does not allow this now', { detail: text });
  if (kind === 'conflict') return backendError('conflict', 'Decidim refused this change', { detail: text });
  if (kind === 'not-found') return backendError('not-found', 'Not found on Decidim', { detail: text });
  if (first.extensions?.code === 'undefinedField' || /doesn't exist on type|Cannot query field|Unknown argument|Unknown type/i.test(text)) {
    return backendError('unsupported', 'This Decidim version does not have a field the widgets asked for', { detail: text });
  }
  if (status === 401 || /not authori[sz]ed|unauthori[sz]ed|invalid.token|scope/i.test(text)) {
    return backendError('unauthorized', 'Decidim needs you to sign in again', { detail: text });
  }
  return backendError('server', 'Decidim could not answer', { detail: text });
}

function messageOf(message: unknown): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map((m) => messageOf((m as { message?: unknown })?.message ?? m)).join(', ');
  return '';
}

/** Decidim lists `{ path: ["attributes", "title"], message }` for each invalid attribute. */
function fieldErrors(message: unknown, text: string): FieldError[] {
  const list = Array.isArray(message) ? message : [];
  const errors = list.map((item): FieldError => {
    const path = Array.isArray((item as { path?: unknown }).path) ? (item as { path: unknown[] }).path : [];
    const field = String(path[path.length - 1] ?? 'form');
    return { field: field === 'attributes' ? 'form' : field, code: 'invalid', message: messageOf((item as { message?: unknown }).message) };
  });
  return errors.length ? errors : [{ field: 'form', code: 'invalid', message: text }];
}
