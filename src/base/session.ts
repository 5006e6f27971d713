/**
 * One consultation as the page sees it: the backend, the loaded consultation, the participant, the
 * server-corrected clock, the current phase and the shared vote store. `<pgo-consultation>` provides
 * one through context; standalone elements share one per (backend, endpoint, consultation).
 * Elements listen to its `change` event and re-render.
 */
import { createContext } from '@lit/context';
import { createBackend, newIdempotencyKey, type BackendConfig, type ConsultationBackend } from '../core/backend.js';
import { backendError, toBackendError, type BackendError } from '../core/errors.js';
import { actionWindow, phaseStateAt, type Action, type PhaseState } from '../core/phase.js';
import type { Consultation, Participation, VoteChoice, VoteResult, VoteTally } from '../core/schemas.js';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Longest single timer: setTimeout overflows past 2^31-1 ms (24.8 days). */
const MAX_TIMER = 2 ** 31 - 1;

export class ConsultationSession extends EventTarget {
  status: SessionStatus = 'idle';
  error: BackendError | null = null;
  consultation: Consultation | null = null;
  participation: Participation | null = null;
  /** Server time minus local time, in ms. */
  clockOffset = 0;
  phaseState: PhaseState = { kind: 'empty' };
  /** The shared vote store: the latest tally of every proposal seen on the page. */
  readonly tallies = new Map<string, VoteTally>();

  /** One vote request at most per proposal: a double click joins the request already sent. */
  private readonly votesInFlight = new Map<string, Promise<VoteResult>>();
  /** Idempotency keys kept after a retryable failure, so a retry of that attempt cannot count twice. */
  private readonly retryKeys = new Map<string, string>();
  private loading: Promise<void> | null = null;
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  private watching = false;

  constructor(readonly backend: ConsultationBackend, readonly consultationId: string) {
    super();
  }

  /** Now, on the server's clock. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  /** Loads once; later calls share the same promise. Call `reload()` to try again after an error. */
  load(): Promise<void> {
    this.loading ??= this.fetchAll();
    return this.loading;
  }

  reload(): Promise<void> {
    this.loading = null;
    return this.load();
  }

  /** Whether the phase open now accepts an action, and when it next opens. */
  window(action: Action) {
    return this.consultation ? actionWindow(this.consultation, action, this.now()) : { open: false, phase: null, opensAt: null };
  }

  /** Recomputes the current phase; notifies (and reschedules) when it changed. */
  refreshPhase(): void {
    if (!this.consultation) return;
    const next = phaseStateAt(this.consultation.phases, this.now());
    const changed = phaseKey(next) !== phaseKey(this.phaseState);
    this.phaseState = next;
    // The countdown calls this on every tick: re-arm the transition timer only when it is due.
    if (changed || this.phaseTimer === undefined) this.schedulePhaseTimer();
    if (changed) this.notify('phase');
  }

  setParticipation(participation: Participation): void {
    this.participation = participation;
    this.notify('participation');
  }

  setTally(tally: VoteTally): void {
    this.tallies.set(tally.proposalId, tally);
    this.notify('tally');
  }

  /** Stores many tallies (a page of proposals) with one notification; tallies of votes in flight stay optimistic. */
  seedTallies(tallies: readonly VoteTally[]): void {
    for (const tally of tallies) if (!this.votesInFlight.has(tally.proposalId)) this.tallies.set(tally.proposalId, tally);
    if (tallies.length) this.notify('tally');
  }

  /** The latest known tally of a proposal, or null when none was seen yet. */
  tallyOf(proposalId: string): VoteTally | null {
    return this.tallies.get(proposalId) ?? null;
  }

  /** The participant's current choice on a proposal (optimistic while a request is in flight). */
  voteOf(proposalId: string): VoteChoice | null {
    return this.participation?.votes[proposalId] ?? null;
  }

  /** True while a vote or withdrawal of this proposal awaits the server. */
  isVoting(proposalId: string): boolean {
    return this.votesInFlight.has(proposalId);
  }

