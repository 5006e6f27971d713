/**
 * One GraphQL request to Decidim (`POST {base}/api`), with the caller's abort, a timeout, offline
 * detection, and every failure mapped to the core error shape: HTTP statuses, Decidim's error
 * extension codes (decidim-api/lib/decidim/api/errors) and GraphQL's own validation errors.
 */
import { backendError, validationError, type BackendError } from '../../core/errors.js';
import type { FieldError } from '../../core/schemas.js';

export interface GraphQLRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** An OAuth access token, for mutations only: reads are public and sent without one. */
  token?: string | null;
  signal?: AbortSignal;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface GraphQLError {
  message?: unknown;
  extensions?: { code?: string };
}

export async function graphql<T>(request: GraphQLRequest): Promise<T> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? 20_000);
  const onAbort = () => timeout.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  let response: Response;
  try {
    if (request.signal?.aborted) throw backendError('aborted', 'The request was cancelled');
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
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
  if (body.errors?.length) throw fromGraphQLErrors(body.errors, response.status);
  if (body.data === undefined || body.data === null) throw backendError('server', 'The Decidim API answered without data');
  return body.data;
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
    const retryAfter = Number(response.headers.get('retry-after'));
    return backendError('rate-limited', 'Too many requests to Decidim', Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {});
  }
  return backendError(status >= 500 ? 'server' : 'unknown', `Decidim answered ${status}`);
}

/** True when a GraphQL error says a field does not exist (graphql-ruby and graphql-js wordings). */
export function isUndefinedField(error: unknown, field: string): boolean {
  const problem = (error as BackendError | null)?.problem;
  return problem?.code === 'unsupported' && new RegExp(`['"]${field}['"]`).test(problem.detail ?? '');
}

export function fromGraphQLErrors(errors: GraphQLError[], status: number): BackendError {
  const first = errors[0]!;
  const code = first.extensions?.code ?? '';
  const text = messageOf(first.message);
  if (code === 'ATTRIBUTE_VALIDATION_ERROR') return validationError(fieldErrors(first.message, text));
  if (code === 'MUTATION_NOT_AUTHORIZED') return backendError('forbidden', 'Decidim does not allow this now', { detail: text });
  if (code === 'VALIDATION_ERROR') return backendError('conflict', 'Decidim refused this change', { detail: text });
  if (code === 'NOT_FOUND') return backendError('not-found', 'Not found on Decidim', { detail: text });
  if (code === 'undefinedField' || /doesn't exist on type|Cannot query field|Unknown argument|Unknown type/i.test(text)) {
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
    const path = Array.isArray((item as { path?: unknown }).path) ? ((item as { path: unknown[] }).path) : [];
    const field = String(path[path.length - 1] ?? 'form');
    return { field: field === 'attributes' ? 'form' : field, code: 'invalid', message: messageOf((item as { message?: unknown }).message) };
  });
  return errors.length ? errors : [{ field: 'form', code: 'invalid', message: text }];
}
