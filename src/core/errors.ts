import type { ApiError, ErrorCode, FieldError } from './schemas.js';

const STATUS: Record<ErrorCode, number> = {
  validation: 422,
  network: 0,
  offline: 0,
  timeout: 0,
  aborted: 0,
  'rate-limited': 429,
  'not-found': 404,
  conflict: 409,
  closed: 409,
  'limit-reached': 409,
  forbidden: 403,
  unauthorized: 401,
  'too-large': 413,
  server: 500,
  unsupported: 501,
  unknown: 500,
};

/** The error every backend throws: it carries the core `ApiError` shape whatever the transport. */
export class BackendError extends Error {
  readonly problem: ApiError;
  constructor(problem: ApiError) {
    super(problem.detail ?? problem.title);
    this.name = 'BackendError';
    this.problem = problem;
  }
  get code(): ErrorCode {
    return this.problem.code;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.fieldErrors ?? [];
  }
  /** True when the same request may succeed later without any change (network, timeout, 5xx, 429). */
  get retryable(): boolean {
    return ['network', 'offline', 'timeout', 'server', 'rate-limited'].includes(this.problem.code);
  }
}

export function backendError(code: ErrorCode, title: string, extra: Partial<ApiError> = {}): BackendError {
  return new BackendError({ type: `https://pgo-widgets.dev/problems/${code}`, title, status: STATUS[code], code, ...extra });
}

export function validationError(fieldErrors: FieldError[]): BackendError {
  return backendError('validation', 'Some fields need attention', { fieldErrors, detail: fieldErrors.map((e) => e.message).join('; ') });
}

/** Normalises anything thrown (an AbortError, a TypeError from fetch...) into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (error && typeof error === 'object' && 'problem' in error) return new BackendError((error as BackendError).problem);
  const name = (error as { name?: string } | null)?.name;
  if (name === 'AbortError') return abortedError();
  if (name === 'TimeoutError') return backendError('timeout', 'The server took too long to answer');
  return backendError('unknown', error instanceof Error ? error.message : String(error));
}

export function isAbort(error: unknown): boolean {
  return toBackendError(error).code === 'aborted';
}

/** The error of a request its caller cancelled. */
export function abortedError(what = 'request'): BackendError {
  return backendError('aborted', `The ${what} was cancelled`);
}

/** Throws the `aborted` BackendError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}
