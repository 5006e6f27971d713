/**
 * GET /consultations/{id}/live: the consultation's changes as server-sent events (issue 23). Resumes
 * after `Last-Event-ID` (header, or `lastEventId` in the query for clients that cannot set it); a
 * participant's token (optional) adds the decisions on their own contributions. Never compressed nor
 * buffered by a proxy (`no-transform`, `X-Accel-Buffering: no`); a comment line keeps it alive.
 */
import type { Hono } from 'hono';
import type { AppContext, Env } from '../context.js';
import { currentParticipant } from '../http/auth.js';
import { fail } from '../http/problem.js';
import { C, type JsonHeader, type RouteDoc } from '../openapi/route-doc.js';
import type { LiveSink } from './hub.js';

/**
 * The consultation read's answer header giving the live position when it was read: a page's first
 * stream resumes after it (`?lastEventId=`), so a change committed between its first reads and the
 * stream's start is sent, not lost (at worst a change already read comes again: every event is idempotent).
 */
export const LIVE_ID_HEADER = 'X-Live-Id';
export const LIVE_ID_DOC: Record<string, JsonHeader> = {
  [LIVE_ID_HEADER]: {
    description:
      'The live position when this was read: open the first live stream (`GET /consultations/{id}/live`) with it as `Last-Event-ID` (or `?lastEventId=`) so that no change made after this read is missed.',
    schema: { type: 'string', pattern: '^\\d{1,15}$' },
  },
};

/** A stream whose reader stops reading is closed past this much unsent text (it resumes later). */
const MAX_UNSENT = 256 * 1024;

export const LIVE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;

/** A Last-Event-ID this server gave (a sequence number), else null: the stream then starts from now. */
export function parseLastEventId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

export function liveRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/live', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const participant = await currentParticipant(ctx, c).catch(() => null);
    const lastEventId = parseLastEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    const hub = ctx.live;
    const address = ctx.clientIp(c);
    if (!hub.admit(address)) {
      fail('rate-limited', 'Too many open streams from this address', {
        retryAfter: 30,
        detail: `At most ${hub.settings.streamsPerAddress} streams per address; close one, or poll`,
      });
    }
    const encoder = new TextEncoder();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let open = true;
    let detach: (() => void) | null = null;
    const finish = () => {
      if (!open) return;
      open = false;
      detach?.();
      hub.release(address);
    };
    const body = new ReadableStream<Uint8Array>({
      start: (ctl) => {
        controller = ctl;
      },
      cancel: finish,
    });
    const sink: LiveSink = {
      consultation,
      participantId: participant?.id ?? null,
      write(text) {
        if (!open) return false;
        if ((controller.desiredSize ?? 0) < -MAX_UNSENT) {
          sink.close();
          return false;
        }
        controller.enqueue(encoder.encode(text));
        return true;
      },
      close() {
        if (!open) return;
        finish();
        try {
          controller.close();
        } catch {
          // Already cancelled by the client.
        }
      },
    };
    c.env?.outgoing?.once('close', () => sink.close());
    sink.write(`retry: 2000\n: ${hub.settings.heartbeatMs} ms heartbeat\n\n`);
    try {
      detach = await hub.open(consultation.id, sink, lastEventId);
    } catch (error) {
      sink.close();
      throw error;
    }
    if (!open) detach();
    // A Headers object of its own: the middlewares around (CORS, nosniff) add theirs to it.
    return new Response(body, { status: 200, headers: new Headers(LIVE_HEADERS) });
  });
}

/** The OpenAPI description of this route (server/openapi/document.ts). */
export const LIVE_DOCS: RouteDoc[] = [
  {
    id: 'liveChanges',
    method: 'get',
    path: `${C}/live`,
    tag: 'Consultations',
    summary: 'Live changes (server-sent events)',
    description: [
      'A `text/event-stream` of the consultation’s changes, ids and counts only: `tally` {proposalId, tally} (at most one per proposal a second),',
      '`proposal` {id, status} (published, or no longer), `consultation` {} (read it again: a phase moved), `mine` {target, status} (a moderation',
      'decision on one of the bearer’s own contributions), `count` {target, kind, count}, `reset` {} (read everything again), and `ready` once',
      'caught up. Every event has an `id`: send the last one back as `Last-Event-ID` (or `?lastEventId=`) to resume with nothing missed and',
      'nothing twice. A comment line every 20 s keeps proxies from closing it. At most 16 open streams per address and process (429).',
    ].join(' '),
    auth: 'optional-participant',
    ok: { status: 200, description: 'The stream', contentType: 'text/event-stream' },
    refusals: { 'rate-limited': 'too many streams open from this address' },
  },
];
