/**
 * The machinery of the live feed (issue 23), loaded once the consultation is shown (live.ts keeps the
 * state elements read, and imports this on demand so that no page waits for it): ONE stream (the
 * backend's `openLive`) when the backend can hold one, else polling (live-poll.ts); closed while the
 * page is hidden and reopened when shown, resuming after the last id (so it catches up); a stream that
 * keeps failing before it is ready (a proxy that breaks it) gives way to polling.
 *
 * What a change does: a tally goes to the vote store (never over a vote in flight); a published
 * proposal joins `fresh` (the list offers "N new proposals — show"); a consultation change replaces the
 * consultation (the countdown follows a moved phase); a decision on the reader's own contribution
 * refreshes their participation. Elements hear `live` (or `tally`, `phase`) from the session.
 */
import { startTimer } from '../core/async.js';
import type { LiveSubscription } from '../core/backend.js';
import type { LiveChange } from '../core/live.js';
import type { Consultation } from '../core/schemas.js';
import { pollChanges, type PollMemory } from './live-poll.js';
import type { LiveHost } from './live-host.js';
import type { LiveState, VisibilitySource } from './live.js';

export class LiveEngine {
  private visibility: VisibilitySource | null = null;
  private started = false;
  private subscription: LiveSubscription | null = null;
  private cancelTimer: (() => void) | null = null;
  private failures = 0;
  private ready = false;
  private readonly memory: PollMemory = { seen: null };
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(
    private readonly host: LiveHost,
    private readonly state: LiveState,
  ) {}

  start(visibility: VisibilitySource | null): void {
    this.stop();
    this.started = true;
    this.visibility = visibility;
    visibility?.addEventListener('visibilitychange', this.onVisibility);
    this.visibilityChanged();
  }

  stop(): void {
    this.started = false;
    this.visibility?.removeEventListener('visibilitychange', this.onVisibility);
    this.pause();
  }

  /** Polls at once (the polling timer does it on its own); resolves when the poll is done. */
  async pollNow(): Promise<void> {
    const changes = await pollChanges(this.host, this.memory).catch(() => [] as LiveChange[]);
    for (const change of changes) this.apply(change);
    this.state.polls++;
  }

  /** A held stream is closed and opened again at once, resuming after the last id (the reader's identity changed). */
  reopen(): void {
    if (!this.started || this.state.mode !== 'stream' || !this.subscription) return;
    this.subscription.close();
    this.subscription = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.openStream();
  }

  /** Applies one change, whichever way it came. */
  apply(change: LiveChange): void {
    const host = this.host;
    switch (change.type) {
      case 'tally':
        host.votes.seed([change.tally]);
        return;
      case 'proposal': {
        const at = this.state.fresh.indexOf(change.id);
        if (change.status === 'published' && at < 0 && !host.writes.publishedHere().some((p) => p.id === change.id))
          this.state.fresh.push(change.id);
        if (change.status !== 'published' && at >= 0) this.state.fresh.splice(at, 1);
        host.notify('live');
        return;
      }
      case 'consultation':
        void this.reloadConsultation();
        return;
      case 'mine':
        this.state.decisions.push({ target: change.target, status: change.status });
        void host.refreshParticipation();
        host.notify('live');
        return;
      case 'count':
        this.state.counts.set(`${change.kind} ${change.target}`, change.count);
        host.notify('live');
        return;
      case 'reset':
        void this.reloadConsultation();
        void host.refreshParticipation();
        return;
    }
  }

  private async reloadConsultation(known?: Consultation): Promise<void> {
    try {
      this.host.replaceConsultation(known ?? (await this.host.backend.getConsultation(this.host.consultationId)));
    } catch {
      // The next change or poll tries again.
    }
  }

  private visibilityChanged(): void {
    if (!this.started) return;
    if (this.visibility?.visibilityState === 'hidden') this.pause();
    else if (this.state.mode === 'off') this.resume();
  }

  /** Nothing open, nothing scheduled. */
  private pause(): void {
    this.subscription?.close();
    this.subscription = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.state.mode = 'off';
  }

  private resume(): void {
    const open = this.host.backend.openLive;
    if (open && !this.state.polling) this.openStream();
    else this.poll();
  }

  private openStream(): void {
    this.state.mode = 'stream';
    this.ready = false;
    const subscription = this.host.backend.openLive!(this.host.consultationId, this.state.lastId, {
      change: (change, id) => {
        if (this.subscription !== subscription) return;
        if (id !== null) this.state.lastId = id;
        this.apply(change);
      },
      ready: (id) => {
        if (this.subscription !== subscription) return;
        if (id !== null) this.state.lastId = id;
        this.ready = true;
        this.failures = 0;
        this.cancelTimer?.();
        this.cancelTimer = null;
      },
      lost: (_error, fatal) => {
        if (this.subscription !== subscription) return;
        this.lost(fatal);
      },
    });
    this.subscription = subscription;
    this.cancelTimer = startTimer(this.state.timing.readyMs, () => {
      this.cancelTimer = null;
      if (this.subscription === subscription && !this.ready) this.lost(false);
    });
  }

  private lost(fatal: boolean): void {
    this.subscription?.close();
    this.subscription = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (!this.ready) this.failures++;
    if (fatal || this.failures >= this.state.timing.failuresBeforePolling) {
      this.state.polling = true;
      this.poll();
      return;
    }
    const wait = Math.min(this.state.timing.reconnectMaxMs, this.state.timing.reconnectMs * 2 ** Math.max(0, this.failures - 1));
    this.state.mode = 'stream';
    this.cancelTimer = startTimer(wait, () => {
      this.cancelTimer = null;
      this.openStream();
    });
  }

  /** Polls now, then every `pollMs` while visible. */
  private poll(): void {
    this.state.mode = 'polling';
    const tick = () => {
      this.cancelTimer = null;
      void this.pollNow().finally(() => {
        if (this.state.mode === 'polling' && !this.cancelTimer) this.cancelTimer = startTimer(this.state.timing.pollMs, tick);
      });
    };
    tick();
  }
}
