/**
 * The live stream (issue 23), run on PGlite (in-process notifications) and on PostgreSQL (one LISTEN
 * connection): what a vote, a new proposal and a moderation decision send, to whom; headers that stop
 * compression and proxy buffering; resuming with Last-Event-ID (nothing missed, nothing twice); the
 * bound on streams per address. Nothing here waits for time: each step waits for a condition.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { listen } from '../http/listen.js';
import { recordChange } from '../live/changes.js';
import { seedConsultations } from '../setup/seed.js';
import { client, testConsultations, validDraft, type Call } from './helpers.js';
import { openLive, talliesOf, type LiveReader } from './live-client.js';

const ADMIN = 'live-admin-token-0123456789abcdef';
const OPEN = { writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 };

export function liveSuite(label: string, openDb: () => Promise<Db>): void {
  describe(`live stream on ${label}`, () => {
    let db: Db;
    let server: Server;
    let ctx: AppContext;
    let url: string;
    let call: Call;
    const readers: LiveReader[] = [];
    const live = async (...args: Parameters<typeof openLive> extends [string, ...infer R] ? R : never) => {
      const reader = await openLive(url, ...args);
      readers.push(reader);
      return reader;
    };
    const ready = (r: LiveReader) => r.until((m) => m.some((x) => x.event === 'ready'), 'ready');
    const token = async () => (await call('POST', '/participants')).body.token as string;

    before(async () => {
      db = await openDb();
      await migrate(db);
      const consultations = testConsultations();
      await seedConsultations(db, consultations);
      const created = createApp({ db, consultations, adminToken: ADMIN, limits: OPEN, live: { streamsPerAddress: 4 } });
      ctx = created.ctx;
      const listening = await listen(created.app, { port: 0, hostname: '127.0.0.1' });
      server = listening.server;
      url = `http://127.0.0.1:${listening.port}`;
      call = client(url);
    });
    after(async () => {
      readers.forEach((r) => r.close());
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        server?.closeAllConnections();
      });
      await ctx?.live.close();
      await db?.close();
    });

    it('is an uncompressed, unbuffered event stream that starts with its position', async () => {
      const reader = await live('open', { headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(reader.status, 200);
      assert.match(reader.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(reader.headers.get('content-encoding'), null);
      assert.match(reader.headers.get('cache-control') ?? '', /no-transform/);
      assert.equal(reader.headers.get('x-accel-buffering'), 'no');
      // Cross-origin, from a host page the consultation allows (the CORS headers once went missing on the stream).
      const hosted = await live('open', { headers: { origin: 'https://ville.example.fr' } });
      assert.equal(hosted.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
      hosted.close();
      await ready(reader);
      assert.match(reader.lastId() ?? '', /^\d+$/);
      reader.close();
      assert.equal((await call('GET', '/consultations/nope/live')).status, 404);
    });

    it('sends a vote’s tally to every reader, and a new proposal’s id and status without its text', async () => {
      const [a, b] = [await live('open'), await live('open')];
      await Promise.all([ready(a), ready(b)]);
      const voter = await token();
      const answer = await call('PUT', '/consultations/open/proposals/s1/vote', {
        token: voter,
        body: { choice: 'support' },
        key: 'live-1',
      });
      assert.equal(answer.status, 200);
      const total = answer.body.tally.total as number;
      for (const r of [a, b]) await r.until(() => talliesOf(r, 's1').some((t) => t.tally.total === total), `tally of s1 = ${total}`);
      const created = await call('POST', '/consultations/open/proposals', { token: voter, body: validDraft, key: 'live-2' });
      const id = created.body.proposal.id as string;
      await a.until((m) => m.some((x) => x.event === 'proposal' && JSON.parse(x.data).id === id), 'the new proposal');
      const message = a.messages.find((x) => x.event === 'proposal' && JSON.parse(x.data).id === id)!;
      assert.deepEqual(JSON.parse(message.data), { id, status: 'published' });
      a.close();
      b.close();
    });

    it('tells the author alone of a decision on their proposal; hidden counts send no tallies', async () => {
      const author = await token();
      const draft = {
        ...validDraft,
        categoryId: undefined,
        authorName: 'Camille',
        email: 'camille@example.fr',
        extra: { format: 'pitch' },
      };
      const created = await call('POST', '/consultations/hidden/proposals', { token: author, body: draft, key: 'live-3' });
      assert.equal(created.status, 201, created.text);
      const id = created.body.proposal.id as string;
      const mine = await live('hidden', { token: author });
      const other = await live('hidden', { token: await token() });
      await Promise.all([ready(mine), ready(other)]);
      assert.equal((await call('POST', `/admin/proposals/${id}/approve`, { token: ADMIN })).status, 200);
      await mine.until(
        () => mine.changes().some((c) => c.type === 'mine' && c.target === `proposal:${id}` && c.status === 'published'),
        'the decision',
      );
      await other.until(() => other.changes().some((c) => c.type === 'proposal' && c.id === id), 'the published proposal');
      // The stream is in order: once `other` has the proposal event, it would have had the private one before it.
      assert.equal(other.changes().filter((c) => c.type === 'mine').length, 0);
      await call('PUT', `/consultations/hidden/proposals/${id}/vote`, { token: author, body: { choice: 'interest' }, key: 'live-4' });
      await recordChange(db, 'hidden', 'consultation', 'consultation', null);
      await other.until(() => other.changes().some((c) => c.type === 'consultation'), 'the consultation change after the vote');
      assert.equal(other.changes().filter((c) => c.type === 'tally').length, 0, 'no tally while counts are hidden');
      mine.close();
      other.close();
    });

    it('resumes after a drop with Last-Event-ID: every change missed, each once, none already seen', async () => {
      const first = await live('open');
      await ready(first);
      const voter = await token();
      await call('PUT', '/consultations/open/proposals/s2/vote', { token: voter, body: { choice: 'support' }, key: 'live-5' });
      await first.until(() => talliesOf(first, 's2').length > 0, 'the first tally');
      const resumeFrom = first.lastId()!;
      first.close();
      // While away: a vote on s2 and s3, a vote withdrawn, a new proposal.
      const others = [await token(), await token()];
      await call('PUT', '/consultations/open/proposals/s2/vote', { token: others[0], body: { choice: 'support' }, key: 'live-6' });
      await call('PUT', '/consultations/open/proposals/s3/vote', { token: others[1], body: { choice: 'support' }, key: 'live-7' });
      await call('DELETE', '/consultations/open/proposals/s3/vote', { token: others[1], key: 'live-8' });
      const created = await call('POST', '/consultations/open/proposals', {
        token: others[0],
        body: { ...validDraft, title: 'Une autre proposition pendant la coupure' },
        key: 'live-9',
      });
      const s2 = (await call('GET', '/consultations/open/proposals/s2')).body.tally.total as number;
      const s3 = (await call('GET', '/consultations/open/proposals/s3')).body.tally.total as number;

      const resumed = await live('open', { lastEventId: resumeFrom });
      await ready(resumed);
      const changes = resumed.changes();
      assert.deepEqual(
        talliesOf(resumed, 's2').map((t) => t.tally.total),
        [s2],
        'the latest tally of s2, once',
      );
      assert.deepEqual(
        talliesOf(resumed, 's3').map((t) => t.tally.total),
        [s3],
        'the latest tally of s3, once',
      );
      assert.equal(changes.filter((c) => c.type === 'proposal' && c.id === created.body.proposal.id).length, 1);
      const ids = resumed.messages.filter((m) => m.event !== 'ready').map((m) => Number(m.id));
      assert.ok(
        ids.every((id, i) => id > Number(resumeFrom) && (i === 0 || id > ids[i - 1]!)),
        `ids after ${resumeFrom}, increasing: ${ids}`,
      );
      // From the newest id: nothing again.
      const again = await live('open', { lastEventId: resumed.lastId() });
      await ready(again);
      assert.deepEqual(
        again.messages.map((m) => m.event),
        ['ready'],
      );
      // An id from the future (another database): read everything again.
      const future = await live('open', { lastEventId: '999999999999' });
      await ready(future);
      assert.deepEqual(
        future.messages.map((m) => m.event),
        ['reset', 'ready'],
      );
      for (const r of [resumed, again, future]) r.close();
    });

    it('the consultation read gives the live position: a first stream from it gets what changed after the read', async () => {
      // A page reads the consultation, then its stream starts: a vote committed in between must still arrive.
      const read = await call('GET', '/consultations/open', { headers: { origin: 'https://ville.example.fr' } });
      const position = read.headers.get('x-live-id');
      assert.match(position ?? '', /^\d+$/);
      assert.match(read.headers.get('access-control-expose-headers') ?? '', /X-Live-Id/i, 'a host page may read it');
      const voter = await token();
      const answer = await call('PUT', '/consultations/open/proposals/s1/vote', {
        token: voter,
        body: { choice: 'support' },
        key: 'live-10',
      });
      assert.equal(answer.status, 200, answer.text);
      const total = answer.body.tally.total as number;
      const fromNow = await live('open');
      const fromRead = await live('open', { lastEventId: position });
      await Promise.all([ready(fromNow), ready(fromRead)]);
      assert.deepEqual(
        fromNow.messages.map((m) => m.event),
        ['ready'],
        'without the position the vote is lost (the gap)',
      );
      assert.deepEqual(
        talliesOf(fromRead, 's1').map((t) => t.tally.total),
        [total],
        'from the read’s position: the vote, once',
      );
      // A 304 carries it too; with streams open in this process it is their cursor (no query): still no gap.
      const again = await call('GET', '/consultations/open', { headers: { 'if-none-match': read.headers.get('etag')! } });
      assert.equal(again.status, 304);
      const cursor = again.headers.get('x-live-id');
      assert.ok(Number(cursor) >= Number(position), `${cursor} >= ${position}`);
      const second = await call('PUT', '/consultations/open/proposals/s1/vote', {
        token: await token(),
        body: { choice: 'support' },
        key: 'live-11',
      });
      const late = await live('open', { lastEventId: cursor });
      await ready(late);
      // The cursor may lag the vote's commit by one read (hub.position): then the vote comes with the next
      // read after ready, not in the replay before it. Either way it must come, once.
      await late.until(() => talliesOf(late, 's1').length > 0, 'the second vote after the 304 cursor');
      assert.deepEqual(
        talliesOf(late, 's1').map((t) => t.tally.total),
        [second.body.tally.total as number],
      );
      for (const r of [fromNow, fromRead, late]) r.close();
    });

    it('counts comments and open amendments live; tells an author alone of the decisions on their comment and amendment', async () => {
      const countsOf = (r: LiveReader, target: string) =>
        r.changes().flatMap((c) => (c.type === 'count' && c.target === target ? [c] : []));
      const minesOf = (r: LiveReader, target: string) => r.changes().flatMap((c) => (c.type === 'mine' && c.target === target ? [c] : []));
      const published = async (target: string) =>
        (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE target = $1 AND status = 'published'", [target]))[0]!
          .n;

      // Comments, pre-moderated in `hidden`: a pending comment counts for no one; its approval counts and tells its author.
      const author = await token();
      const [everyone, own] = [await live('hidden'), await live('hidden', { token: author })];
      await Promise.all([ready(everyone), ready(own)]);
      const sent = await call('POST', '/consultations/hidden/comments', {
        token: author,
        body: { target: 'proposal:h0', body: 'Un commentaire à relire avant publication.', stance: 'for' },
      });
      assert.equal(sent.status, 201, sent.text);
      const comment = `comment:${sent.body.comment.id as string}`;
      const approved = await call('POST', '/admin/consultations/hidden/decisions', {
        token: ADMIN,
        body: { targets: [comment], action: 'approve', reason: 'ok' },
      });
      assert.equal(approved.status, 200, approved.text);
      const n = await published('proposal:h0');
      await everyone.until(() => countsOf(everyone, 'proposal:h0').some((c) => c.count === n), `${n} comments on h0`);
      assert.deepEqual(
        countsOf(everyone, 'proposal:h0').map((c) => [c.kind, c.count]),
        [['comment', n]],
        'one count: the pending comment counted for no one',
      );
      await own.until(() => minesOf(own, comment).some((c) => c.status === 'published'), 'the approval, to its author');
      assert.equal(everyone.changes().filter((c) => c.type === 'mine').length, 0, 'no one else hears of it');
      everyone.close();
      own.close();

      // Amendments of a section in `open`: counted while open, the decision told to their author alone.
      const created = await call('POST', '/admin/consultations/open/documents', {
        token: ADMIN,
        body: {
          id: 'live-plan',
          markdown: '# Axe 1\n\nDes données.\n\n## Engagement 1.1\n\nPublier les budgets.\n',
          amendmentPhases: ['ideation'],
        },
      });
      assert.equal(created.status, 201, created.text);
      const section = created.body.sections[1].id as string;
      const target = `section:live-plan/${section}`;
      const writer = await token();
      const [all, writers] = [await live('open'), await live('open', { token: writer })];
      await Promise.all([ready(all), ready(writers)]);
      const amended = await call('POST', '/consultations/open/documents/live-plan/amendments', {
        token: writer,
        body: { sectionId: section, kind: 'modify', text: 'Publier les budgets chaque trimestre.', reason: 'Plus souvent, plus utile.' },
      });
      assert.equal(amended.status, 201, amended.text);
      await all.until(() => countsOf(all, target).some((c) => c.kind === 'amendment' && c.count === 1), 'one open amendment');
      const id = amended.body.amendment.id as string;
      const decided = await call('PUT', `/admin/consultations/open/amendments/${id}/decision`, {
        token: ADMIN,
        body: { state: 'rejected', reason: 'Le budget est annuel.' },
      });
      assert.equal(decided.status, 200, decided.text);
      await all.until(() => countsOf(all, target).at(-1)?.count === 0, 'no open amendment left');
      await writers.until(() => minesOf(writers, `amendment:${id}`).some((c) => c.status === 'rejected'), 'the decision, to its author');
      assert.equal(all.changes().filter((c) => c.type === 'mine').length, 0, 'no one else hears of it');
      all.close();
      writers.close();
    });

    it('bounds the streams one address holds (429), and counts a closed one out', async () => {
      await waitFor(() => ctx.live.openStreams === 0, 'earlier streams closed');
      const held = [await live('open'), await live('open'), await live('open'), await live('open')];
      await Promise.all(held.map(ready));
      const refused = await call('GET', '/consultations/open/live');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'rate-limited');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      held[0]!.close();
      await waitFor(() => ctx.live.openStreams === 3, 'the closed stream counted out');
      const next = await live('open');
      assert.equal(next.status, 200);
      [...held, next].forEach((r) => r.close());
    });
  });
}

/** Resolves once `test()` holds, checked on each turn of the event loop (a safety limit fails instead of hanging). */
export async function waitFor(test: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
