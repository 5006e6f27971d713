/** problem+json answers (RFC 9457) in the core `ApiError` shape, from the core `BackendError`. */
import { backendError, BackendError } from '../../src/core/errors.js';

export { backendError, BackendError };
/** Throws a domain error (server/errors.ts); kept here too for the routes that import it with problemResponse. */
export { fail } from '../errors.js';

export function problemResponse(error: BackendError, headers: Record<string, string> = {}): Response {
  const problem = error.problem;
  const extra: Record<string, string> = problem.retryAfter !== undefined ? { 'retry-after': String(Math.ceil(problem.retryAfter)) } : {};
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...extra, ...headers },
  });
}
