/** problem+json answers (RFC 9457) in the core `ApiError` shape, from the core `BackendError`. */
import { backendError, BackendError } from '../../src/core/errors.js';
import type { ErrorCode, FieldError } from '../../src/core/schemas.js';

export { backendError, BackendError };

export function problemResponse(error: BackendError, headers: Record<string, string> = {}): Response {
  const problem = error.problem;
  const extra: Record<string, string> = problem.retryAfter !== undefined ? { 'retry-after': String(Math.ceil(problem.retryAfter)) } : {};
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...extra, ...headers },
  });
}

export function fail(
  code: ErrorCode,
  title: string,
  extra: { detail?: string; retryAfter?: number; fieldErrors?: FieldError[]; url?: string } = {},
): never {
  throw backendError(code, title, extra);
}
