/** The admin (moderation) routes. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Proposal } from '../../../src/core/schemas.js';
import type { Db } from '../../db/db.js';
import { client, serveApp, testConsultations } from '../helpers.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

export function moderationTests({ call, token, admin, db, query }: ApiTestContext): void {
  describe('moderation', () => {
    it('admin routes need the admin token', async () => {
      assertProblem(await call('GET', '/admin/consultations/open/moderation'), 401, 'unauthorized');
      assertProblem(await call('GET', '/admin/consultations/open/moderation', { token: 'wrong' }), 401, 'unauthorized');
      assertProblem(await call('GET', '/admin/consultations/open/moderation', { token: await token() }), 401, 'unauthorized');
    });

    it('admin routes refuse any cross-origin request, preflights included', async () => {
      assertProblem(await admin('GET', '/admin/consultations/open/moderation', { origin: 'https://ville.example.fr' }), 403, 'forbidden');
      assertProblem(await admin('POST', '/admin/proposals/s0/hide', { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
      const preflight = await call('OPTIONS', '/admin/proposals/s0/hide', {
        headers: { origin: 'https://ville.example.fr', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 403);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal((await call('GET', '/proposals/s0', {})).status, 404);
      assert.equal((await call('GET', `${OPEN}/proposals/s0`)).body.status, 'published');
    });

    it('approves, hides and restores proposals', async () => {
      assert.equal((await admin('POST', '/admin/proposals/pending-1/approve')).body.status, 'published');
      assert.equal((await call('GET', `${OPEN}/proposals/pending-1`)).status, 200);
      assert.equal((await admin('POST', '/admin/proposals/s1/hide')).body.status, 'hidden');
      assertProblem(await call('GET', `${OPEN}/proposals/s1`), 404, 'not-found');
      assert.ok(!(await call('GET', `${OPEN}/proposals?limit=100`)).body.items.some((p: Proposal) => p.id === 's1'));
      assert.ok((await admin('GET', '/admin/consultations/open/moderation')).body.proposals.some((p: { id: string }) => p.id === 's1'));
      assert.equal((await admin('POST', '/admin/proposals/s1/restore')).body.status, 'published');
      assert.equal((await call('GET', `${OPEN}/proposals/s1`)).status, 200);
      assertProblem(await admin('POST', '/admin/proposals/nope/approve'), 404, 'not-found');
      assertProblem(await admin('POST', '/admin/proposals/s1/delete'), 404, 'not-found');
    });

    it('hides and restores events', async () => {
      assert.equal((await admin('POST', '/admin/events/evry/hide')).body.moderation, 'hidden');
      assertProblem(await call('GET', `${OPEN}/events/evry`), 404, 'not-found');
      assert.equal((await admin('POST', '/admin/events/evry/restore')).body.moderation, 'approved');
      assertProblem(await admin('POST', '/admin/events/nope/hide'), 404, 'not-found');
    });

    it('lists the moderation queue in the same number of queries however many proposals it holds', async () => {
      let queries = 0;
      const counted: Db = { ...db(), query: (sql, params) => (queries++, db().query(sql, params)) };
      const app = await serveApp({ db: counted, consultations: testConsultations(), adminToken: ADMIN });
      try {
        const queue = async () => {
          queries = 0;
          const answer = await client(app.url)('GET', '/admin/consultations/open/moderation', { token: ADMIN });
          assert.equal(answer.status, 200);
          return { listed: answer.body.proposals.length as number, queries };
        };
        const before = await queue();
        for (let i = 0; i < 5; i++) {
          await query(
            "INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ($1, 'open', 'En attente', 'Une proposition en attente', 'pending')",
            [`queue-${i}`],
          );
        }
        const after = await queue();
        assert.equal(after.listed, before.listed + 5);
        assert.equal(after.queries, before.queries);
      } finally {
        await app.close();
      }
    });
  });
}
