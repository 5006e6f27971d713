/**
 * One consultation as the page sees it: the backend, the loaded consultation, the participant, the
 * server-corrected clock, the current phase and the shared vote store (`votes`). `<pgo-consultation>`
 * provides one through context; standalone elements share one per configuration (session-registry.ts).
 * Elements listen to its `change` event and re-render.
 */
import type { ConsultationBackend } from '../core/backend.js';
import { toBackendError, type BackendError } from '../core/errors.js';
import { actionWindow, phaseKey, phaseStateAt, type Action, type PhaseState } from '../core/phase.js';
import type { Consultation, Participation } from '../core/schemas.js';
import { startTimer } from '../core/async.js';
import type { ChangeReason, SessionChangeDetail } from './session-events.js';
import { LiveFeed } from './live.js';
import { PageWrites } from './page-writes.js';
import { VoteStore } from './vote-store.js';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A session whose consultation has loaded: what an element renders from once `ready` says so. */
export interface ReadySession extends ConsultationSession {
  readonly status: 'ready';
  readonly consultation: Consultation;
}

export class ConsultationSession extends EventTarget {
  status: SessionStatus = 'idle';
  error: BackendError | null = null;
  consultation: Consultation | null = null;
  participation: Participation | null = null;
  /** Server time minus local time, in ms. */
  clockOffset = 0;
  phaseState: PhaseState = { kind: 'empty' };
  /** The shared vote store: the latest tally of every proposal seen on the page, and the votes in flight. */
  readonly votes: VoteStore = new VoteStore(this);
  /** The page's own writes (proposals published, registrations made), for every element to show at once. */
  readonly writes: PageWrites = new PageWrites(this);
  /** Live changes from the backend's stream, or polling (live.ts); started once the consultation has loaded. */
  readonly live: LiveFeed = new LiveFeed(this);

  private loading: Promise<void> | null = null;
  private phaseTimer: (() => void) | undefined;
  private watching = false;

  constructor(
    readonly backend: ConsultationBackend,
    readonly consultationId: string,
  ) {
    super();
  }

  /** True once the consultation has loaded: the session then reads as a `ReadySession`. */
  isReady(): this is ReadySession {
    return this.status === 'ready' && this.consultation !== null;
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

  /** The consultation changed on the server (a phase moved): phases recomputed, the transition timer re-armed. */
  replaceConsultation(consultation: Consultation): void {
    this.consultation = consultation;
    this.phaseState = phaseStateAt(consultation.phases, this.now());
    this.schedulePhaseTimer();
    this.notify('phase');
  }

  /** A contribution was sent from this page (page-writes.ts): the live stream learns who the reader is. */
  contributed(): void {
    this.live.identify();
  }

  setParticipation(participation: Participation): void {
    this.participation = participation;
    this.notify('participation');
  }

  async refreshParticipation(): Promise<void> {
    try {
      this.setParticipation(await this.backend.getParticipation(this.consultationId));
    } catch {
      // Participation is a nicety for display; the next write answers with a fresh one.
    }
  }

  notify(reason: ChangeReason): void {
    this.dispatchEvent(new CustomEvent<SessionChangeDetail>('change', { detail: { reason } }));
  }

  private async fetchAll(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.notify('status');
    try {
      const [consultation, offset] = await Promise.all([this.backend.getConsultation(this.consultationId), this.measureClock()]);
      this.consultation = consultation;
      this.clockOffset = offset;
      this.phaseState = phaseStateAt(consultation.phases, this.now());
      this.status = 'ready';
      this.watchVisibility();
      this.schedulePhaseTimer();
      this.notify('status');
      void this.refreshParticipation();
      this.live.start();
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
    this.phaseTimer?.();
    this.phaseTimer = undefined;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const state = this.phaseState;
    if (state.kind === 'empty' || state.kind === 'closed') return;
    this.phaseTimer = startTimer(state.until + 1, () => {
      this.phaseTimer = undefined;
      this.refreshPhase();
    });
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
