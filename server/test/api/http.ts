/** HTTP framing, CORS and limits. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { client, serveApp, testConsultations, validDraft } from '../helpers.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

export function httpTests({ call, strictCall, token, db, count }: ApiTestContext): void {
  describe('CORS', () => {
    it('answers preflights from allowed origins and exposes the headers the client reads', async () => {
      const headers = {
        origin: 'https://ville.example.fr',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, idempotency-key, content-type',
      };
      const preflight = await call('OPTIONS', `${OPEN}/proposals/s0/vote`, { headers });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
      assert.match(preflight.headers.get('access-control-allow-headers')!, /Idempotency-Key/);
      assert.match(preflight.headers.get('access-control-allow-methods')!, /PUT/);
      assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
      const read = await call('GET', OPEN, { headers: { origin: 'https://ville.example.fr' } });
      assert.equal(read.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
      assert.match(read.headers.get('access-control-expose-headers')!, /ETag/);
      assert.match(read.headers.get('vary')!, /Origin/);
    });

    it('refuses origins not on the consultation’s list; `*` when configured', async () => {
      assertProblem(await call('GET', OPEN, { headers: { origin: 'https://evil.example' } }), 403, 'forbidden');
      assertProblem(
        await call('GET', '/consultations/hidden', { headers: { origin: 'https://ville.example.fr' } }).then(async () =>
          call('GET', '/consultations/final', { headers: { origin: 'https://other.example' } }),
        ),
        403,
        'forbidden',
      );
      const any = await call('GET', '/consultations/hidden', { headers: { origin: 'https://anywhere.example' } });
      assert.equal(any.headers.get('access-control-allow-origin'), '*');
      const time = await call('GET', '/time', { headers: { origin: 'https://ville.example.fr' } });
      assert.equal(time.headers.get('access-control-allow-origin'), 'https://ville.example.fr');
    });
  });

  describe('limits', () => {
    it('refuses bodies over 64 KB (413)', async () => {
      const answer = await call('POST', `${OPEN}/proposals`, {
        token: await token(),
        body: { ...validDraft, body: 'x'.repeat(70 * 1024) },
      });
      assertProblem(answer, 413, 'too-large');
    });

    it('refuses deep JSON, broken JSON and bad idempotency keys (422)', async () => {
      const t = await token();
      let deep = '{"title":"x"}';
      for (let i = 0; i < 20; i++) deep = `{"a":${deep}}`;
      assertProblem(await call('POST', `${OPEN}/proposals`, { token: t, raw: deep }), 422, 'validation');
      assertProblem(await call('POST', `${OPEN}/proposals`, { token: t, raw: '{"title": ' }), 422, 'validation');
      assertProblem(await call('POST', `${OPEN}/proposals`, { token: t, body: validDraft, key: 'k'.repeat(201) }), 422, 'validation');
    });

    it('rate-limits writes per participant (429 + Retry-After)', async () => {
      const t = await token(strictCall);
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(await strictCall('PUT', `${OPEN}/proposals/s0/vote`, { token: t, body: { choice: 'support' } }));
      assert.deepEqual(
        answers.slice(0, 3).map((a) => a.status),
        [200, 200, 200],
      );
      assertProblem(answers[3]!, 429, 'rate-limited');
      const retryAfter = Number(answers[3]!.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60);
      assert.equal(answers[3]!.body.retryAfter, retryAfter);
    });

    it('counts refused writes against the write rate limit: a flood of refused writes ends in 429, and stores nothing', async () => {
      // A clock that stands still: every hit falls in one rate window, whenever the test runs.
      const frozen = Date.now();
      const limits = { writesPerMinute: 3, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 };
      const app = await serveApp({ db: db(), consultations: testConsultations(frozen), adminToken: ADMIN, limits, clock: () => frozen });
      try {
        const flood = client(app.url);
        const floods: [string, string, unknown, string][] = [
          ['PUT', '/consultations/closed/proposals/cs0/vote', { choice: 'support' }, 'closed'],
          ['PUT', `${OPEN}/proposals/nope/vote`, { choice: 'support' }, 'not-found'],
          ['DELETE', '/consultations/final/proposals/fs0/vote', undefined, 'forbidden'],
          ['POST', `${OPEN}/events/past/registrations`, { name: 'Camille', email: 'camille@example.fr', consent: true }, 'closed'],
          ['POST', '/consultations/closed/proposals', validDraft, 'closed'],
          ['POST', `${OPEN}/proposals`, { ...validDraft, title: 'x' }, 'validation'],
        ];
        for (const [method, path, body, code] of floods) {
          const t = await token(flood);
          const statuses = [];
          for (let i = 0; i < 3; i++) {
            const answer = await flood(method, path, { token: t, body });
            assert.equal(answer.body.code, code, `${method} ${path}: ${JSON.stringify(answer.body)}`);
            statuses.push(answer.status);
          }
          const limited = await flood(method, path, { token: t, body });
          assertProblem(limited, 429, 'rate-limited');
          assert.ok(Number(limited.headers.get('retry-after')) >= 1, `${method} ${path}: Retry-After`);
          // The limit holds for this participant's next write, refused or not.
          assertProblem(await flood('PUT', `${OPEN}/proposals/s0/vote`, { token: t, body: { choice: 'support' } }), 429, 'rate-limited');
        }
        assert.equal(await count("votes WHERE consultation_id = 'closed'"), 0);
        assert.equal(await count("registrations WHERE event_id = 'past'"), 0);
        assert.equal(await count("proposals WHERE consultation_id = 'closed' AND id <> 'cs0'"), 0);
      } finally {
        await app.close();
      }
    });

    it('rate-limits new participants per IP', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await strictCall('POST', '/participants')).status);
      assert.deepEqual(statuses.slice(-2), [429, 429]);
    });
  });
}
