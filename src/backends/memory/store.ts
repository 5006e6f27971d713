/**
 * The memory backend's state and machinery shared by every kind of data: the stored rows, the injected
 * latency, failures, offline state and holds, and the idempotent write. The kind modules beside it
 * (proposals.ts, votes.ts, events.ts...) are functions of this store; index.ts wires them into the backend.
 */
import type { ConsultationBackend, DocumentsBackend, RequestOptions, WriteOptions } from '../../core/backend.js';
import { delay, raceAbort } from '../../core/async.js';
import { backendError, BackendError, throwIfAborted } from '../../core/errors.js';
import { actionWindow } from '../../core/phase.js';
import type { Consultation, ConsultationEvent, ErrorCode, Proposal, RegistrationInput, VoteChoice } from '../../core/schemas.js';
import type { MemoryDocumentFixture } from './documents.js';

export interface MemoryEvent extends ConsultationEvent {
  /** Proposed events wait for approval and are not listed until approved. */
  moderation?: 'pending' | 'approved' | 'hidden';
  /** The participant who proposed it: its host (may file its report, issue 22). */
  participantId?: string;
  /** When it was proposed (the participant's own contributions list, issue 19). */
  proposedAt?: string;
}
export interface MemoryFixture {
  consultations: Consultation[];
  proposals?: Proposal[];
  events?: MemoryEvent[];
  /** Existing votes from other participants, counted in the tallies. */
  votes?: { participantId: string; proposalId: string; choice: VoteChoice }[];
  /** Issue 21: documents of the collaborative writing phase (documents.ts). */
  documents?: MemoryDocumentFixture[];
}
export interface MemoryBackendOptions {
  /** Milliseconds every call waits before answering (a number, or [min, max]). */
  latency?: number | [number, number];
  /** The backend's clock (ms since epoch); defaults to Date.now. */
  now?: () => number;
  /** The participant this backend acts for. */
  participantId?: string;
  /** false: no live stream (the session polls instead); live.ts. */
  live?: boolean;
}

/** A proposal as stored: with what the public never sees. */
export type StoredProposal = Proposal & { email?: string; reports?: number; participantId?: string };
export type Method = (keyof ConsultationBackend | keyof DocumentsBackend) & string;
interface Failure {
  method: Method | '*';
  error: BackendError;
  remaining: number;
}

export class MemoryStore {
  latency: number | [number, number];
  /** While true, every call fails as the browser would when offline. */
  offline = false;
  now: () => number;
  participantId: string;
  /** Every call, in order: tests count requests with it. */
  readonly calls: { method: Method; args: unknown[] }[] = [];

  readonly consultations = new Map<string, Consultation>();
  readonly proposals = new Map<string, StoredProposal>();
  readonly events = new Map<string, MemoryEvent>();
  /** `kind:id` -> the last moderation decision's reason and time (the test helpers `approve`/`hide` set it). */
  readonly decisions = new Map<string, { reason: string | null; at: string }>();
  /** `${participantId}|${proposalId}` -> choice: the vote rows tallies are computed from. */
  readonly votes = new Map<string, VoteChoice>();
  readonly registrations = new Map<string, Map<string, RegistrationInput>>();
  private readonly idempotent = new Map<string, Promise<unknown>>();
  private failures: Failure[] = [];
  private sequence = 0;
  private gate: { methods: Method[]; opened: Promise<void> } | null = null;

  constructor(fixture: MemoryFixture = { consultations: [] }, options: MemoryBackendOptions = {}) {
    this.latency = options.latency ?? 0;
    this.now = options.now ?? (() => Date.now());
    this.participantId = options.participantId ?? 'me';
    for (const c of fixture.consultations) this.consultations.set(c.id, structuredClone(c));
    for (const p of fixture.proposals ?? []) this.proposals.set(p.id, structuredClone(p));
    for (const e of fixture.events ?? []) this.events.set(e.id, structuredClone(e));
    for (const v of fixture.votes ?? []) this.votes.set(`${v.participantId}|${v.proposalId}`, v.choice);
  }

  /**
   * Holds the calls of `methods` (every method when none is named) entered from now on until the
   * returned function is called: tests observe in-flight states (busy, loading, optimistic) without
   * racing a timer against the machine's speed.
   */
  hold(...methods: Method[]): () => void {
    let release!: () => void;
    const gate = { methods, opened: new Promise<void>((resolve) => (release = resolve)) };
    this.gate = gate;
    return () => {
      if (this.gate === gate) this.gate = null;
      release();
    };
  }

  /** Makes the next `count` calls of `method` (or of any method, `'*'`) fail with `error`. */
  failNext(method: Method | '*', error: BackendError | ErrorCode, count = 1): void {
    const err =
      typeof error === 'string' ? backendError(error, `Injected ${error}`, error === 'rate-limited' ? { retryAfter: 30 } : {}) : error;
    this.failures.push({ method, error: err, remaining: count });
  }

  // ---- for the kind modules ----

  /** Records a call, then applies the injected latency, hold, offline state and failures (every read starts here). */
  async enter(method: Method, args: unknown[], options?: RequestOptions): Promise<void> {
    this.calls.push({ method, args });
    const signal = options?.signal;
    throwIfAborted(signal);
    const wait = Array.isArray(this.latency) ? this.latency[0] + Math.random() * (this.latency[1] - this.latency[0]) : this.latency;
    const gate = this.gate && (this.gate.methods.length === 0 || this.gate.methods.includes(method)) ? this.gate.opened : null;
    if (gate) await raceAbort(gate, signal);
    if (wait > 0 || gate) await delay(wait, signal);
    if (this.offline) throw backendError('offline', 'You are offline');
    const failure = this.failures.find((f) => f.method === method || f.method === '*');
    if (failure) {
      if (--failure.remaining <= 0) this.failures = this.failures.filter((f) => f !== failure);
      throw failure.error;
    }
  }

  /** Runs a write once per idempotency key: concurrent and later calls with the key share its outcome (every write goes through it). */
  once<T>(method: Method, args: unknown[], options: WriteOptions, write: () => T): Promise<T> {
    const key = `${method}:${options.idempotencyKey}`;
    return this.enter(method, args, options).then(() => {
      const known = this.idempotent.get(key) as Promise<T> | undefined;
      if (known) return known.then((r) => structuredClone(r));
      const result = Promise.resolve().then(write);
      this.idempotent.set(key, result);
      // A refused write may be retried with the same key once the cause is fixed (a closed phase, a field).
      result.catch(() => this.idempotent.delete(key));
      return result.then((r) => structuredClone(r));
    });
  }

  /** The next number for a new row's id (ids stay unique across kinds). */
  nextSequence(): number {
    return ++this.sequence;
  }

  /** The stored consultation, or `not-found`. */
  consultation(id: string): Consultation {
    const consultation = this.consultations.get(id);
    if (!consultation) throw backendError('not-found', `No consultation “${id}”`);
    return consultation;
  }

  /** Throws `closed` unless the current phase accepts `action`. */
  requireOpen(consultation: Consultation, action: 'proposals' | 'votes' | 'eventProposals'): void {
    if (!actionWindow(consultation, action, this.now()).open) throw backendError('closed', `The current phase does not accept ${action}`);
  }
}
