/**
 * A parser of `text/event-stream` (the HTML standard's event-stream interpretation): text in, whole
 * messages out. Used where a stream is read with `fetch` (so that it can carry a bearer token) rather
 * than `EventSource`, and by the tests.
 */
export interface SseMessage {
  /** The last event id seen so far in the stream (ids carry over to later messages), or null. */
  id: string | null;
  event: string;
  data: string;
}

export class SseParser {
  private rest = '';
  private data: string[] = [];
  private event = '';
  private lastId: string | null = null;
  /** The server's `retry:` advice in ms, once it gave one. */
  retry: number | null = null;

  /** Feeds decoded text; calls `emit` for each complete message. */
  push(text: string, emit: (message: SseMessage) => void): void {
    let input = this.rest + text;
    // A trailing "\r" may be the first half of "\r\n": keep it with the unfinished line.
    const held = input.endsWith('\r') ? '\r' : '';
    if (held) input = input.slice(0, -1);
    const lines = input.split(/\r\n|\r|\n/);
    this.rest = (lines.pop() ?? '') + held;
    for (const line of lines) this.line(line, emit);
  }

  private line(line: string, emit: (message: SseMessage) => void): void {
    if (line === '') {
      if (this.data.length) emit({ id: this.lastId, event: this.event || 'message', data: this.data.join('\n') });
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
  }
}
