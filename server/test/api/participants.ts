/** The database, the clock, participants and identities. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Participation } from '../../../src/core/schemas.js';
import { migrate } from '../../db/migrate.js';
import { seedConsultations } from '../../setup/seed.js';
import { sha256 } from '../../store/ids.js';
import { signIdentity, testConsultations } from '../helpers.js';
import { assertProblem, OPEN, type ApiTestContext } from './context.js';

export function participantTests({ call, token, count, db }: ApiTestContext): void {
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

    it('a keyed retry of POST /participants gives the same participant (a fresh token), no new row', async () => {
      const first = await call('POST', '/participants', { key: 'participant-key-1' });
      const rows = await count('participants');
      const again = await call('POST', '/participants', { key: 'participant-key-1' });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.body.participant.id, first.body.participant.id);
      assert.notEqual(again.body.token, first.body.token);
      assert.equal(await count('participants'), rows);
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
      const signed = await call('POST', `${OPEN}/identity`, { token: anonymous, body: { assertion: await signIdentity({ sub: 'cms-user-77' }) } });
      const participation = await call('GET', `${OPEN}/participation`, { token: signed.body.token });
      assert.equal(participation.body.participant.verified, true);
      assert.deepEqual(participation.body.votes, { s1: 'support' });
    });

    it('refuses expired, forged or missing assertions, and consultations without a key', async () => {
      assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: await signIdentity({ sub: 'u' }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }) } }), 401, 'unauthorized');
      assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: await signIdentity({ sub: 'u' }, { secret: 'another-key-of-at-least-32-characters!!' }) } }), 401, 'unauthorized');
      assertProblem(await call('POST', `${OPEN}/identity`, { body: { assertion: 'not.a.jwt' } }), 401, 'unauthorized');
      assertProblem(await call('POST', `${OPEN}/identity`, { body: {} }), 422, 'validation');
      assertProblem(await call('POST', '/consultations/final/identity', { body: { assertion: await signIdentity({ sub: 'u' }) } }), 403, 'forbidden');
    });
  });
}
