/**
 * The live hub of one server process (issue 23). It holds the open streams by consultation, listens
 * for the database's notifications on ONE connection (`pgo_live`; PGlite: in-process), and on each one
 * reads the changed topics ONCE for all the streams of that consultation, then writes them to each.
 *
 * Coalescing: a consultation's changes are read at most once per `intervalMs` (a notification within
 * the interval only marks it dirty), and each read returns every changed topic once, in its latest
 * state: so a stream gets at most one message per proposal per interval, however many votes arrive.
 * Event ids are the change log's sequence numbers, which follow commit order (migration 080): a stream
 * that received id n has received every change <= n it may see, and resumes after n.
 */
import type { Consultation } from '../../src/core/schemas.js';
import type { LiveChange } from '../../src/core/live.js';
import { liveEventData } from '../../src/core/live.js';
import type { Db } from '../db/db.js';
import { changesSince, horizon, visibleChange, type ChangeRow } from './changes.js';

export interface LiveSettings {
  /** A consultation's changes are read (and sent) at most once per this many ms. */
  intervalMs: number;
  /** A comment line every this many ms keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Open streams per client address, per process (429 beyond). */
  streamsPerAddress: number;
}
export const DEFAULT_LIVE: LiveSettings = { intervalMs: 1000, heartbeatMs: 20_000, streamsPerAddress: 16 };

/** Time and timers, injectable so that tests move time themselves instead of waiting for it. */
export interface LiveClock {
  now(): number;
  after(ms: number, run: () => void): () => void;
}
export const REAL_CLOCK: LiveClock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/** One open stream: its reader, and where its text goes (`write` returns false once it is closed). */
export interface LiveSink {
  consultation: Consultation;
  participantId: string | null;
  write(text: string): boolean;
  close(): void;
}

interface Reader {
  sink: LiveSink;
  /** The highest sequence number this stream has been given (or told to skip). */
  lastSent: number;
  /** Rows that arrived while the stream was catching up. */
  held: ChangeRow[] | null;
}

interface Channel {
  id: string;
  readers: Set<Reader>;
  ready: Promise<void>;
  /** Every committed change <= cursor has been read. */
  cursor: number;
  dirty: boolean;
  reading: boolean;
  lastRead: number;
  cancelTimer: (() => void) | null;
}

export const LIVE_CHANNEL = 'pgo_live';

export function sseMessage(id: number, change: LiveChange): string {
  return `id: ${id}\nevent: ${change.type}\ndata: ${liveEventData(change)}\n\n`;
}

export class LiveHub {
  readonly settings: LiveSettings;
  private readonly channels = new Map<string, Channel>();
  private readonly addresses = new Map<string, number>();
  private listening: Promise<() => Promise<void>> | null = null;
  private cancelHeartbeat: (() => void) | null = null;
  private closed = false;
  /** Reads of the change log made (one per consultation and interval, whatever the number of streams). */
  reads = 0;

  constructor(
    private readonly db: Db,
    settings: Partial<LiveSettings> = {},
    private readonly clock: LiveClock = REAL_CLOCK,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.settings = { ...DEFAULT_LIVE, ...settings };
  }

  /** Counts one more stream for `address`; false (and nothing counted) at the bound. */
  admit(address: string): boolean {
    const open = this.addresses.get(address) ?? 0;
    if (open >= this.settings.streamsPerAddress) return false;
    this.addresses.set(address, open + 1);
    return true;
  }

  release(address: string): void {
    const open = (this.addresses.get(address) ?? 1) - 1;
    if (open > 0) this.addresses.set(address, open);
    else this.addresses.delete(address);
  }

  get openStreams(): number {
    let n = 0;
    for (const channel of this.channels.values()) n += channel.readers.size;
    return n;
  }

  /**
   * Attaches a stream: sends what changed after `lastEventId` (or, without one, only where it starts),
   * then every later change. Resolves to the function that detaches it.
   */
  async open(consultationId: string, sink: LiveSink, lastEventId: number | null): Promise<() => void> {
    this.listening ??= this.db.listen(
      LIVE_CHANNEL,
      (payload) => this.notify(payload),
      () => this.notifyAll(),
    );
    await this.listening;
    const channel = this.channel(consultationId);
    await channel.ready;
    const floor = channel.cursor;
    const reader: Reader = { sink, lastSent: lastEventId ?? floor, held: [] };
    channel.readers.add(reader);
    this.heartbeat();
    const detach = () => {
      channel.readers.delete(reader);
      if (!channel.readers.size && this.channels.get(consultationId) === channel) {
        channel.cancelTimer?.();
        this.channels.delete(consultationId);
      }
    };
    try {
      let reset = false;
      if (lastEventId !== null && lastEventId < floor)
        this.deliver(reader, await changesSince(this.db, consultationId, lastEventId, floor));
      else if (lastEventId !== null && lastEventId > floor) reset = lastEventId > (await this.maxSeq(consultationId));
      if (reset) {
        reader.lastSent = floor;
        sink.write(sseMessage(floor, { type: 'reset' }));
      }
      const held = reader.held ?? [];
      reader.held = null;
      this.deliver(reader, held);
      sink.write(`id: ${Math.max(reader.lastSent, floor)}\nevent: ready\ndata: {}\n\n`);
      reader.lastSent = Math.max(reader.lastSent, floor);
    } catch (error) {
      detach();
      throw error;
    }
    return detach;
  }

