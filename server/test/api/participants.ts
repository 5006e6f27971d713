/** The database, the clock, participants and identities. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Participation } from '../../../src/core/schemas.js';
import { migrate } from '../../db/migrate.js';
import { seedConsultations } from '../../setup/seed.js';
import { sha256 } from '../../store/ids.js';
import { client, serveApp, signIdentity, testConsultations } from '../helpers.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

export function participantTests({ call, token, count, db, query }: ApiTestContext): void {
  describe('database', () => {
    it('applies each migration once and seeds each consultation once', async () => {
      assert.deepEqual(await migrate(db()), []);
      assert.deepEqual(await seedConsultations(db(), testConsultations()), []);
      assert.equal(await count("proposals WHERE consultation_id = 'open'"), 6);
    });
  });

  describe('clock, participants and identities', () => {
    it('GET /time gives the server clock, never cached', async () => {
      const before = Date.now();
      const answer = await call('GET', '/time');
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const now = Date.parse(answer.body.now);
      assert.ok(now >= before - 1000 && now <= Date.now() + 1000);
    });

    it('POST /participants issues a token and stores only its hash', async () => {
      const answer = await call('POST', '/participants');
      assert.equal(answer.status, 201);
      assert.match(answer.body.token, /^pgo_[\w-]{40,}$/);
      assert.equal(answer.body.participant.verified, false);
      assert.equal(await count('participant_tokens WHERE token_hash = $1', [answer.body.token]), 0);
      assert.equal(await count('participant_tokens WHERE token_hash = $1', [sha256(answer.body.token)]), 1);
      const participation = await call('GET', `${OPEN}/participation`, { token: answer.body.token });
      assert.equal(Participation.parse(participation.body).participant?.id, answer.body.participant.id);
    });

    it('a keyed retry of POST /participants within 5 minutes replays the same token (no new one); later the key is spent', async () => {
      let now = Date.now();
      const clocked = await serveApp({ db: db(), consultations: testConsultations(now), adminToken: ADMIN, clock: () => now });
      try {
        const post = client(clocked.url);
        const key = `participant-key-${now}`;
        const first = await post('POST', '/participants', { key });
        const rows = await count('participants');
        now += 4 * 60_000;
        const again = await post('POST', '/participants', { key });
        assert.equal(again.status, 201);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        assert.deepEqual(again.body, first.body);
        assert.equal(await count('participants'), rows);
        assert.equal(await count('participant_tokens WHERE participant_id = $1', [first.body.participant.id]), 1);
        // Nothing readable is stored: neither the token nor its hash.
        const stored = JSON.stringify(
          await query('SELECT * FROM idempotency_keys WHERE body::text LIKE $1', [`%${first.body.participant.id}%`]),
        );
        assert.ok(!stored.includes(first.body.token) && !stored.includes(sha256(first.body.token)));
        // Past its life the key no longer names that participant: a new one, never a token for the first.
        now += 2 * 60_000;
        const late = await post('POST', '/participants', { key });
        assert.equal(late.status, 201);
        assert.equal(late.headers.get('idempotent-replayed'), null);
        assert.notEqual(late.body.participant.id, first.body.participant.id);
        assert.equal(await count('participant_tokens WHERE participant_id = $1', [first.body.participant.id]), 1);
        // A key guarding a credential must not be guessable.
        assertProblem(await post('POST', '/participants', { key: 'short' }), 422, 'validation');
      } finally {
        await clocked.close();
      }
    });

    it('stored idempotency keys expire after 24 hours and are then deleted', async () => {
      let now = Date.now();
      const clocked = await serveApp({ db: db(), consultations: testConsultations(now), adminToken: ADMIN, clock: () => now });
      try {
        const post = client(clocked.url);
        const t = (await post('POST', '/participants')).body.token as string;
        const key = `report-key-${now}`;
        const report = () => post('POST', `${OPEN}/proposals/s3/reports`, { token: t, key, body: { reason: 'Hors sujet' } });
        assert.equal((await report()).status, 202);
        now += 23 * 3_600_000;
        assert.equal((await report()).headers.get('idempotent-replayed'), 'true');
        assert.equal(await count('idempotency_keys WHERE key = $1', [key]), 1);
        now += 2 * 3_600_000;
        // Expired: the same key is a new request (a second report) and the expired rows are cleaned up.
        const fresh = await report();
        assert.equal(fresh.status, 202);
        assert.equal(fresh.headers.get('idempotent-replayed'), null);
        assert.equal(await count("reports WHERE proposal_id = 's3' AND reason = 'Hors sujet'"), 2);
        now += 25 * 3_600_000;
        assert.equal((await post('POST', '/participants', { key: `cleanup-trigger-${now}` })).status, 201);
        assert.equal(await count('idempotency_keys WHERE key = $1', [key]), 0);
        assert.equal(await count('idempotency_keys WHERE expires_at <= $1', [new Date(now).toISOString()]), 0);
      } finally {
        await clocked.close();
      }
    });

    it('participation without a token is empty; with an unknown token it is 401', async () => {
      const anonymous = await call('GET', `${OPEN}/participation`);
      assert.deepEqual(anonymous.body, { participant: null, votes: {}, votesLeft: 3, registrations: [] });
      assert.equal(anonymous.headers.get('cache-control'), 'private, no-cache');
      assertProblem(await call('GET', `${OPEN}/participation`, { token: 'pgo_not-a-token' }), 401, 'unauthorized');
    });

    it('a host-signed identity gives a verified participant, the same one each time', async () => {
      const assertion = await signIdentity({ sub: 'cms-user-42', name: 'Camille Martin' });
      const first = await call('POST', `${OPEN}/identity`, { body: { assertion } });
      assert.equal(first.status, 200);
      assert.deepEqual({ ...first.body.participant, id: 'x' }, { id: 'x', displayName: 'Camille Martin', verified: true });
      const second = await call('POST', `${OPEN}/identity`, { body: { assertion: await signIdentity({ sub: 'cms-user-42' }) } });
      assert.equal(second.body.participant.id, first.body.participant.id);
      const participation = await call('GET', `${OPEN}/participation`, { token: second.body.token });
      assert.equal(participation.body.participant.verified, true);
    });

    it('an anonymous participant who signs in keeps their votes', async () => {
      const anonymous = await token();
      await call('PUT', `${OPEN}/proposals/s1/vote`, { token: anonymous, body: { choice: 'support' } });
      const signed = await call('POST', `${OPEN}/identity`, {
        token: anonymous,
        body: { assertion: await signIdentity({ sub: 'cms-user-77' }) },
      });
      const participation = await call('GET', `${OPEN}/participation`, { token: signed.body.token });
      assert.equal(participation.body.participant.verified, true);
      assert.deepEqual(participation.body.votes, { s1: 'support' });
    });

    it('refuses expired, forged or missing assertions, and consultations without a key', async () => {
      assertProblem(
        await call('POST', `${OPEN}/identity`, {
          body: { assertion: await signIdentity({ sub: 'u' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }) },
        }),
        401,
        'unauthorized',
      );
      assertProblem(
        await call('POST', `${OPEN}/identity`, {
          body: { assertion: await signIdentity({ sub: 'u' }, { secret: 'another-key-of-at-least-32-characters!!' }) },
        }),
        401,
        'unauthorized',
      );
      assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: 'not.a.jwt' } }), 401, 'unauthorized');
      assertProblem(await call('POST', `${OPEN}/identity`, { body: {} }), 422, 'validation');
      assertProblem(
        await call('POST', '/consultations/final/identity', { body: { assertion: await signIdentity({ sub: 'u' }) } }),
        403,
        'forbidden',
      );
    });
  });
}
