/**
 * The server's domain errors: `fail` throws the core `BackendError` (a code, a title, details), which the store and
 * the routes throw alike and `server/app.ts` answers as problem+json (http/problem.ts). No HTTP here.
 */
import { backendError } from '../src/core/errors.js';
import type { ErrorCode, FieldError } from '../src/core/schemas.js';

export function fail(
  code: ErrorCode,
  title: string,
  extra: { detail?: string; retryAfter?: number; fieldErrors?: FieldError[]; url?: string } = {},
): never {
  throw backendError(code, title, extra);
}