  /**
   * Votes for a proposal. The tally and participation change at once (every element showing the
   * proposal follows) and are rolled back if the server refuses; the promise then rejects with the
   * BackendError. While a request for the proposal is in flight, further calls join it.
   */
  castVote(proposalId: string, choice: VoteChoice): Promise<VoteResult> {
    return this.sendVote(proposalId, choice);
  }

  /** Withdraws the participant's vote on a proposal, optimistically like `castVote`. */
  withdrawVote(proposalId: string): Promise<VoteResult> {
    return this.sendVote(proposalId, null);
  }

  private sendVote(proposalId: string, choice: VoteChoice | null): Promise<VoteResult> {
    const running = this.votesInFlight.get(proposalId);
    if (running) return running;
    const previous = this.voteOf(proposalId);
    const before = this.tallies.get(proposalId);
    const optimistic = before && shiftTally(before, previous, choice);
    if (optimistic) this.tallies.set(proposalId, optimistic);
    if (this.participation) this.participation = withVote(this.participation, proposalId, previous, choice);

    const attempt = `${proposalId}|${choice ?? ''}`;
    const idempotencyKey = this.retryKeys.get(attempt) ?? newIdempotencyKey();
    const request = choice
      ? this.backend.vote(this.consultationId, proposalId, choice, { idempotencyKey })
      : this.backend.withdrawVote(this.consultationId, proposalId, { idempotencyKey });
    const settled = request.then(
      (result) => {
        this.retryKeys.delete(attempt);
        this.tallies.set(proposalId, result.tally);
        this.participation = result.participation;
        return result;
      },
      (thrown: unknown) => {
        const error = toBackendError(thrown);
        if (error.retryable) this.retryKeys.set(attempt, idempotencyKey);
        else this.retryKeys.delete(attempt);
        // Undo only what is still ours: nothing else writes this tally meanwhile, but another
        // proposal's answer may have replaced the participation already.
        if (optimistic && this.tallies.get(proposalId) === optimistic) this.tallies.set(proposalId, before);
        if (this.participation && (this.participation.votes[proposalId] ?? null) === choice) {
          this.participation = withVote(this.participation, proposalId, choice, previous);
        }
        throw error;
      },
    ).finally(() => {
      this.votesInFlight.delete(proposalId);
      this.notify('vote');
    });
    this.votesInFlight.set(proposalId, settled);
    this.notify('vote');
    return settled;
  }

  async refreshParticipation(): Promise<void> {
    try {
      this.setParticipation(await this.backend.getParticipation(this.consultationId));
    } catch {
      // Participation is a nicety for display; the next write answers with a fresh one.
    }
  }

  notify(reason: string): void {
    this.dispatchEvent(new CustomEvent('change', { detail: { reason } }));
  }

  private async fetchAll(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.notify('status');
    try {
      const [consultation, offset] = await Promise.all([
        this.backend.getConsultation(this.consultationId),
        this.measureClock(),
      ]);
      this.consultation = consultation;
      this.clockOffset = offset;
      this.phaseState = phaseStateAt(consultation.phases, this.now());
      this.status = 'ready';
      this.watchVisibility();
      this.schedulePhaseTimer();
      this.notify('status');
      void this.refreshParticipation();
    } catch (error) {
      this.error = toBackendError(error);
      this.status = 'error';
      this.loading = null;
      this.notify('status');
    }
  }

  /** Offset of the server clock, halving the round trip; zero when the backend has no clock. */
  private async measureClock(): Promise<number> {
    if (!this.backend.capabilities.serverTime) return 0;
    try {
      const sent = Date.now();
      const { now } = await this.backend.getServerTime();
      const received = Date.now();
      return Date.parse(now) - (sent + received) / 2;
    } catch {
      return 0;
    }
  }

  /** One timer to the next transition, only while the page is visible. */
  private schedulePhaseTimer(): void {
    clearTimeout(this.phaseTimer);
    this.phaseTimer = undefined;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const state = this.phaseState;
    if (state.kind === 'empty' || state.kind === 'closed') return;
    this.phaseTimer = setTimeout(() => {
      this.phaseTimer = undefined;
      this.refreshPhase();
    }, Math.min(state.until + 1, MAX_TIMER));
  }

