/**
 * The write path in one round trip (issue 25): a vote, a change of choice or a withdrawal is ONE call
 * of the `pgo_vote` function (migration 041), which authenticates, replays a repeated idempotency key,
 * checks the phase, the proposal and the limit under the participant's row lock, writes (the trigger
 * moves the tally), counts the shared rate limits and returns the answer's data. Refusals come back as
 * `pgo:<code>` exceptions (everything rolled back) and become the same problems as before.
 */
import type { Consultation, Participant, Participation, VoteChoice, VoteTally } from '../../src/core/schemas.js';
import type { Queryable } from '../db/db.js';
import { fail } from '../http/problem.js';
import { sha256 } from './ids.js';
import { countsHidden, tallyFrom } from './proposals.js';
import { participationOf } from './votes.js';

/** Why the phase refuses this action now (title, detail), or null when it is open. */
export type Closed = { title: string; detail?: string } | null;

export interface VoteRequest {
  token: string;
  consultation: Consultation;
  proposalId: string;
  /** null: withdraw. */
  choice: VoteChoice | null;
  key: string | null;
  fingerprint: string;
  closed: Closed;
  ip: string;
  now: number;
  limits: { writesPerMinute: number; writesPerIpPerMinute: number };
}

/** What `pgo_vote` keeps and returns: the answer is built from it, for the first answer and its replays alike. */
interface VoteData {
  hidden: boolean;
  counts: Record<string, number> | null;
  participant: Participant;
  votes: [string, VoteChoice][];
  registrations: string[];
}

export interface VoteAnswer {
  status: number;
  replayed: boolean;
  body: { tally: VoteTally; participation: Participation };
}

/**
 * Writes of one token run one after another inside this process: they would queue on the
 * participant's row lock anyway, and waiting here holds no database connection (a burst from one
 * participant cannot take the whole pool from everyone else).
 */
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

export async function recordVote(db: Queryable, r: VoteRequest): Promise<VoteAnswer> {
  const tokenHash = sha256(r.token);
  const rows = await oneAtATime(tokenHash, () =>
    db.query<{ r: { replayed: boolean; status: number; body: VoteData } }>(
      'SELECT pgo_vote($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) AS r',
      [
        tokenHash,
        r.consultation.id,
        r.proposalId,
        r.choice,
        r.consultation.settings.votesPerParticipant,
        r.consultation.settings.voteWithdrawal,
        r.key,
        sha256(r.fingerprint),
        countsHidden(r.consultation, r.now),
        r.closed ? JSON.stringify(r.closed) : null,
        r.ip,
        r.now,
        r.limits.writesPerMinute,
        r.limits.writesPerIpPerMinute,
        r.consultation.settings.closeVotingWhenAnswered === true,
      ],
    ),
  ).catch(refused);
  const { replayed, status, body } = rows[0]!.r;
  return {
    replayed,
    status,
    body: {
      tally: tallyFrom(r.consultation, r.proposalId, body.counts, body.hidden),
      participation: participationOf(r.consultation, body.participant, body.votes, body.registrations),
    },
  };
}

/** The problem each `pgo:<code>` stands for; `extra` is the exception's detail. */
const REFUSALS: Record<string, (extra: string) => never> = {
  unauthorized: () => fail('unauthorized', 'Unknown participant token', { detail: 'Ask for a new token with POST /api/v1/participants' }),
  conflict: (extra) =>
    fail(
      'conflict',
      extra === 'running'
        ? 'The first request with this Idempotency-Key is still running; retry'
        : 'This Idempotency-Key was already used for another request',
    ),
  closed: (extra) => {
    const closed = extra.startsWith('{') ? (JSON.parse(extra) as { title: string; detail?: string }) : { title: extra };
    return fail('closed', closed.title, closed.detail ? { detail: closed.detail } : {});
  },
  'not-found': (extra) => fail('not-found', extra || 'No such proposal'),
  forbidden: () => fail('forbidden', 'Votes are final in this consultation'),
  'limit-reached': (extra) => fail('limit-reached', 'No votes left', extra ? { detail: extra } : {}),
  'rate-limited': (extra) => {
    const retryAfter = Number(extra) || 1;
    return fail('rate-limited', 'Too many requests', { retryAfter, detail: `Try again in ${retryAfter} s` });
  },
};

/** A `pgo:<code>` exception raised by a write function, as the problem the routes always answered. */
export function refused(error: unknown): never {
  const { message, detail } = (error ?? {}) as { message?: unknown; detail?: unknown };
  const refusal = /^pgo:([a-z-]+)$/.exec(String(message))?.[1];
  if (refusal && REFUSALS[refusal]) REFUSALS[refusal](typeof detail === 'string' ? detail : '');
  throw error;
}