  /**
   * The consultation's live position for a page's first reads (`X-Live-Id`): every change up to it is
   * committed and seen by a read made after this call, so a first stream resuming after it misses nothing.
   * An open channel's cursor (no query; it may lag by one interval: only replays more), else the log's last.
   */
  async position(consultationId: string): Promise<number> {
    const channel = this.channels.get(consultationId);
    if (
      channel &&
      (await channel.ready.then(
        () => true,
        () => false,
      ))
    )
      return channel.cursor;
    return this.maxSeq(consultationId);
  }

  /** A notification: the consultation's streams read the log again, at most once per interval. */
  notify(consultationId: string): void {
    const channel = this.channels.get(consultationId);
    if (!channel) return;
    channel.dirty = true;
    this.schedule(channel);
  }

  /** After the listening connection was lost: anything may have changed. */
  notifyAll(): void {
    for (const id of this.channels.keys()) this.notify(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelHeartbeat?.();
    for (const channel of this.channels.values()) {
      channel.cancelTimer?.();
      for (const reader of channel.readers) reader.sink.close();
    }
    this.channels.clear();
    const stop = await this.listening?.catch(() => null);
    await stop?.();
  }

  private channel(id: string): Channel {
    let channel = this.channels.get(id);
    if (channel) return channel;
    const created: Channel = {
      id,
      readers: new Set(),
      ready: Promise.resolve(),
      cursor: 0,
      dirty: false,
      reading: false,
      lastRead: -Infinity,
      cancelTimer: null,
    };
    created.ready = this.maxSeq(id).then((max) => {
      created.cursor = max;
    });
    created.ready.catch(() => this.channels.get(id) === created && this.channels.delete(id));
    this.channels.set(id, (channel = created));
    return channel;
  }

  /** The consultation's horizon: every change numbered up to it is committed (migration 102). */
  private maxSeq(consultationId: string): Promise<number> {
    return horizon(this.db, consultationId);
  }

  private schedule(channel: Channel): void {
    if (channel.reading || channel.cancelTimer || this.closed) return;
    const wait = channel.lastRead + this.settings.intervalMs - this.clock.now();
    if (wait <= 0) void this.read(channel);
    else
      channel.cancelTimer = this.clock.after(wait, () => {
        channel.cancelTimer = null;
        void this.read(channel);
      });
  }

  private async read(channel: Channel): Promise<void> {
    channel.reading = true;
    channel.dirty = false;
    channel.lastRead = this.clock.now();
    try {
      await channel.ready;
      this.reads++;
      // Up to the horizon, where every lower number is committed (migration 102), and from it next time.
      const upTo = await horizon(this.db, channel.id);
      const rows = await changesSince(this.db, channel.id, channel.cursor, upTo);
      channel.cursor = Math.max(channel.cursor, upTo);
      for (const reader of channel.readers) {
        if (reader.held) reader.held.push(...rows);
        else this.deliver(reader, rows);
      }
    } catch (error) {
      // The database is busy or away: try again at the next interval.
      channel.dirty = true;
      this.log(`live: reading changes of ${channel.id} failed: ${(error as Error).message}`);
    } finally {
      channel.reading = false;
      if (channel.dirty && this.channels.get(channel.id) === channel) this.schedule(channel);
    }
  }

  private deliver(reader: Reader, rows: ChangeRow[]): void {
    const { sink } = reader;
    const now = this.clock.now();
    for (const row of rows) {
      if (row.seq <= reader.lastSent) continue;
      reader.lastSent = row.seq;
      const change = visibleChange(sink.consultation, row, sink.participantId, now);
      if (change && !sink.write(sseMessage(row.seq, change))) return;
    }
  }

  /** One timer for every stream of the process. */
  private heartbeat(): void {
    if (this.cancelHeartbeat || this.closed) return;
    this.cancelHeartbeat = this.clock.after(this.settings.heartbeatMs, () => {
      this.cancelHeartbeat = null;
      if (!this.openStreams) return;
      for (const channel of this.channels.values()) for (const reader of channel.readers) reader.sink.write(': keep-alive\n\n');
      this.heartbeat();
    });
  }
}
