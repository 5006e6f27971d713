/** Votes: casting, limits, withdrawal, moderation’s effect, concurrency. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Participation, Proposal, VoteResult } from '../../../src/core/schemas.js';
import { assertProblem, OPEN, type ApiTestContext } from './context.js';

export function voteTests({ call, token, count, admin, query }: ApiTestContext): void {
  describe('votes', () => {
    const vote = (t: string, proposal: string, choice: string, consultation = OPEN, key?: string) =>
      call('PUT', `${consultation}/proposals/${proposal}/vote`, { token: t, body: { choice }, ...(key ? { key } : {}) });

    it('casts, keeps and withdraws a vote; the tally and participation follow', async () => {
      const voter = await token();
      const before = (await call('GET', `${OPEN}/proposals/s3`)).body.tally.total;
      const cast = await vote(voter, 's3', 'support');
      assert.equal(cast.status, 200);
      const result = VoteResult.parse(cast.body);
      assert.equal(result.tally.total, before + 1);
      assert.deepEqual(result.participation.votes, { s3: 'support' });
      assert.equal(result.participation.votesLeft, 2);
      assert.equal((await vote(voter, 's3', 'support')).body.tally.total, before + 1);
      const withdrawn = await call('DELETE', `${OPEN}/proposals/s3/vote`, { token: voter });
      assert.equal(withdrawn.status, 200);
      assert.equal(withdrawn.body.tally.total, before);
      assert.deepEqual(withdrawn.body.participation.votes, {});
      assert.equal(withdrawn.body.participation.votesLeft, 3);
    });

    it('stops at the vote limit (409 limit-reached)', async () => {
      const voter = await token();
      for (const id of ['s0', 's1', 's2']) assert.equal((await vote(voter, id, 'support')).status, 200);
      assertProblem(await vote(voter, 's4', 'support'), 409, 'limit-reached');
      // Changing nothing on an existing vote is still fine at the limit.
      assert.equal((await vote(voter, 's0', 'support')).status, 200);
    });

    it('final votes cannot be changed or withdrawn (403); for/against/mixed choices are counted apart', async () => {
      const voter = await token();
      const cast = await vote(voter, 'fs0', 'against', '/consultations/final');
      assert.deepEqual(cast.body.tally.counts, { for: 0, mixed: 0, against: 1 });
      assertProblem(await vote(voter, 'fs0', 'for', '/consultations/final'), 403, 'forbidden');
      assertProblem(await call('DELETE', '/consultations/final/proposals/fs0/vote', { token: voter }), 403, 'forbidden');
      assertProblem(await vote(voter, 'fs0', 'support', '/consultations/final'), 422, 'validation');
    });

    it('refuses votes on closed phases, unpublished or unknown proposals, and without a token', async () => {
      const voter = await token();
      assertProblem(await vote(voter, 'cs0', 'support', '/consultations/closed'), 409, 'closed');
      assertProblem(await vote(voter, 'pending-1', 'support'), 409, 'closed');
      assertProblem(await vote(voter, 'nope', 'support'), 404, 'not-found');
      assertProblem(await call('PUT', `${OPEN}/proposals/s0/vote`, { body: { choice: 'support' } }), 401, 'unauthorized');
      assertProblem(await vote(voter, 's0', 'sideways'), 422, 'validation');
    });

    it('hides counts until the end when configured', async () => {
      const answer = await vote(await token(), 'h0', 'interest', '/consultations/hidden');
      assert.deepEqual(answer.body.tally, { proposalId: 'h0', hidden: true, total: null, counts: null });
      assert.equal((await call('GET', '/consultations/hidden/proposals/h0')).body.tally.hidden, true);
      // Sorting by support would leak the hidden counts: it falls back to the newest first.
      await query(
        "INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ('h1', 'hidden', 'Récente', 'Sans soutien', 'published')",
      );
      const sorted = await call('GET', '/consultations/hidden/proposals?sort=most-supported');
      assert.deepEqual(
        sorted.body.items.map((p: Proposal) => p.id),
        ['h1', 'h0'],
      );
    });

    it('100 concurrent identical votes with one key count once and all get the first answer', async () => {
      const voter = await token();
      const answers = await Promise.all(Array.from({ length: 100 }, () => vote(voter, 's4', 'support', OPEN, 'same-key')));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
      assert.equal(new Set(answers.map((a) => JSON.stringify(a.body))).size, 1);
      assert.equal(await count('votes WHERE participant_id = $1', [answers[0]!.body.participation.participant.id]), 1);
    });

    it('100 concurrent identical votes with different keys count once', async () => {
      const voter = await token();
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => vote(voter, 's4', 'support', OPEN, `key-${i}`)));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
      assert.equal(
        await count("votes WHERE participant_id = $1 AND proposal_id = 's4'", [answers[0]!.body.participation.participant.id]),
        1,
      );
    });

    it('a participant with 3 votes left firing 10 concurrent votes gets exactly 3', async () => {
      const voter = await token();
      const ids = Array.from({ length: 10 }, (_, i) => `race-${i}`);
      for (const id of ids) {
        await query(
          "INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ($1, 'open', 'Course', 'Course aux votes', 'published')",
          [id],
        );
      }
      const answers = await Promise.all(ids.map((id) => vote(voter, id, 'support')));
      assert.equal(answers.filter((a) => a.status === 200).length, 3);
      assert.equal(answers.filter((a) => a.status === 409 && a.body.code === 'limit-reached').length, 7);
      const participant = (await call('GET', `${OPEN}/participation`, { token: voter })).body;
      assert.equal(Object.keys(participant.votes).length, 3);
      assert.equal(participant.votesLeft, 0);
      assert.equal(await count('votes WHERE participant_id = $1', [participant.participant.id]), 3);
    });

    it('a vote for a proposal moderators hide is released (costs nothing, not listed) and may still be withdrawn', async () => {
      const ids = ['mod-a', 'mod-b', 'mod-c', 'mod-d', 'mod-e'];
      for (const id of ids) {
        await query(
          "INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ($1, 'open', 'Modérée', 'Proposition modérée', 'published')",
          [id],
        );
      }
      const voter = await token();
      for (const id of ['mod-a', 'mod-b', 'mod-c']) assert.equal((await vote(voter, id, 'support')).status, 200);
      assertProblem(await vote(voter, 'mod-d', 'support'), 409, 'limit-reached');
      assert.equal((await admin('POST', '/admin/proposals/mod-b/hide')).status, 200);
      const released = Participation.parse((await call('GET', `${OPEN}/participation`, { token: voter })).body);
      assert.deepEqual(released.votes, { 'mod-a': 'support', 'mod-c': 'support' });
      assert.equal(released.votesLeft, 1);
      // The released vote is spent again elsewhere.
      assert.equal((await vote(voter, 'mod-d', 'support')).body.participation.votesLeft, 0);
      // Withdrawing the hidden proposal's vote works; it does not come back on restore.
      const withdrawn = await call('DELETE', `${OPEN}/proposals/mod-b/vote`, { token: voter });
      assert.equal(withdrawn.status, 200, withdrawn.text);
      assert.deepEqual(VoteResult.parse(withdrawn.body).participation.votes, {
        'mod-a': 'support',
        'mod-c': 'support',
        'mod-d': 'support',
      });
      assert.equal(await count("votes WHERE proposal_id = 'mod-b'"), 0);
      assert.equal((await admin('POST', '/admin/proposals/mod-b/restore')).status, 200);
      assert.equal(Object.keys((await call('GET', `${OPEN}/participation`, { token: voter })).body.votes).length, 3);
      // A vote not withdrawn comes back with its restored proposal, even above the limit (votesLeft stays at 0).
      assert.equal((await admin('POST', '/admin/proposals/mod-a/hide')).status, 200);
      assert.equal((await vote(voter, 'mod-e', 'support')).status, 200);
      assert.equal((await admin('POST', '/admin/proposals/mod-a/restore')).status, 200);
      const restored = Participation.parse((await call('GET', `${OPEN}/participation`, { token: voter })).body);
      assert.deepEqual(Object.keys(restored.votes).sort(), ['mod-a', 'mod-c', 'mod-d', 'mod-e']);
      assert.equal(restored.votesLeft, 0);
      assertProblem(await vote(voter, 'mod-b', 'support'), 409, 'limit-reached');
      assertProblem(await call('DELETE', `${OPEN}/proposals/nope/vote`, { token: voter }), 404, 'not-found');
    });

    it('tallies equal the vote rows for every proposal', async () => {
      const list = await call('GET', `${OPEN}/proposals?limit=100`);
      assert.ok(list.body.items.length > 10);
      for (const proposal of list.body.items as Proposal[]) {
        assert.equal(proposal.tally.total, await count('votes WHERE proposal_id = $1', [proposal.id]), proposal.id);
      }
    });
  });
}
