/**
 * Reads fit for a CDN (issue 25), judged by an HTTP cache library (`http-cache-semantics`, RFC 9111)
 * playing a shared cache: every public GET may be stored and reused by it, carries an ETag and
 * answers 304 to it, and is the same whoever asks (with any token or none), so sharing it leaks
 * nothing; every personal answer (participation, a pending proposal shown to its author) and every
 * write or refusal may never be stored by a shared cache.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import CachePolicy from 'http-cache-semantics';
import { openDatabase, type Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { seedConsultations } from './setup/seed.js';
import { client, serveApp, testConsultations, validDraft, type Answer, type Call, type Served } from './test/helpers.js';

const OPEN = '/consultations/open';
const PUBLIC_GETS = [
  OPEN,
  `${OPEN}/proposals`,
  `${OPEN}/proposals?sort=most-supported&limit=2`,
  `${OPEN}/proposals/s1`,
  `${OPEN}/events`,
  `${OPEN}/events/small`,
  `${OPEN}/export.json`,
  `${OPEN}/export.csv`,
  '/openapi.json',
];

/** What a shared cache (a CDN) would decide about this exchange. */
function sharedCache(path: string, requestHeaders: Record<string, string>, answer: Answer, method = 'GET'): CachePolicy {
  return new CachePolicy(
    { url: `/api/v1${path}`, method, headers: { host: 'api.example.fr', ...requestHeaders } },
    { status: answer.status, headers: Object.fromEntries(answer.headers) },
    { shared: true },
  );
}

describe('cache headers (PGlite)', () => {
  let db: Db;
  let served: Served;
  let call: Call;
  const tokens: string[] = [];

  before(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    // A fixed clock: the exports carry their time, which would otherwise change their ETag every second.
    const now = Date.now();
    const consultations = testConsultations(now);
    await seedConsultations(db, consultations);
    served = await serveApp({ db, consultations, adminToken: 'cache-test-admin-token-0123456789', clock: () => now });
    call = client(served.url);
    for (let i = 0; i < 2; i++) tokens.push((await call('POST', '/participants')).body.token);
    // A vote, so that the tallies read below are not all zero.
    assert.equal((await call('PUT', `${OPEN}/proposals/s1/vote`, { token: tokens[0], body: { choice: 'support' } })).status, 200);
  });
  after(async () => {
    await served?.close();
    await db?.close();
  });

  it('public GETs may be stored and reused by a shared cache, with an ETag it can revalidate', async () => {
    for (const path of PUBLIC_GETS) {
      const answer = await call('GET', path);
      assert.equal(answer.status, 200, path);
      const policy = sharedCache(path, {}, answer);
      assert.ok(policy.storable(), `${path}: a shared cache may store it (${answer.headers.get('cache-control')})`);
      assert.ok(policy.timeToLive() > 0, `${path}: a shared cache may reuse it without asking (${answer.headers.get('cache-control')})`);
      const etag = answer.headers.get('etag');
      assert.ok(etag, `${path}: ETag`);
      const revalidation = await call('GET', path, { headers: { 'if-none-match': etag } });
      assert.equal(revalidation.status, 304, `${path}: 304 to If-None-Match`);
      assert.doesNotMatch(answer.headers.get('vary') ?? '', /authorization/i, `${path}: not varied by the token`);
    }
  });

  it('a browser never answers a changing read from its own cache without asking the server', async () => {
    // Chromium applies stale-while-revalidate to its private cache too: a list read just after the
    // reader's own write came back without it (the rest contract tests failed so in Chromium).
    for (const path of PUBLIC_GETS.filter((p) => p !== OPEN && p !== '/openapi.json')) {
      const answer = await call('GET', path);
      const browser = new CachePolicy(
        { url: `/api/v1${path}`, method: 'GET', headers: { host: 'api.example.fr' } },
        { status: answer.status, headers: Object.fromEntries(answer.headers) },
        { shared: false },
      );
      assert.equal(browser.timeToLive(), 0, `${path}: reused by a browser without asking (${answer.headers.get('cache-control')})`);
      assert.doesNotMatch(answer.headers.get('cache-control') ?? '', /stale-while-revalidate/, `${path}: a browser may show a stale copy`);
    }
  });

  it('public GETs are the same whoever asks, so a shared copy leaks nothing', async () => {
    for (const path of PUBLIC_GETS.filter((p) => !p.includes('export'))) {
      const [none, first, second] = await Promise.all([
        call('GET', path),
        call('GET', path, { token: tokens[0] }),
        call('GET', path, { token: tokens[1] }),
      ]);
      assert.equal(first.text, none.text, `${path}: same body with a token`);
      assert.equal(second.text, none.text, `${path}: same body with another token`);
      // Asked with a token, the answer still says a shared cache may keep it (RFC 9111 §3.5 needs `public` or s-maxage).
      assert.ok(sharedCache(path, { authorization: `Bearer ${tokens[0]}` }, first).storable(), `${path}: storable when asked with a token`);
    }
  });

  it('personal answers are never stored by a shared cache', async () => {
    const pending = await call('POST', '/consultations/hidden/proposals', {
      token: tokens[1],
      body: { ...validDraft, categoryId: null, authorName: 'Camille', email: 'camille@example.fr', extra: { format: 'atelier' } },
    });
    const personal: [string, Answer][] = [
      [`${OPEN}/participation`, await call('GET', `${OPEN}/participation`, { token: tokens[0] })],
      [`${OPEN}/participation`, await call('GET', `${OPEN}/participation`)],
    ];
    if (pending.status === 201 && pending.body.moderation === 'pending') {
      const path = `/consultations/hidden/proposals/${pending.body.proposal.id}`;
      personal.push([path, await call('GET', path, { token: tokens[1] })]);
    }
    for (const [path, answer] of personal) {
      assert.equal(answer.status, 200, path);
      assert.equal(
        sharedCache(path, { authorization: `Bearer ${tokens[0]}` }, answer).storable(),
        false,
        `${path}: ${answer.headers.get('cache-control')}`,
      );
      assert.match(answer.headers.get('cache-control') ?? '', /private/, path);
      assert.match(answer.headers.get('vary') ?? '', /authorization/i, `${path}: Vary: Authorization for private caches`);
    }
    assert.ok(personal.length === 3, `a pending proposal was read by its author (answered ${pending.status})`);
  });

  it('writes, refusals and the clock are stored by no cache', async () => {
    const vote = await call('PUT', `${OPEN}/proposals/s2/vote`, { token: tokens[1], body: { choice: 'support' } });
    const refused = await call('PUT', `${OPEN}/proposals/nope/vote`, { token: tokens[1], body: { choice: 'support' } });
    const missing = await call('GET', `${OPEN}/proposals/nope`);
    const time = await call('GET', '/time');
    for (const [label, answer] of [
      ['vote', vote],
      ['refused vote', refused],
      ['404', missing],
      ['time', time],
    ] as const) {
      assert.match(answer.headers.get('cache-control') ?? '', /no-store/, label);
      assert.equal(sharedCache('/x', {}, answer).storable(), false, label);
    }
  });
});
