/**
 * How the store says no: the project's one domain error (src/core/errors.ts `BackendError`, by code:
 * `limit-reached`, `forbidden`, `not-found`, `validation`…), never an HTTP response. The HTTP layer
 * (server/app.ts) turns it into its status and problem+json answer; other callers read the code.
 */
import { backendError } from '../../src/core/errors.js';
import type { ErrorCode, FieldError } from '../../src/core/schemas.js';

export function refuse(code: ErrorCode, title: string, extra: { detail?: string; fieldErrors?: FieldError[] } = {}): never {
  throw backendError(code, title, extra);
}
