/**
 * A participant's own contributions and their moderation status (issue 19): only theirs, every kind, the
 * moderators' reason while hidden. Part of the route suite (server/test/suite.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MyContributions } from '../../../src/core/contributions.js';
import { eventProposal, validDraft } from '../helpers.js';
import { ADMIN, assertProblem, type ApiTestContext } from './context.js';

export function myContributionTests({ call, token }: ApiTestContext): void {
  describe('my contributions', () => {
    const HIDDEN = '/consultations/hidden';
    const mine = async (who: string | null, consultation = HIDDEN) => {
      const answer = await call('GET', `${consultation}/my-contributions`, { token: who });
      assert.equal(answer.status, 200, answer.text);
      assert.match(answer.headers.get('cache-control') ?? '', /no-store/);
      return MyContributions.parse(answer.body).items;
    };
    // The `hidden` consultation is pre-moderated and asks for a name, an e-mail and a format.
    const draft = (title: string) => ({ ...validDraft, title, authorName: 'Ana', email: 'ana@example.fr', extra: { format: 'pitch' } });
    const decide = (consultation: string, targets: string[], action: string, reason: string) =>
      call('POST', `/admin/consultations/${consultation}/decisions`, { token: ADMIN, body: { targets, action, reason } });

    it('lists the participant’s proposals, events and comments with their status; the reason only while hidden', async () => {
      const ana = await token();
      const bob = await token();
      const p1 = await call('POST', `${HIDDEN}/proposals`, {
        token: ana,
        body: draft('Première idée d’Ana'),
        key: crypto.randomUUID(),
      });
      const p2 = await call('POST', `${HIDDEN}/proposals`, {
        token: ana,
        body: draft('Seconde idée d’Ana'),
        key: crypto.randomUUID(),
      });
      await call('POST', `${HIDDEN}/proposals`, { token: bob, body: draft('Idée de Bob'), key: crypto.randomUUID() });
      assert.equal(p1.status, 201, p1.text);
      const [first, second] = [p1.body.proposal.id as string, p2.body.proposal.id as string];
      let items = await mine(ana);
      assert.deepEqual(
        items.map((i) => [i.target, i.status, i.reason]),
        [
          [`proposal:${second}`, 'pending', null],
          [`proposal:${first}`, 'pending', null],
        ],
      );
      assert.equal(items[0]!.title, 'Seconde idée d’Ana');
      assert.equal((await decide('hidden', [`proposal:${first}`], 'hide', 'Hors du champ de la consultation')).status, 200);
      assert.equal((await decide('hidden', [`proposal:${second}`], 'approve', 'Conforme à la charte')).status, 200);
      items = await mine(ana);
      const byTarget = Object.fromEntries(items.map((i) => [i.target, i]));
      assert.equal(byTarget[`proposal:${first}`]!.status, 'hidden');
      assert.equal(byTarget[`proposal:${first}`]!.reason, 'Hors du champ de la consultation');
      assert.ok(byTarget[`proposal:${first}`]!.decidedAt);
      assert.equal(byTarget[`proposal:${second}`]!.status, 'published');
      assert.equal(byTarget[`proposal:${second}`]!.reason, null, 'an approval’s reason stays with the moderators');
      // Restored: published again, no reason any more.
      await decide('hidden', [`proposal:${first}`], 'restore', 'Relu, finalement dans le champ');
      assert.deepEqual(
        (await mine(ana)).map((i) => [i.status, i.reason]),
        [
          ['published', null],
          ['published', null],
        ],
      );
      // Bob sees only his; a visitor without a token, nothing.
      assert.deepEqual(
        (await mine(bob)).map((i) => i.title),
        ['Idée de Bob'],
      );
      assert.deepEqual(await mine(null), []);
    });

    it('lists a proposed event and a comment too (every kind that names its author)', async () => {
      const cam = await token();
      const event = await call('POST', '/consultations/open/events', { token: cam, body: eventProposal(), key: crypto.randomUUID() });
      assert.equal(event.status, 201, event.text);
      const comment = await call('POST', '/consultations/open/comments', {
        token: cam,
        body: { target: 'proposal:s3', body: 'Une remarque de Camille sur cette proposition.' },
        key: crypto.randomUUID(),
      });
      assert.equal(comment.status, 201, comment.text);
      const items = await mine(cam, '/consultations/open');
      assert.deepEqual(items.map((i) => i.kind).sort(), ['comment', 'event']);
      assert.equal(items.find((i) => i.kind === 'event')!.status, 'pending');
    });

    it('refuses an unknown consultation and an unknown token', async () => {
      assertProblem(await call('GET', '/consultations/nope/my-contributions'), 404, 'not-found');
      assertProblem(await call('GET', `${HIDDEN}/my-contributions`, { token: 'not-a-token' }), 401, 'unauthorized');
    });
  });
}
