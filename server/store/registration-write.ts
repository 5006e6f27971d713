/**
 * An event registration in one round trip (issue 25): one call of `pgo_register` (migration 042), which
 * authenticates, replays a repeated idempotency key, checks the event under its row lock, refuses the
 * shared validator's field errors, writes, stores the answer and counts the shared rate limits.
 */
import type { FieldError, RegistrationInput } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { sha256 } from './ids.js';
import { callWriteFunction, type WriteResult } from './write-function.js';

export interface RegistrationRequest {
  token: string;
  consultationId: string;
  eventId: string;
  input: RegistrationInput;
  /** What `validateRegistration` found: refused after the event's own checks. */
  errors: FieldError[];
  key: string | null;
  fingerprint: string;
  ip: string;
  now: number;
  limits: { writesPerMinute: number; writesPerIpPerMinute: number };
}

export function recordRegistration(
  db: Queryable,
  r: RegistrationRequest,
): Promise<WriteResult<{ eventId: string; seatsLeft: number | null }>> {
  const tokenHash = sha256(r.token);
  return callWriteFunction(db, 'pgo_register', tokenHash, [
    tokenHash,
    r.consultationId,
    r.eventId,
    r.input.name?.trim() ?? '',
    r.input.email?.trim() ?? '',
    JSON.stringify(r.errors),
    r.key,
    sha256(r.fingerprint),
    r.ip,
    r.now,
    r.limits.writesPerMinute,
    r.limits.writesPerIpPerMinute,
  ]);
}
