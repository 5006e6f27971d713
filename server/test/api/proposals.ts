/** Proposals: listing, reading, creating, reporting. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CACHE } from '../../http/cache.js';
import { Proposal, pageOf } from '../../../src/core/schemas.js';
import { validDraft } from '../helpers.js';
import { assertProblem, OPEN, type ApiTestContext } from './context.js';

export function proposalTests({ call, token, count, admin }: ApiTestContext): void {
  describe('proposals', () => {
    it('lists published proposals only, newest first, with tallies from the vote rows', async () => {
      const answer = await call('GET', `${OPEN}/proposals`);
      const page = pageOf(Proposal).parse(answer.body);
      assert.ok(page.items.every((p) => p.status === 'published'));
      assert.ok(!page.items.some((p) => p.id === 'pending-1'));
      const seeded = page.items.filter((p) => /^s\d$/.test(p.id)).map((p) => p.id);
      assert.deepEqual(seeded, ['s4', 's3', 's2', 's1', 's0']);
      assert.equal(answer.headers.get('cache-control'), CACHE.live);
      assert.ok(answer.headers.get('etag'));
    });

    it('pages with a cursor and a total, sorts by support, filters by category and text', async () => {
      const first = await call('GET', `${OPEN}/proposals?limit=2&sort=most-supported`);
      assert.equal(first.body.items.length, 2);
      assert.ok(first.body.total >= 5);
      assert.ok(first.body.nextCursor);
      const totals = first.body.items.map((p: Proposal) => p.tally.total);
      assert.ok(totals[0] >= totals[1]);
      const second = await call('GET', `${OPEN}/proposals?limit=2&sort=most-supported&cursor=${first.body.nextCursor}`);
      assert.ok(!second.body.items.some((p: Proposal) => first.body.items.some((q: Proposal) => q.id === p.id)));
      const category = await call('GET', `${OPEN}/proposals?categoryId=participation&limit=100`);
      assert.ok(category.body.items.length >= 2 && category.body.items.every((p: Proposal) => p.categoryId === 'participation'));
      const text = await call('GET', `${OPEN}/proposals?q=${encodeURIComponent('NUMÉRO 3')}`);
      assert.deepEqual(
        text.body.items.map((p: Proposal) => p.id),
        ['s3'],
      );
    });

    it('gives the same random order for the same seed, page after page', async () => {
      const all = (await call('GET', `${OPEN}/proposals?sort=random&seed=abc&limit=100`)).body.items.map((p: Proposal) => p.id);
      const a = (await call('GET', `${OPEN}/proposals?sort=random&seed=abc&limit=2`)).body;
      const b = (await call('GET', `${OPEN}/proposals?sort=random&seed=abc&limit=2&cursor=${a.nextCursor}`)).body;
      assert.deepEqual(
        [...a.items, ...b.items].map((p: Proposal) => p.id),
        all.slice(0, 4),
      );
    });

    it('refuses bad query parameters with field errors', async () => {
      const answer = await call('GET', `${OPEN}/proposals?limit=1000&sort=sideways`);
      assertProblem(answer, 422, 'validation');
      assert.deepEqual(answer.body.fieldErrors.map((e: { field: string }) => e.field).sort(), ['limit', 'sort']);
    });

    it('GET one proposal; pending ones only for their author', async () => {
      assert.equal(Proposal.parse((await call('GET', `${OPEN}/proposals/s2`)).body).tally.total, 2);
      assertProblem(await call('GET', `${OPEN}/proposals/pending-1`), 404, 'not-found');
      assertProblem(await call('GET', `${OPEN}/proposals/nope`), 404, 'not-found');
      const author = await token();
      const receipt = await call('POST', '/consultations/hidden/proposals', {
        token: author,
        body: { ...validDraft, categoryId: null, authorName: 'Camille', email: 'camille@example.fr', extra: { format: 'atelier' } },
      });
      assert.equal(receipt.status, 201);
      assert.equal(receipt.body.moderation, 'pending');
      const id = receipt.body.proposal.id;
      assertProblem(await call('GET', `/consultations/hidden/proposals/${id}`), 404, 'not-found');
      const mine = await call('GET', `/consultations/hidden/proposals/${id}`, { token: author });
      assert.equal(mine.body.status, 'pending');
      assert.equal(mine.headers.get('cache-control'), 'private, no-cache');
    });

    it('POST creates a proposal (201) that the list then shows, without the e-mail', async () => {
      const author = await token();
      const answer = await call('POST', `${OPEN}/proposals`, {
        token: author,
        key: 'create-1',
        body: { ...validDraft, title: `  ${validDraft.title}  `, email: 'me@example.fr', authorName: 'Camille' },
      });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.moderation, 'published');
      const proposal = Proposal.parse(answer.body.proposal);
      assert.equal(proposal.title, validDraft.title);
      assert.equal(proposal.authorName, 'Camille');
      assert.ok(!answer.text.includes('me@example.fr'));
      const list = await call('GET', `${OPEN}/proposals?limit=100`);
      assert.ok(list.body.items.some((p: Proposal) => p.id === proposal.id));
    });

    it('a retried create with the same key creates nothing new; another body with that key is a conflict', async () => {
      const author = await token();
      const first = await call('POST', `${OPEN}/proposals`, { token: author, key: 'retry-me', body: validDraft });
      const rows = await count('proposals');
      const retries = await Promise.all(
        [1, 2, 3].map(() => call('POST', `${OPEN}/proposals`, { token: author, key: 'retry-me', body: validDraft })),
      );
      for (const retry of retries) {
        assert.equal(retry.status, 201);
        assert.deepEqual(retry.body, first.body);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      }
      assert.equal(await count('proposals'), rows);
      assertProblem(
        await call('POST', `${OPEN}/proposals`, {
          token: author,
          key: 'retry-me',
          body: { ...validDraft, title: 'Un tout autre titre ici' },
        }),
        409,
        'conflict',
      );
      // Keys are per participant: another participant may use the same key.
      assert.equal((await call('POST', `${OPEN}/proposals`, { token: await token(), key: 'retry-me', body: validDraft })).status, 201);
    });

    it('refuses invalid drafts with the shared field errors, and a refused key can be retried once fixed', async () => {
      const author = await token();
      const bad = await call('POST', `${OPEN}/proposals`, {
        token: author,
        key: 'fix-me',
        body: { title: 'court', body: '', categoryId: 'nope', extra: { color: 'red' } },
      });
      assertProblem(bad, 422, 'validation');
      const codes = Object.fromEntries(bad.body.fieldErrors.map((e: { field: string; code: string }) => [e.field, e.code]));
      assert.deepEqual(codes, {
        title: 'too_short',
        body: 'required',
        categoryId: 'invalid',
        'extra.color': 'unknown',
        consent: 'consent',
      });
      assert.equal((await call('POST', `${OPEN}/proposals`, { token: author, key: 'fix-me', body: validDraft })).status, 201);
      const typed = await call('POST', `${OPEN}/proposals`, { token: author, body: { title: 12, body: 'x' } });
      assertProblem(typed, 422, 'validation');
      assert.equal(typed.body.fieldErrors[0].field, 'title');
    });

    it('checks the select extra field of a consultation', async () => {
      const answer = await call('POST', '/consultations/hidden/proposals', {
        token: await token(),
        body: { ...validDraft, authorName: 'C', email: 'c@example.fr', extra: { format: 'banquet' } },
      });
      assertProblem(answer, 422, 'validation');
      assert.deepEqual(
        answer.body.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
        ['extra.format:invalid'],
      );
    });

    it('rejects the honeypot (403) and stores nothing', async () => {
      const rows = await count('proposals');
      assertProblem(
        await call('POST', `${OPEN}/proposals`, {
          token: await token(),
          key: 'bot',
          body: { ...validDraft, website: 'http://spam.example' },
        }),
        403,
        'forbidden',
      );
      assert.equal(await count('proposals'), rows);
      assert.equal(await count("idempotency_keys WHERE key = 'bot'"), 0);
    });

    it('needs a token (401) and an open phase (409 closed)', async () => {
      assertProblem(await call('POST', `${OPEN}/proposals`, { body: validDraft }), 401, 'unauthorized');
      const closed = await call('POST', '/consultations/closed/proposals', { token: await token(), body: validDraft });
      assertProblem(closed, 409, 'closed');
      assert.match(closed.body.detail, /Next open from/);
    });

    it('anyone with a token may report a proposal (202); the moderators see the reason', async () => {
      const reporter = await token();
      const answer = await call('POST', `${OPEN}/proposals/s0/reports`, {
        token: reporter,
        key: 'report-1',
        body: { reason: 'Propos injurieux' },
      });
      assert.equal(answer.status, 202);
      assert.deepEqual(answer.body, { received: true });
      await call('POST', `${OPEN}/proposals/s0/reports`, { token: reporter, key: 'report-1', body: { reason: 'Propos injurieux' } });
      assert.equal(await count("reports WHERE proposal_id = 's0'"), 1);
      assertProblem(await call('POST', `${OPEN}/proposals/nope/reports`, { token: reporter, body: { reason: 'x' } }), 404, 'not-found');
      const queue = await admin('GET', '/admin/consultations/open/moderation');
      const reported = queue.body.proposals.find((p: { id: string }) => p.id === 's0');
      assert.deepEqual(reported.reportReasons, ['Propos injurieux']);
    });
  });
}
