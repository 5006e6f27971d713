/**
 * The page's live feed of one consultation (issue 23), owned by the session and shared by every element:
 * ONE stream (the backend's `openLive`) when the backend can hold one, else polling (live-poll.ts) at a
 * sensible pace; elements read the same session either way. The stream is closed while the page is
 * hidden and reopened when it is shown, resuming after the last id it had (so it catches up). A stream
 * that keeps failing before it is ready (a proxy that breaks it) gives way to polling.
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

export type { LiveHost } from './live-host.js';

/** Where the page says it is hidden (the document; tests give their own). */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export interface LiveTiming {
  /** Between two polls while the page is visible (no stream), ms. */
  pollMs: number;
  /** First wait before reopening a dropped stream, ms (doubled at each failure, at most `reconnectMaxMs`). */
  reconnectMs: number;
  reconnectMaxMs: number;
  /** A stream not ready this long after opening is taken as broken (a buffering proxy), ms. */
  readyMs: number;
  /** Failures in a row, before any `ready`, after which the session polls instead. */
  failuresBeforePolling: number;
}
export const LIVE_TIMING: LiveTiming = { pollMs: 15_000, reconnectMs: 1000, reconnectMaxMs: 30_000, readyMs: 15_000, failuresBeforePolling: 3 };

export type LiveMode = 'off' | 'stream' | 'polling';

export class LiveFeed {
  /** How changes arrive: a stream, polling, or not at all (not started, or the page hidden). */
  mode: LiveMode = 'off';
  /** True once a stream was given up for polling (it stays so for the page's life). */
  polling = false;
  timing: LiveTiming = { ...LIVE_TIMING };
  /** Published proposals the page has not shown yet, oldest first. */
  readonly fresh: string[] = [];
  /** Decisions on the reader's own contributions, in order (`proposal:p-1` → `published`). */
  readonly decisions: { target: string; status: string }[] = [];
  /** Counts under targets (`count` changes: comments of a proposal...), by `kind target`. */
  readonly counts = new Map<string, number>();
  /** The last stream id received: a reopened stream resumes after it. */
  lastId: string | null = null;
  /** Polls completed (tests wait for the first one). */
  polls = 0;

  private visibility: VisibilitySource | null = typeof document === 'undefined' ? null : document;
  private started = false;
  private subscription: LiveSubscription | null = null;
  private cancelTimer: (() => void) | null = null;
  private failures = 0;
  private ready = false;
  private readonly memory: PollMemory = { seen: null };
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(private readonly host: LiveHost) {}

  /** Starts once the consultation has loaded (the session calls it); idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.visibility?.addEventListener('visibilitychange', this.onVisibility);
    this.visibilityChanged();
  }

  stop(): void {
    this.started = false;
    this.visibility?.removeEventListener('visibilitychange', this.onVisibility);
    this.pause();
  }

  /** Tests (and hosts with their own notion of "shown") pass where visibility comes from. */
  watch(source: VisibilitySource | null): void {
    this.visibility?.removeEventListener('visibilitychange', this.onVisibility);
    this.visibility = source;
    if (this.started) {
      source?.addEventListener('visibilitychange', this.onVisibility);
      this.visibilityChanged();
    }
  }

  /** The page shows the fresh proposals now: they are no longer new. */
  takeFresh(): string[] {
    return this.fresh.splice(0);
  }

  /** Polls at once (the polling timer does it on its own); resolves when the poll is done. */
  async pollNow(): Promise<void> {
    const changes = await pollChanges(this.host, this.memory).catch(() => [] as LiveChange[]);
    for (const change of changes) this.apply(change);
    this.polls++;
  }

  /** Applies one change, whichever way it came. */
  apply(change: LiveChange): void {
    const host = this.host;
    switch (change.type) {
      case 'tally':
        host.votes.seed([change.tally]);
        return;
      case 'proposal': {
        const at = this.fresh.indexOf(change.id);
        if (change.status === 'published' && at < 0 && !host.writes.publishedHere().some((p) => p.id === change.id)) this.fresh.push(change.id);
        if (change.status !== 'published' && at >= 0) this.fresh.splice(at, 1);
        host.notify('live');
        return;
      }
      case 'consultation':
        void this.reloadConsultation();
        return;
      case 'mine':
        this.decisions.push({ target: change.target, status: change.status });
        void host.refreshParticipation();
        host.notify('live');
        return;
      case 'count':
        this.counts.set(`${change.kind} ${change.target}`, change.count);
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
    else if (this.mode === 'off') this.resume();
  }

  /** Nothing open, nothing scheduled. */
  private pause(): void {
    this.subscription?.close();
    this.subscription = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.mode = 'off';
  }

  private resume(): void {
    const open = this.host.backend.openLive;
    if (open && !this.polling) this.openStream();
    else this.poll();
  }

  private openStream(): void {
    this.mode = 'stream';
    this.ready = false;
    const subscription = this.host.backend.openLive!(this.host.consultationId, this.lastId, {
      change: (change, id) => {
        if (this.subscription !== subscription) return;
        if (id !== null) this.lastId = id;
        this.apply(change);
      },
      ready: (id) => {
        if (this.subscription !== subscription) return;
        if (id !== null) this.lastId = id;
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
    this.cancelTimer = startTimer(this.timing.readyMs, () => {
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
    if (fatal || this.failures >= this.timing.failuresBeforePolling) {
      this.polling = true;
      this.poll();
      return;
    }
    const wait = Math.min(this.timing.reconnectMaxMs, this.timing.reconnectMs * 2 ** Math.max(0, this.failures - 1));
    this.mode = 'stream';
    this.cancelTimer = startTimer(wait, () => {
      this.cancelTimer = null;
      this.openStream();
    });
  }

  /** Polls now, then every `pollMs` while visible. */
  private poll(): void {
    this.mode = 'polling';
    const tick = () => {
      this.cancelTimer = null;
      void this.pollNow().finally(() => {
        if (this.mode === 'polling' && !this.cancelTimer) this.cancelTimer = startTimer(this.timing.pollMs, tick);
      });
    };
    tick();
  }
}
