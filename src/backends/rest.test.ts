import { expect } from '@open-wc/testing';
import { createBackend } from '../core/backend.js';
import { BackendError } from '../core/errors.js';
import { anySignal, HttpClient, parseRetryAfter } from './http.js';
import { memoryStorage, type TokenStorage } from './participant-token.js';
import { RestBackend, type RestBackendOptions } from './rest.js';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  init: RequestInit;
}
type Handler = (call: Call, index: number) => Response | Promise<Response>;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://pgo-widgets.dev/problems/${code}`, title: code, status, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

/** A fake `fetch` that records every call and answers with `handler`. */
function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      method: init.method ?? 'GET',
      url: String(input),
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      init,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** Routes by "METHOD path" (path after /api/v1), falling back to 404. */
function routes(table: Record<string, (call: Call) => Response>): Handler {
  return (call) => {
    const path = new URL(call.url, location.href).pathname.replace(/^.*\/api\/v1/, '');
    const route = table[`${call.method} ${path}`];
    return route ? route(call) : problem(404, 'not-found');
  };
}

const participation = { participant: null, votes: {}, votesLeft: null, registrations: [] };
const tally = { proposalId: 'p1', hidden: false, total: 1, counts: { support: 1 } };
const voteResult = { tally, participation: { ...participation, votes: { p1: 'support' } } };
const key = { idempotencyKey: 'key-1' };

