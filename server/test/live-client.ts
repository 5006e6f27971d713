/** A test reader of the live stream: fetch, parse, keep every message, wait for a condition. */
import { parseLiveEvent, type LiveChange } from '../../src/core/live.js';
import { SseParser, type SseMessage } from '../../src/core/sse.js';

export interface LiveReader {
  status: number;
  headers: Headers;
  /** Every message, in order (including `ready`). */
  messages: SseMessage[];
  /** The changes, in order. */
  changes(): LiveChange[];
  /** The last id received. */
  lastId(): string | null;
  /** Resolves once `test(messages)` holds (checked at each message); rejects if the stream ends first or after `limitMs`. */
  until(test: (messages: SseMessage[]) => boolean, what: string, limitMs?: number): Promise<void>;
  close(): void;
}

export async function openLive(
  base: string,
  consultation: string,
  options: { token?: string; lastEventId?: string | null; headers?: Record<string, string> } = {},
): Promise<LiveReader> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  const res = await fetch(`${base}/api/v1/consultations/${consultation}/live`, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const wake = () => waiters.forEach((w) => w());
  if (res.body) {
    const parser = new SseParser();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          parser.push(decoder.decode(chunk, { stream: true }), (m) => {
            messages.push(m);
            wake();
          });
        }
      } catch {
        // Aborted.
      }
      ended = true;
      wake();
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    messages,
    changes: () => messages.map((m) => parseLiveEvent(m.event, m.data)).filter((c): c is LiveChange => c !== null),
    lastId: () => messages.at(-1)?.id ?? null,
    until(test, what, limitMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (test(messages)) done(resolve);
          else if (ended) done(() => reject(new Error(`the stream ended before: ${what}`)));
        };
        // A safety net so that a broken stream fails the test instead of hanging it; never what a test asserts.
        const timer = setTimeout(
          () => done(() => reject(new Error(`not seen within ${limitMs} ms: ${what}; got ${JSON.stringify(messages.slice(-5))}`))),
          limitMs,
        );
        const done = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

/** The tally messages of one proposal. */
export const talliesOf = (reader: LiveReader, proposalId: string) =>
  reader.changes().filter((c): c is Extract<LiveChange, { type: 'tally' }> => c.type === 'tally' && c.proposalId === proposalId);
