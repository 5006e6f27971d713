/**
 * The HTTP transport of the `rest` backend: one JSON request with a per-attempt timeout, the caller's
 * abort, offline detection, retries with exponential backoff and jitter (only for requests the caller
 * marks safe to repeat) and every failure mapped to the core `BackendError` shape.
 */
import { delay } from '../core/async.js';
import { abortedError, backendError, BackendError, throwIfAborted } from '../core/errors.js';
import { ERROR_CODES } from '../core/error-codes.js';
import type { ApiError, ErrorCode } from '../core/schemas.js';

export interface HttpOptions {
  /** `fetch` to use (tests pass a fake one); defaults to the global. */
  fetch?: typeof fetch;
  /** Per-attempt timeout, ms. */
  timeoutMs?: number;
  /** Extra attempts after the first, for requests that are safe to repeat. */
  retries?: number;
  /** First backoff delay, ms; doubled at each attempt, with jitter. */
  backoffMs?: number;
  /** Longest wait before a retry, ms: a longer `Retry-After` is returned to the caller instead. */
  maxWaitMs?: number;
  /** False when the browser knows it is offline. */
  isOnline?: () => boolean;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  token?: string | null;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** `no-store` for the clock. */
  cache?: RequestCache;
  /** This request's longest wait before a retry (default: the client's `maxWaitMs`). */
  maxWaitMs?: number;
  /** Given the headers of a successful answer (the consultation read's live position). */
  seen?: (headers: Headers) => void;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  408: 'timeout',
  409: 'conflict',
  413: 'too-large',
  422: 'validation',
  429: 'rate-limited',
  501: 'unsupported',
};
const CODES = new Set<string>(ERROR_CODES);
/** Failures worth a second try of the same request (not `offline`: the browser says it is pointless). */
const TRANSIENT = new Set<ErrorCode>(['network', 'timeout', 'server', 'rate-limited']);

export class HttpClient {
  private readonly fetchImpl: typeof fetch;
  readonly timeoutMs: number;
  readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly isOnline: () => boolean;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(options: HttpOptions = {}) {
    // Bound late so a page (or a test) replacing window.fetch is honoured.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 400;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    this.isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine !== false);
    this.sleep = options.sleep ?? delay;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends the request and returns the parsed JSON answer (undefined when there is none).
   * GETs and writes carrying an idempotency key are retried on transient failures; nothing else is.
   */
  async send<T>(request: HttpRequest): Promise<T> {
    const repeatable = request.method === 'GET' || !!request.idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.attempt(request)) as T;
      } catch (error) {
        const err = error as BackendError;
        if (!repeatable || attempt >= this.retries || !TRANSIENT.has(err.code)) throw err;
        const backoff = this.backoffMs * 2 ** attempt * (0.5 + this.random() / 2);
        const wait = Math.max(backoff, (err.problem.retryAfter ?? 0) * 1000);
        if (wait > (request.maxWaitMs ?? this.maxWaitMs)) throw err;
        await this.sleep(wait, request.signal);
      }
    }
  }

  private async attempt(request: HttpRequest): Promise<unknown> {
    throwIfAborted(request.signal);
    if (!this.isOnline()) throw backendError('offline', 'You are offline');
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    const deadline = withTimeout(request.signal, this.timeoutMs);
    try {
      const response = await this.fetchImpl(request.url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: deadline.signal,
        credentials: 'omit',
        mode: 'cors',
        cache: request.cache ?? 'default',
      });
      const text = await response.text();
      if (!response.ok) throw problemFrom(response, text);
      request.seen?.(response.headers);
      if (!text) return undefined;
      try {
        return JSON.parse(text);
      } catch {
        throw backendError('server', 'The server sent an answer that is not JSON', { status: response.status });
      }
    } catch (error) {
      if (error instanceof BackendError) throw error;
      if (deadline.timedOut()) throw backendError('timeout', 'The server took too long to answer');
      if (request.signal?.aborted) throw abortedError();
      // fetch rejects with a TypeError when the network fails (DNS, refused, CORS, offline).
      if (!this.isOnline()) throw backendError('offline', 'You are offline');
      throw backendError('network', error instanceof Error ? error.message : 'The network request failed');
    } finally {
      deadline.dispose();
    }
  }
}

/** An `ApiError` from a problem+json body when it is one, else one made from the status. */
export function problemFrom(response: Response, text: string): BackendError {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let body: Partial<ApiError> | null = null;
  if (/json/.test(response.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text) as Partial<ApiError>;
    } catch {
      body = null;
    }
  }
  const status = response.status;
  const code: ErrorCode =
    body && typeof body.code === 'string' && CODES.has(body.code)
      ? body.code
      : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'unknown'));
  const title = typeof body?.title === 'string' ? body.title : response.statusText || `HTTP ${status}`;
  const extra: Partial<ApiError> = { status };
  if (body?.type) extra.type = body.type;
  if (typeof body?.detail === 'string') extra.detail = body.detail;
  if (Array.isArray(body?.fieldErrors)) extra.fieldErrors = body.fieldErrors;
  const wait = typeof body?.retryAfter === 'number' ? body.retryAfter : retryAfter;
  if (wait !== undefined) extra.retryAfter = wait;
  return backendError(code, title, extra);
}

/** `Retry-After` in seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The caller's signal combined with a timeout; says which one fired. */
export function withTimeout(caller: AbortSignal | undefined, ms: number) {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ms);
  const signals = caller ? [caller, timeout.signal] : [timeout.signal];
  return {
    signal: anySignal(signals),
    timedOut: () => timeout.signal.aborted && !caller?.aborted,
    dispose: () => clearTimeout(timer),
  };
}

/** `AbortSignal.any`, with a fallback for browsers that lack it (Safari < 17.4). */
export function anySignal(signals: AbortSignal[], native = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any): AbortSignal {
  if (native) return native.call(AbortSignal, signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

/** Query parameters, leaving out the empty ones. */
export function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A cheap check that the answer is the object we expect (full zod validation of every answer would
 * cost the bundle ~6 KB; the contract tests validate the server's answers against the schemas).
 */
export function shaped<T>(body: unknown, keys: string[]): T {
  if (!body || typeof body !== 'object' || keys.some((k) => !(k in body))) {
    throw backendError('server', 'The server sent an unexpected answer', { detail: `Expected an object with ${keys.join(', ')}` });
  }
  return body as T;
}
