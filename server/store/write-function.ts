/**
 * Calling the one-statement write functions (pgo_vote, pgo_register, pgo_propose: issue 25), and how they say no.
 * A refusal found before the write (closed, invalid, full, over the vote limit...) comes back as a value
 * `{ refused: code, detail }` after the function counted its rate hit (migration 100: a flood of refused
 * writes ends in 429; nothing else is stored); the rest (unknown token, a conflicting key, over the rate
 * limit after the write) raise `pgo:<code>`, which rolls the whole write back. Either way the particulars
 * are JSON `{ title, detail?, url?, fieldErrors? }` or, for the vote's historical refusals, a plain string
 * read by the code's default below, and each becomes the problem the routes always answered.
 */
import { validationError } from '../../src/core/errors.js';
import type { ErrorCode, FieldError } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { fail } from '../errors.js';
import { sha256 } from './ids.js';

/** What every one-statement write takes besides its own data. */
export interface WriterRequest {
  token: string;
  /** The Idempotency-Key, when the client sent one. */
  key: string | null;
  /** What identifies the request for its key (method, path, validated body). */
  fingerprint: string;
  ip: string;
  now: number;
  limits: { writesPerMinute: number; writesPerIpPerMinute: number };
}

/** The last parameters of pgo_register and pgo_propose, the ones `pgo_write_start`/`pgo_write_end` take. */
export function writerParams(r: WriterRequest): unknown[] {
  return [r.key, sha256(r.fingerprint), r.ip, r.now, r.limits.writesPerMinute, r.limits.writesPerIpPerMinute];
}

/**
 * A refusal found before the write (migration 100): returned rather than raised, so that the rate hit it
 * counted is kept while nothing else was written; `detail` is what a raised refusal carries.
 */
interface Refusal {
  refused: string;
  detail: string | null;
}

/** What a write function returns: the first answer, or the stored one for a repeated key. */
export interface WriteResult<T> {
  replayed: boolean;
  status: number;
  body: T;
}

/**
 * `SELECT fn(tokenHash, …params)`: one round trip; the token's hash is always the first parameter. Writes
 * of one token run one after another inside this process: they would queue on the database's row locks
 * anyway, and waiting here holds no connection (a burst from one participant cannot take the whole pool
 * from everyone else).
 */
export function callWriteFunction<T>(
  db: Queryable,
  fn: 'pgo_vote' | 'pgo_register' | 'pgo_propose',
  token: string,
  params: unknown[],
): Promise<WriteResult<T>> {
  const tokenHash = sha256(token);
  const args = [tokenHash, ...params];
  const placeholders = args.map((_, i) => `$${i + 1}`).join(', ');
  return oneAtATime(tokenHash, async () => {
    const rows = await db.query<{ r: WriteResult<T> | Refusal }>(`SELECT ${fn}(${placeholders}) AS r`, args).catch(refused);
    const r = rows[0]!.r;
    if ('refused' in r) refused({ message: `pgo:${r.refused}`, detail: r.detail });
    return r;
  });
}

const serial = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, job: () => Promise<T>): Promise<T> {
  const run = (serial.get(key) ?? Promise.resolve()).then(job, job);
  const tail = run.catch(() => {});
  serial.set(key, tail);
  void tail.then(() => {
    if (serial.get(key) === tail) serial.delete(key);
  });
  return run;
}

interface Particulars {
  title: string;
  detail?: string;
  url?: string;
  fieldErrors?: FieldError[];
}

/** The problem for a plain-string detail (or none), by code. */
const DEFAULTS: Record<string, (extra: string) => never> = {
  unauthorized: () => fail('unauthorized', 'Unknown participant token', { detail: 'Ask for a new token with POST /api/v1/participants' }),
  conflict: (extra) =>
    fail(
      'conflict',
      extra === 'running'
        ? 'The first request with this Idempotency-Key is still running; retry'
        : 'This Idempotency-Key was already used for another request',
    ),
  closed: (extra) => fail('closed', extra),
  'not-found': (extra) => fail('not-found', extra || 'No such proposal'),
  forbidden: () => fail('forbidden', 'Votes are final in this consultation'),
  'limit-reached': (extra) => fail('limit-reached', 'No votes left', extra ? { detail: extra } : {}),
  'rate-limited': (extra) => {
    const retryAfter = Number(extra) || 1;
    return fail('rate-limited', 'Too many requests', { retryAfter, detail: `Try again in ${retryAfter} s` });
  },
};

/** A `pgo:<code>` exception raised by a write function, as its problem; anything else is rethrown. */
export function refused(error: unknown): never {
  const { message, detail } = (error ?? {}) as { message?: unknown; detail?: unknown };
  const code = /^pgo:([a-z-]+)$/.exec(String(message))?.[1];
  const extra = typeof detail === 'string' ? detail : '';
  if (code && extra.startsWith('{')) {
    const { title, ...rest } = JSON.parse(extra) as Particulars;
    if (code === 'validation' && rest.fieldErrors) throw validationError(rest.fieldErrors);
    fail(code as ErrorCode, title, rest);
  }
  if (code && DEFAULTS[code]) DEFAULTS[code](extra);
  throw error;
}