function backend(handler: Handler, options: Partial<RestBackendOptions> = {}) {
  const fake = fakeFetch(handler);
  const sleeps: number[] = [];
  const storage = options.storage === undefined ? memoryStorage() : options.storage;
  const rest = new RestBackend({
    endpoint: 'https://api.example.fr',
    fetch: fake.fetch,
    storage,
    random: () => 1,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { rest, calls: fake.calls, sleeps, storage };
}

async function failure(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(BackendError);
    return error as BackendError;
  }
  throw new Error('expected a failure');
}

const issueToken =
  (token = 'tok-1') =>
  () =>
    json({ token, participant: { id: 'u1', displayName: null, verified: false } }, 201);

describe('RestBackend', () => {
  describe('requests', () => {
    it('reads a consultation from {endpoint}/api/v1 without credentials or a token', async () => {
      const { rest, calls } = backend(
        routes({ 'GET /consultations/plan-action-2017': () => json({ id: 'plan-action-2017', phases: [], settings: {} }) }),
      );
      const consultation = await rest.getConsultation('plan-action-2017');
      expect(consultation.id).to.equal('plan-action-2017');
      expect(calls).to.have.length(1);
      expect(calls[0]!.url).to.equal('https://api.example.fr/api/v1/consultations/plan-action-2017');
      expect(calls[0]!.headers.authorization).to.equal(undefined);
      expect(calls[0]!.init.credentials).to.equal('omit');
    });

    it('uses the page origin when the endpoint is empty, and ignores trailing slashes', () => {
      expect(new RestBackend({ endpoint: '' }).base).to.equal('/api/v1');
      expect(new RestBackend({ endpoint: 'https://x.fr//' }).base).to.equal('https://x.fr/api/v1');
    });

    it('builds query strings without empty values and encodes path segments', async () => {
      const { rest, calls } = backend(() => json({ items: [], nextCursor: null }));
      await rest.listProposals('c 1', { sort: 'random', seed: 'a&b', q: '', categoryId: undefined, limit: 5 });
      await rest.listEvents('c1', { place: 'Évry', mode: 'online' });
      expect(calls[0]!.url).to.equal('https://api.example.fr/api/v1/consultations/c%201/proposals?sort=random&seed=a%26b&limit=5');
      expect(calls[1]!.url).to.equal('https://api.example.fr/api/v1/consultations/c1/events?place=%C3%89vry&mode=online');
    });

    it('asks the clock with no-store, so a cached time never skews the countdown', async () => {
      const { rest, calls } = backend(routes({ 'GET /time': () => json({ now: '2027-03-25T10:00:00Z' }) }));
      expect((await rest.getServerTime()).now).to.equal('2027-03-25T10:00:00Z');
      expect(calls[0]!.init.cache).to.equal('no-store');
    });

    it('rejects an answer that is not the expected object', async () => {
      const { rest } = backend(() => json({ unexpected: true }));
      const err = await failure(rest.getProposal('c1', 'p1'));
      expect(err.code).to.equal('server');
      const html = backend(() => new Response('<html>proxy</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
      expect((await failure(html.rest.getConsultation('c1'))).code).to.equal('server');
    });

    it('is the backend behind backend="rest", with the identity attribute', () => {
      const made = createBackend('rest', { endpoint: 'https://x.fr', attributes: { identity: 'jwt' } });
      expect(made).to.be.instanceOf(RestBackend);
      expect((made as RestBackend).base).to.equal('https://x.fr/api/v1');
    });
  });

  describe('the participant token', () => {
    it('is not created to read participation: the visitor stays anonymous', async () => {
      const { rest, calls } = backend(routes({ 'GET /consultations/c1/participation': () => json(participation) }));
      expect(await rest.getParticipation('c1')).to.deep.equal(participation);
      expect(calls.map((c) => `${c.method} ${c.headers.authorization ?? '-'}`)).to.deep.equal(['GET -']);
    });

    it('lists one’s contributions with the token, and asks nothing before there is one (issue 19)', async () => {
      const mine = {
        target: 'proposal:p1',
        kind: 'proposal',
        id: 'p1',
        title: 'Idée',
        status: 'hidden',
        createdAt: '2026-03-20T10:00:00Z',
        decidedAt: '2026-03-21T10:00:00Z',
        reason: 'Doublon',
      };
      const { rest, calls } = backend(
        routes({
          'POST /participants': issueToken('tok-1'),
          'PUT /consultations/c1/proposals/p1/vote': () => json(voteResult),
          'GET /consultations/c1/my-contributions': () => json({ items: [mine] }),
        }),
      );
      expect(await rest.listMyContributions('c1')).to.deep.equal([]);
      expect(calls).to.have.length(0);
      await rest.vote('c1', 'p1', 'support', { idempotencyKey: 'k1' });
      expect(await rest.listMyContributions('c1')).to.deep.equal([mine]);
      expect(calls.at(-1)!.headers.authorization).to.equal('Bearer tok-1');
    });

    it('is issued once before the first writes, stored per endpoint and sent as a bearer with the idempotency key', async () => {
      const { rest, calls, storage } = backend(
        routes({
          'POST /participants': issueToken('tok-1'),
          'PUT /consultations/c1/proposals/p1/vote': () => json(voteResult),
          'PUT /consultations/c1/proposals/p2/vote': () => json({ ...voteResult, tally: { ...tally, proposalId: 'p2' } }),
          'GET /consultations/c1/participation': () => json(voteResult.participation),
        }),
      );
      await Promise.all([
        rest.vote('c1', 'p1', 'support', { idempotencyKey: 'k1' }),
        rest.vote('c1', 'p2', 'support', { idempotencyKey: 'k2' }),
      ]);
      await rest.getParticipation('c1');
      expect(calls.filter((c) => c.url.endsWith('/participants'))).to.have.length(1);
      const votes = calls.filter((c) => c.method === 'PUT');
      expect(votes.map((c) => c.headers.authorization)).to.deep.equal(['Bearer tok-1', 'Bearer tok-1']);
      expect(votes.map((c) => c.headers['idempotency-key'])).to.deep.equal(['k1', 'k2']);
      expect(votes[0]!.body).to.deep.equal({ choice: 'support' });
      expect(calls.at(-1)!.headers.authorization).to.equal('Bearer tok-1');
      expect(storage!.getItem('pgo-widgets:participant:https://api.example.fr')).to.equal('tok-1');
    });

    it('is kept in localStorage by default, so the visitor is the same participant after a reload', async () => {
      const endpoint = `https://reload-${Date.now()}.example.fr`;
      const handler = routes({
        'POST /participants': issueToken('tok-ls'),
        'DELETE /consultations/c1/proposals/p1/vote': () => json(voteResult),
      });
      const first = backend(handler, { endpoint, storage: undefined });
      try {
        await first.rest.withdrawVote('c1', 'p1', key);
        expect(localStorage.getItem(`pgo-widgets:participant:${endpoint}`)).to.equal('tok-ls');
        const second = backend(handler, { endpoint, storage: undefined });
        await second.rest.withdrawVote('c1', 'p1', key);
        expect(second.calls.map((c) => c.method)).to.deep.equal(['DELETE']);
        expect(second.calls[0]!.headers.authorization).to.equal('Bearer tok-ls');
      } finally {
        localStorage.removeItem(`pgo-widgets:participant:${endpoint}`);
      }
    });

    it('lives in memory when storage is blocked', async () => {
      const blocked: TokenStorage = {
        getItem: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
        setItem: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
        removeItem: () => {
          throw new DOMException('blocked', 'SecurityError');
        },
      };
      const { rest, calls } = backend(
        routes({
          'POST /participants': issueToken('tok-mem'),
          'POST /consultations/c1/proposals/p1/reports': () => new Response(null, { status: 202 }),
        }),
        { endpoint: `https://blocked-${Date.now()}.example.fr`, storage: blocked },
      );
      await rest.reportProposal('c1', 'p1', 'spam', { idempotencyKey: 'r1' });
      await rest.reportProposal('c1', 'p1', 'spam', { idempotencyKey: 'r2' });
      expect(calls.map((c) => c.url.replace(/^.*\/api\/v1/, ''))).to.deep.equal([
        '/participants',
        '/consultations/c1/proposals/p1/reports',
        '/consultations/c1/proposals/p1/reports',
      ]);
      expect(calls[2]!.headers.authorization).to.equal('Bearer tok-mem');
    });

    it('is re-issued once on 401, and the write retried with the same key; a second 401 is reported', async () => {
      let issued = 0;
      const storage = memoryStorage();
      storage.setItem('pgo-widgets:participant:https://api.example.fr', 'expired');
      const { rest, calls } = backend(
        routes({
          'POST /participants': () => json({ token: `tok-${++issued}`, participant: { id: 'u', displayName: null, verified: false } }, 201),
          'POST /consultations/c1/proposals': (call) =>
            call.headers.authorization === 'Bearer tok-1'
              ? json({ proposal: { id: 'n1' }, moderation: 'published' }, 201)
              : problem(401, 'unauthorized'),
        }),
        { storage },
      );
      const receipt = await rest.createProposal('c1', { title: 't', body: 'b' }, { idempotencyKey: 'same' });
      expect(receipt.proposal.id).to.equal('n1');
      const writes = calls.filter((c) => c.url.endsWith('/proposals'));
      expect(writes.map((c) => `${c.headers.authorization} ${c.headers['idempotency-key']}`)).to.deep.equal([
        'Bearer expired same',
        'Bearer tok-1 same',
      ]);
      expect(storage.getItem('pgo-widgets:participant:https://api.example.fr')).to.equal('tok-1');

      const always401 = backend(
        routes({ 'POST /participants': issueToken(), 'POST /consultations/c1/proposals': () => problem(401, 'unauthorized') }),
      );
      expect((await failure(always401.rest.createProposal('c1', { title: 't', body: 'b' }, key))).code).to.equal('unauthorized');
      expect(always401.calls.filter((c) => c.url.endsWith('/participants'))).to.have.length(2);
      expect(always401.calls.filter((c) => c.url.endsWith('/proposals'))).to.have.length(2);
    });

    it('forgets an unknown token when reading participation and reads as an anonymous visitor', async () => {
      const storage = memoryStorage();
      storage.setItem('pgo-widgets:participant:https://api.example.fr', 'stale');
      const { rest, calls } = backend(
        routes({
          'GET /consultations/c1/participation': (call) =>
            call.headers.authorization ? problem(401, 'unauthorized') : json(participation),
        }),
        { storage },
      );
      expect(await rest.getParticipation('c1')).to.deep.equal(participation);
      expect(calls.map((c) => c.headers.authorization ?? '-')).to.deep.equal(['Bearer stale', '-']);
      expect(storage.getItem('pgo-widgets:participant:https://api.example.fr')).to.equal(null);
    });

    it('exchanges a host-signed identity once per consultation and never creates an anonymous participant', async () => {
      let exchanges = 0;
      const { rest, calls } = backend(
        routes({
          'POST /consultations/c1/identity': (call) => {
            expect(call.body).to.deep.equal({ assertion: 'signed.jwt.value' });
            return json({ token: `verified-${++exchanges}`, participant: { id: 'v', displayName: 'Camille', verified: true } });
          },
          'GET /consultations/c1/participation': () => json(participation),
          'PUT /consultations/c1/proposals/p1/vote': (call) =>
            call.headers.authorization === 'Bearer verified-1' ? problem(401, 'unauthorized') : json(voteResult),
        }),
        { identity: 'signed.jwt.value' },
      );
      await rest.getParticipation('c1');
      await rest.vote('c1', 'p1', 'support', key);
      expect(calls.map((c) => `${c.method} ${c.url.replace(/^.*\/api\/v1/, '')} ${c.headers.authorization ?? '-'}`)).to.deep.equal([
        'POST /consultations/c1/identity -',
        'GET /consultations/c1/participation Bearer verified-1',
        'PUT /consultations/c1/proposals/p1/vote Bearer verified-1',
        'POST /consultations/c1/identity -',
        'PUT /consultations/c1/proposals/p1/vote Bearer verified-2',
      ]);
    });
  });

  describe('errors', () => {
    it('maps problem+json to the core error shape, with field errors and Retry-After', async () => {
      const fieldErrors = [{ field: 'title', code: 'too_short', message: 'title is too short', params: { min: 10 } }];
      const { rest } = backend(
        routes({
          'POST /participants': issueToken(),
          'POST /consultations/c1/proposals': () => problem(422, 'validation', { fieldErrors, detail: 'fix it' }),
          'PUT /consultations/c1/proposals/p1/vote': () => problem(409, 'limit-reached'),
          'PUT /consultations/c1/proposals/p2/vote': () => problem(429, 'rate-limited', {}, { 'retry-after': '120' }),
        }),
      );
      const invalid = await failure(rest.createProposal('c1', { title: 'x', body: 'y' }, key));
      expect(invalid.code).to.equal('validation');
      expect(invalid.fieldErrors).to.deep.equal(fieldErrors);
      expect(invalid.message).to.equal('fix it');
      expect((await failure(rest.vote('c1', 'p1', 'support', key))).code).to.equal('limit-reached');
      const limited = await failure(rest.vote('c1', 'p2', 'support', key));
      expect(limited.code).to.equal('rate-limited');
      expect(limited.problem.retryAfter).to.equal(120);
    });

    it('maps answers that are not problem+json by their status', async () => {
      const cases: [number, string][] = [
        [404, 'not-found'],
        [403, 'forbidden'],
        [413, 'too-large'],
        [400, 'validation'],
        [502, 'server'],
        [418, 'unknown'],
      ];
      for (const [status, code] of cases) {
        const { rest } = backend(() => new Response('<h1>nope</h1>', { status, headers: { 'content-type': 'text/html' } }), { retries: 0 });
        const err = await failure(rest.getConsultation('c1'));
        expect(err.code, `HTTP ${status}`).to.equal(code);
        expect(err.problem.status).to.equal(status);
      }
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
      expect(parseRetryAfter('7')).to.equal(7);
      expect(parseRetryAfter(new Date(Date.parse('2030-01-01T00:00:30Z')).toUTCString(), Date.parse('2030-01-01T00:00:00Z'))).to.equal(30);
      expect(parseRetryAfter('soon')).to.equal(undefined);
      expect(parseRetryAfter(null)).to.equal(undefined);
    });
  });

  describe('retries', () => {
    it('retries a read on 5xx with exponential backoff, then succeeds', async () => {
      const { rest, calls, sleeps } = backend((_, i) => (i < 2 ? problem(503, 'server') : json({ id: 'c1', phases: [], settings: {} })));
      expect((await rest.getConsultation('c1')).id).to.equal('c1');
      expect(calls).to.have.length(3);
      expect(sleeps).to.deep.equal([400, 800]);
    });

    it('adds jitter to the backoff', async () => {
      const { rest, sleeps } = backend((_, i) => (i < 1 ? problem(500, 'server') : json({ now: '2027-01-01T00:00:00Z' })), {
        random: () => 0,
      });
      await rest.getServerTime();
      expect(sleeps).to.deep.equal([200]);
    });

    it('gives up after the configured retries and reports the last failure', async () => {
      const { rest, calls } = backend(() => problem(503, 'server'), { retries: 2 });
      expect((await failure(rest.getConsultation('c1'))).code).to.equal('server');
      expect(calls).to.have.length(3);
    });

    it('retries a keyed write after a network failure, with the same key', async () => {
      const { rest, calls } = backend(
        routes({
          'POST /participants': issueToken(),
          'POST /consultations/c1/events/e1/registrations': (() => {
            let n = 0;
            return () => {
              if (n++ === 0) throw new TypeError('Failed to fetch');
              return json({ eventId: 'e1', seatsLeft: 3 }, 201);
            };
          })(),
        }),
      );
      const receipt = await rest.registerForEvent('c1', 'e1', { name: 'A', email: 'a@b.fr' }, { idempotencyKey: 'reg-1' });
      expect(receipt.seatsLeft).to.equal(3);
      const posts = calls.filter((c) => c.url.endsWith('/registrations'));
      expect(posts.map((c) => c.headers['idempotency-key'])).to.deep.equal(['reg-1', 'reg-1']);
    });

    it('honours Retry-After on 429 when it is short, and returns it to the caller when it is long', async () => {
      const short = backend((_, i) =>
        i === 0 ? problem(429, 'rate-limited', {}, { 'retry-after': '3' }) : json({ items: [], nextCursor: null }),
      );
      await short.rest.listEvents('c1', {});
      expect(short.sleeps).to.deep.equal([3000]);
      const long = backend(() => problem(429, 'rate-limited', {}, { 'retry-after': '60' }));
      const err = await failure(long.rest.listEvents('c1', {}));
      expect(err.problem.retryAfter).to.equal(60);
      expect(long.calls).to.have.length(1);
    });

    it('a vote answered 503 with Retry-After: 10 fails at once, so the optimistic vote rolls back at once (issue #18)', async () => {
      const { rest, calls, sleeps } = backend(
        routes({
          'POST /participants': issueToken(),
          'PUT /consultations/c1/proposals/p1/vote': () => problem(503, 'server', {}, { 'retry-after': '10' }),
        }),
      );
      const err = await failure(rest.vote('c1', 'p1', 'support', key));
      expect(err.code).to.equal('server');
      expect(err.problem.retryAfter).to.equal(10);
      expect(sleeps, 'no 10 s wait while the citizen sees a vote that is not recorded').to.deep.equal([]);
      expect(calls.filter((c) => c.url.endsWith('/vote'))).to.have.length(1);
      // A short Retry-After is still honoured once, quietly.
      const short = backend(
        routes({
          'POST /participants': issueToken(),
          'PUT /consultations/c1/proposals/p1/vote': (() => {
            let n = 0;
            return () => (n++ === 0 ? problem(503, 'server', {}, { 'retry-after': '1' }) : json(voteResult));
          })(),
        }),
      );
      await short.rest.vote('c1', 'p1', 'support', key);
      expect(short.sleeps).to.deep.equal([1000]);
    });

    it('a proposal shed with 503 + Retry-After is sent again after that wait with the same text and key (issue 25)', async () => {
      const draft = { title: 'Des bancs à l’ombre', body: 'Le texte que la citoyenne a tapé, mot pour mot.' };
      const { rest, calls, sleeps } = backend(
        routes({
          'POST /participants': issueToken(),
          'POST /consultations/c1/proposals': (() => {
            let n = 0;
            return () =>
              n++ === 0
                ? problem(503, 'server', {}, { 'retry-after': '3' })
                : json({ proposal: { id: 'n1' }, moderation: 'published' }, 201);
          })(),
        }),
      );
      const receipt = await rest.createProposal('c1', draft, { idempotencyKey: 'shed-1' });
      expect(receipt.proposal.id).to.equal('n1');
      expect(sleeps).to.deep.equal([3000]);
      const posts = calls.filter((c) => c.url.endsWith('/proposals'));
      expect(posts.map((c) => c.headers['idempotency-key'])).to.deep.equal(['shed-1', 'shed-1']);
      expect(posts.map((c) => c.body)).to.deep.equal([draft, draft]);
    });

    it('retries 408 but no other 4xx', async () => {
      const timeout = backend((_, i) => (i === 0 ? new Response('', { status: 408 }) : json({ items: [], nextCursor: null })));
      await timeout.rest.listProposals('c1', {});
      expect(timeout.calls).to.have.length(2);
      for (const status of [400, 404, 409, 422]) {
        const { rest, calls } = backend(() => problem(status, status === 404 ? 'not-found' : 'conflict'));
        await failure(rest.listProposals('c1', {}));
        expect(calls, `HTTP ${status}`).to.have.length(1);
      }
    });

    it('never repeats a write that carries no idempotency key', async () => {
      const fake = fakeFetch(() => problem(503, 'server'));
      const http = new HttpClient({ fetch: fake.fetch, sleep: async () => undefined });
      await failure(http.send({ method: 'POST', url: '/x', body: {} }));
      expect(fake.calls).to.have.length(1);
      expect(fake.calls[0]!.headers['idempotency-key']).to.equal(undefined);
    });
  });

  describe('timeouts, abort and offline', () => {
    /** A fetch that only ends when its signal aborts, as a hung server would. */
    const hanging: Handler = (call) =>
      new Promise((_, reject) => {
        call.init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });

    it('times out a hung request and reports `timeout`', async () => {
      const { rest, calls } = backend(hanging, { timeoutMs: 20, retries: 0 });
      const err = await failure(rest.getConsultation('c1'));
      expect(err.code).to.equal('timeout');
      expect(err.retryable).to.equal(true);
      expect(calls).to.have.length(1);
    });

    it('retries a read that timed out', async () => {
      const { rest, calls } = backend((call, i) => (i === 0 ? hanging(call, i) : json({ items: [], nextCursor: null })), { timeoutMs: 20 });
      await rest.listProposals('c1', {});
      expect(calls).to.have.length(2);
    });

    it('stops at once when the caller aborts, without retrying', async () => {
      const { rest, calls } = backend(hanging);
      const controller = new AbortController();
      const pending = rest.getConsultation('c1', { signal: controller.signal });
      await Promise.resolve();
      controller.abort();
      expect((await failure(pending)).code).to.equal('aborted');
      expect(calls).to.have.length(1);
      const already = backend(hanging);
      expect((await failure(already.rest.getConsultation('c1', { signal: AbortSignal.abort() }))).code).to.equal('aborted');
      expect(already.calls).to.have.length(0);
    });

    it('stops waiting for a retry when the caller aborts during the backoff', async () => {
      const controller = new AbortController();
      const fake = fakeFetch(() => problem(503, 'server'));
      const rest = new RestBackend({ endpoint: '', fetch: fake.fetch, storage: memoryStorage(), backoffMs: 60_000, maxWaitMs: 120_000 });
      const pending = rest.listEvents('c1', {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      expect((await failure(pending)).code).to.equal('aborted');
      expect(fake.calls).to.have.length(1);
    });

    it('reports `offline` without a request when the browser knows it is offline', async () => {
      const { rest, calls } = backend(() => json({}), { isOnline: () => false });
      const err = await failure(rest.getConsultation('c1'));
      expect(err.code).to.equal('offline');
      expect(calls).to.have.length(0);
    });

    it('reports a failed fetch as `network`, or `offline` when the connection dropped meanwhile', async () => {
      const net = backend(
        () => {
          throw new TypeError('Failed to fetch');
        },
        { retries: 0 },
      );
      expect((await failure(net.rest.getConsultation('c1'))).code).to.equal('network');
      let online = true;
      const dropped = backend(
        () => {
          online = false;
          throw new TypeError('Failed to fetch');
        },
        { isOnline: () => online },
      );
      expect((await failure(dropped.rest.getConsultation('c1'))).code).to.equal('offline');
      expect(dropped.calls).to.have.length(1);
    });

    it('combines signals without AbortSignal.any where a browser lacks it', () => {
      const a = new AbortController();
      const b = new AbortController();
      const combined = anySignal([a.signal, b.signal], undefined);
      expect(combined.aborted).to.equal(false);
      b.abort('why');
      expect(combined.aborted).to.equal(true);
      expect(combined.reason).to.equal('why');
      expect(anySignal([AbortSignal.abort('x'), a.signal], undefined).aborted).to.equal(true);
    });
  });
});