  private watchVisibility(): void {
    if (this.watching || typeof document === 'undefined') return;
    this.watching = true;
    document.addEventListener('visibilitychange', () => {
      this.refreshPhase();
      this.schedulePhaseTimer(); // none while hidden; re-armed from the fresh state once visible
    });
  }
}

/** A tally with one vote moved from `from` to `to` (either may be null); hidden tallies stay hidden. */
function shiftTally(tally: VoteTally, from: VoteChoice | null, to: VoteChoice | null): VoteTally {
  if (tally.hidden || tally.total === null || !tally.counts) return { ...tally };
  const counts = { ...tally.counts };
  let total = tally.total;
  if (from) {
    counts[from] = Math.max(0, (counts[from] ?? 0) - 1);
    total--;
  }
  if (to) {
    counts[to] = (counts[to] ?? 0) + 1;
    total++;
  }
  return { ...tally, counts, total: Math.max(0, total) };
}

/** A participation with the vote on one proposal changed, its votes left following. */
function withVote(participation: Participation, proposalId: string, from: VoteChoice | null, to: VoteChoice | null): Participation {
  const votes = { ...participation.votes };
  if (to) votes[proposalId] = to;
  else delete votes[proposalId];
  let { votesLeft } = participation;
  // A new vote uses one, a withdrawal gives one back, a changed choice costs nothing.
  if (votesLeft !== null) votesLeft = Math.max(0, votesLeft + (from ? 1 : 0) - (to ? 1 : 0));
  return { ...participation, votes, votesLeft };
}

function phaseKey(state: PhaseState): string {
  switch (state.kind) {
    case 'open': return `open:${state.phase.id}`;
    case 'upcoming': return `upcoming:${state.next.id}`;
    case 'between': return `between:${state.previous.id}:${state.next.id}`;
    case 'closed': return 'closed';
    default: return 'empty';
  }
}

/** Keyed by a string so two copies of the library on one page still meet. */
export const sessionContext = createContext<ConsultationSession>('pgo-consultation');

const shared = new Map<string, ConsultationSession>();
const byBackend = new WeakMap<ConsultationBackend, Map<string, ConsultationSession>>();

/** The session for a backend object and consultation, shared by everyone asking for the same pair. */
export function sessionForBackend(backend: ConsultationBackend, consultationId: string): ConsultationSession {
  let sessions = byBackend.get(backend);
  if (!sessions) byBackend.set(backend, (sessions = new Map()));
  let session = sessions.get(consultationId);
  if (!session) sessions.set(consultationId, (session = new ConsultationSession(backend, consultationId)));
  return session;
}

/**
 * The session for `backend="kind" endpoint="..." consultation="..."`, shared page-wide. When the kind
 * is not registered (yet), its session fails with `unsupported` until the backend's script loads;
 * a retry then reaches it.
 */
export function sessionFor(kind: string, endpoint: string, consultationId: string, attributes: Record<string, string> = {}): ConsultationSession {
  const key = JSON.stringify([kind, endpoint, consultationId, attributes]);
  let session = shared.get(key);
  if (session) return session;
  const backend = createBackend(kind, { endpoint, attributes });
  session = backend ? sessionForBackend(backend, consultationId) : new ConsultationSession(lateBackend(kind, { endpoint, attributes }), consultationId);
  shared.set(key, session);
  return session;
}

/** Stands in for a backend whose script has not loaded (yet), and becomes it once it registers. */
function lateBackend(kind: string, config: BackendConfig): ConsultationBackend {
  let real: ConsultationBackend | null = null;
  const fail = () => Promise.reject(backendError('unsupported', `No backend “${kind}” is loaded on this page`));
  const none = { proposals: false, createProposal: false, votes: false, withdrawVote: false, report: false, events: false, registerForEvent: false, proposeEvent: false, serverTime: false };
  return new Proxy({} as ConsultationBackend, {
    get: (_target, prop) => {
      real ??= createBackend(kind, config);
      if (real) {
        const value = real[prop as keyof ConsultationBackend];
        return typeof value === 'function' ? value.bind(real) : value;
      }
      return prop === 'kind' ? kind : prop === 'capabilities' ? none : fail;
    },
  });
}
