/**
 * An event registration in one round trip (issue 25): one call of `pgo_register` (migration 042), which
 * authenticates, replays a repeated idempotency key, checks the event under its row lock, refuses the
 * shared validator's field errors, writes, stores the answer and counts the shared rate limits.
 */
import type { FieldError, RegistrationInput } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { callWriteFunction, writerParams, type WriteResult, type WriterRequest } from './write-function.js';

export interface RegistrationRequest extends WriterRequest {
  consultationId: string;
  eventId: string;
  input: RegistrationInput;
  /** What `validateRegistration` found: refused after the event's own checks. */
  errors: FieldError[];
}

export function recordRegistration(
  db: Queryable,
  r: RegistrationRequest,
): Promise<WriteResult<{ eventId: string; seatsLeft: number | null }>> {
  return callWriteFunction(db, 'pgo_register', r.token, [
    r.consultationId,
    r.eventId,
    r.input.name?.trim() ?? '',
    r.input.email?.trim() ?? '',
    JSON.stringify(r.errors),
    ...writerParams(r),
  ]);
}
