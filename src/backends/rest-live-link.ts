/**
 * The `rest` backend's side of the live feed that every page carries (issue 23): where a page's first
 * stream starts, and the stream itself imported on demand (rest-live.ts). The consultation read answers
 * with the live position when it was read (`X-Live-Id`); the first stream resumes after it, so a change
 * committed between the page's first reads and the stream's start still reaches the page.
 */
import type { LiveHandlers, LiveSubscription } from '../core/backend.js';
import { backendError } from '../core/errors.js';

export interface RestLiveOptions {
  url: (consultationId: string) => string;
  /** The participant's token when there is one (never created just to listen). */
  token: (consultationId: string) => Promise<string | null>;
  fetch: typeof fetch;
  /** How the stream's module arrives (tests pass one that fails, as offline). */
  load?: () => Promise<typeof import('./rest-live.js')>;
}

export class RestLiveLink {
  /** The position of each consultation's first read. */
  private readonly positions = new Map<string, string>();

  constructor(private readonly options: RestLiveOptions) {}

  /** The consultation read's answer headers: the first position is kept (a later read would leave a gap; an older one only replays more). */
  saw(consultationId: string, headers: Headers): void {
    const position = headers.get('x-live-id');
    if (position && /^\d{1,15}$/.test(position) && !this.positions.has(consultationId)) this.positions.set(consultationId, position);
  }

  /** A stream resuming after `since`, or (the page's first) after its first read. */
  open(consultationId: string, since: string | null, handlers: LiveHandlers): LiveSubscription {
    const { url, token, fetch, load = () => import('./rest-live.js') } = this.options;
    const from = since ?? this.positions.get(consultationId) ?? null;
    // Imported when first needed: a page renders without it. Offline, the import fails like a stream that
    // cannot open: the session tries again later (never an unhandled rejection, a script error on the page).
    let subscription: LiveSubscription | null = null;
    let closed = false;
    load().then(
      ({ openRestLive }) => {
        if (!closed)
          subscription = openRestLive({ url: url(consultationId), token: () => token(consultationId), since: from, fetch }, handlers);
      },
      (error: unknown) => {
        if (!closed)
          handlers.lost(backendError('network', error instanceof Error ? error.message : 'The live stream could not load'), false);
      },
    );
    return {
      close() {
        closed = true;
        subscription?.close();
      },
    };
  }
}
