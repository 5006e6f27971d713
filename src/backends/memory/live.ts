/**
 * The memory backend's live stream (issue 23), in-process: its own writes and the changes a test or a
 * demo makes "from another window" (`voteFrom`, `publishFrom`, `moveConsultation`) reach every open
 * stream, with ids to resume after a drop. `streams` counts the open ones (a hidden page holds none);
 * `broken` plays a proxy that breaks streams (the session then polls).
 */
import type { LiveHandlers, LiveSubscription } from '../../core/backend.js';
import { backendError } from '../../core/errors.js';
import type { LiveChange } from '../../core/live.js';

interface Subscriber {
  consultationId: string;
  handlers: LiveHandlers;
}

export class MemoryLive {
  /** While true, no stream can be held: opening one fails for good, as behind a proxy that buffers. */
  broken = false;
  private readonly open = new Set<Subscriber>();
  private readonly log: { id: number; consultationId: string; change: LiveChange }[] = [];
  private seq = 0;

  /** The streams open now. */
  get streams(): number {
    return this.open.size;
  }

  openLive(consultationId: string, since: string | null, handlers: LiveHandlers): LiveSubscription {
    const subscriber: Subscriber = { consultationId, handlers };
    if (this.broken) {
      queueMicrotask(() => handlers.lost(backendError('unsupported', 'No stream can be held here'), true));
      return { close() {} };
    }
    this.open.add(subscriber);
    queueMicrotask(() => {
      if (!this.open.has(subscriber)) return;
      const after = since === null ? this.seq : Number(since);
      for (const entry of this.log)
        if (entry.id > after && entry.consultationId === consultationId) handlers.change(entry.change, String(entry.id));
      handlers.ready(String(this.seq));
    });
    return { close: () => this.open.delete(subscriber) };
  }

  emit(consultationId: string, change: LiveChange): void {
    const id = ++this.seq;
    this.log.push({ id, consultationId, change });
    if (this.log.length > 1000) this.log.shift();
    for (const subscriber of [...this.open])
      if (subscriber.consultationId === consultationId) subscriber.handlers.change(change, String(id));
  }

  /** Every open stream drops, as when a connection is cut. */
  drop(): void {
    const dropped = [...this.open];
    this.open.clear();
    for (const subscriber of dropped) subscriber.handlers.lost(backendError('network', 'The stream was cut'), false);
  }
}
