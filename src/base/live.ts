/**
 * The page's live feed of one consultation (issue 23), owned by the session and shared by every element:
 * the state elements read (`fresh` proposals, `decisions`, `counts`, the `mode`), and the switch. The
 * machinery (a stream, or polling where none can be held: live-engine.ts) is imported when the session
 * starts it, once the consultation is shown: no page waits for it to render.
 */
import { loadOnce } from '../core/async.js';
import type { LiveEngine } from './live-engine.js';
import type { LiveHost } from './live-host.js';

export type { LiveHost } from './live-host.js';

/** Where the page says it is hidden (the document; tests may give their own). */
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
export const LIVE_TIMING: LiveTiming = {
  pollMs: 15_000,
  reconnectMs: 1000,
  reconnectMaxMs: 30_000,
  readyMs: 15_000,
  failuresBeforePolling: 3,
};

export type LiveMode = 'off' | 'stream' | 'polling';

/** What the feed knows; the engine writes it, elements read it. */
export interface LiveState {
  mode: LiveMode;
  polling: boolean;
  timing: LiveTiming;
  readonly fresh: string[];
  readonly decisions: { target: string; status: string }[];
  readonly counts: Map<string, number>;
  lastId: string | null;
  polls: number;
}

export class LiveFeed implements LiveState {
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

  /** How the engine's module arrives (imported when first needed; tests pass one that fails, as offline). */
  loadEngine: () => Promise<typeof import('./live-engine.js')> = () => import('./live-engine.js');
  private readonly engine = loadOnce(() => this.loadEngine().then(({ LiveEngine }) => (this.loaded = new LiveEngine(this.host, this))));
  private loaded: LiveEngine | null = null;
  private visibility: VisibilitySource | null = typeof document === 'undefined' ? null : document;
  private running = false;

  constructor(private readonly host: LiveHost) {}

  /** Starts once the consultation has loaded (the session calls it); idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startEngine(this.visibility);
  }

  stop(): void {
    this.running = false;
    this.loaded?.stop();
  }

  /** Tests (and hosts with their own notion of "shown") pass where visibility comes from. */
  watch(source: VisibilitySource | null): void {
    this.visibility = source;
    if (this.running) this.startEngine(source);
  }

  /** The page shows the fresh proposals now: they are no longer new. */
  takeFresh(): string[] {
    const taken = this.fresh.splice(0);
    this.host.notify('live');
    return taken;
  }

  /**
   * The page just sent a contribution: the reader may now be a participant the stream did not know, so it
   * reopens (resuming after its last id) and carries who they are: decisions on it reach them.
   */
  identify(): void {
    if (this.running) this.loaded?.reopen();
  }

  /** Polls at once (the polling timer does it on its own); resolves when the poll is done. */
  async pollNow(): Promise<void> {
    await (await this.engine()).pollNow();
  }

  /** Offline, the engine's module may not load: no script error, and the feed tries again once back online. */
  private startEngine(source: VisibilitySource | null): void {
    this.engine().then(
      (engine) => this.running && engine.start(source),
      () => globalThis.addEventListener?.('online', () => this.running && this.startEngine(this.visibility), { once: true }),
    );
  }
}
