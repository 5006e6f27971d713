/**
 * Issue 25: a participant’s common writes cost one round trip to the database — authentication,
 * idempotency, limits, the write and the answer in one statement — and so do their replays.
 * Counted on a Db whose every statement (inside a transaction too) is one round trip.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Db, Queryable } from '../../db/db.js';
import { client, serveApp, testConsultations, validDraft } from '../helpers.js';
import { ADMIN, OPEN, type ApiTestContext } from './context.js';

/** `db` counting its round trips: one per query, and BEGIN, each statement and COMMIT of a transaction. */
function counting(db: Db): { db: Db; trips: () => number; reset: () => void } {
  let trips = 0;
  const counted: Db = {
    ...db,
    query: (sql, params) => (trips++, db.query(sql, params)),
    transaction: (work) => {
      trips += 2;
      return db.transaction((tx) => work({ ...tx, query: (sql, params) => (trips++, tx.query(sql, params)) } as Queryable));
    },
  };
  return { db: counted, trips: () => trips, reset: () => (trips = 0) };
}

export function roundTripTests({ db }: ApiTestContext): void {
  describe('round trips per write (issue 25)', () => {
    it('a vote, a withdrawal, an event registration and a proposal each cost one round trip, and so does each replay', async () => {
      const counter = counting(db());
      const open = { writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 };
      const app = await serveApp({ db: counter.db, consultations: testConsultations(), adminToken: ADMIN, limits: open });
      try {
        const call = client(app.url);
        const token = (await call('POST', '/participants')).body.token as string;
        const measured = async (method: string, path: string, options: { body?: unknown; key: string }) => {
          counter.reset();
          const answer = await call(method, path, { token, ...options });
          assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
          return counter.trips();
        };
        const registration = { name: 'Camille', email: 'camille@example.fr', consent: true };
        const writes: [string, string, { body?: unknown; key: string }][] = [
          ['PUT', `${OPEN}/proposals/s0/vote`, { body: { choice: 'support' }, key: 'trip-vote' }],
          ['DELETE', `${OPEN}/proposals/s0/vote`, { key: 'trip-withdraw' }],
          ['POST', `${OPEN}/events/evry/registrations`, { body: registration, key: 'trip-register' }],
          ['POST', `${OPEN}/proposals`, { body: validDraft, key: 'trip-propose' }],
        ];
        for (const [method, path, options] of writes) {
          assert.equal(await measured(method, path, options), 1, `${method} ${path}`);
          assert.equal(await measured(method, path, options), 1, `${method} ${path}, replayed`);
        }
      } finally {
        await app.close();
      }
    });
  });
}
