/**
 * The `rest` backend's live stream (issue 23): `GET /consultations/{id}/live` read with `fetch` rather
 * than `EventSource`, so that it carries the participant's token in a header (never in a URL) and the
 * resume point in `Last-Event-ID`. One connection per call; reconnecting is the session's choice
 * (src/base/live.ts). An answer that is not an event stream (a proxy's page, a server without the
 * route) is fatal: the session polls instead.
 */
import type { LiveHandlers, LiveSubscription } from '../core/backend.js';
import { backendError, BackendError } from '../core/errors.js';
import { parseLiveEvent } from '../core/live.js';
import { SseParser } from '../core/sse.js';
import { problemFrom } from './http.js';

export interface RestLiveRequest {
  url: string;
  /** The participant's token when there is one (never created just to listen). */
  token: () => Promise<string | null>;
  since: string | null;
  fetch: typeof fetch;
}

export function openRestLive(request: RestLiveRequest, handlers: LiveHandlers): LiveSubscription {
  const abort = new AbortController();
  let done = false;
  const lost = (error: BackendError, fatal: boolean) => {
    if (done) return;
    done = true;
    handlers.lost(error, fatal);
  };
  void (async () => {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    const token = await request.token();
    if (done) return;
    if (token) headers.authorization = `Bearer ${token}`;
    // The resume point in the query (`Last-Event-ID` would cost an anonymous reader a CORS preflight).
    const url = request.since ? `${request.url}?lastEventId=${encodeURIComponent(request.since)}` : request.url;
    const response = await request.fetch(url, { headers, signal: abort.signal, credentials: 'omit', mode: 'cors', cache: 'no-store' });
    if (!response.ok) {
      const error = problemFrom(response, await response.text().catch(() => ''));
      // Too many streams, or the server busy: try again later. Anything else will not get better.
      lost(error, !['rate-limited', 'server'].includes(error.code));
      return;
    }
    if (!/^text\/event-stream/.test(response.headers.get('content-type') ?? '') || !response.body) {
      lost(backendError('unsupported', 'The server did not answer with an event stream'), true);
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      parser.push(decoder.decode(value, { stream: true }), (message) => {
        if (done) return;
        if (message.event === 'ready') handlers.ready(message.id);
        else {
          const change = parseLiveEvent(message.event, message.data);
          if (change) handlers.change(change, message.id);
        }
      });
    }
    lost(backendError('network', 'The stream ended'), false);
  })().catch((error: unknown) => {
    if (abort.signal.aborted) return;
    lost(
      error instanceof BackendError ? error : backendError('network', error instanceof Error ? error.message : 'The stream failed'),
      false,
    );
  });
  return {
    close() {
      done = true;
      abort.abort();
    },
  };
}
