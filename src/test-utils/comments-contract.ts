/**
 * The comments part of the backend contract (issue 20), written once for every backend that offers
 * comments: `runCommentContract(name, makeBackend)` from a `*.comments.contract.test.ts` file. Seeded
 * with the same fixture as the main contract; every answer is checked against src/core/comments.ts.
 */
import { expect } from '@open-wc/testing';
import { newIdempotencyKey, type ConsultationBackend } from '../core/backend.js';
import { commentColumn } from '../core/comment-rules.js';
import { Comment, CommentPage, CommentReceipt, CommentThread, HelpfulResult, type CommentDraft } from '../core/comments.js';
import { conforms, failsWith, type MakeBackend } from './backend-contract.js';
import { C, contractFixture } from './contract-fixture.js';

const key = () => ({ idempotencyKey: newIdempotencyKey() });

export function runCommentContract(name: string, makeBackend: MakeBackend): void {
  describe(`comments contract: ${name}`, function () {
    this.timeout(20_000);
    const fixture = contractFixture();
    let participant: () => ConsultationBackend;
    let close: (() => Promise<void>) | undefined;
    let n = 0;
    /** A target of its own per test, so tests do not see each other's comments. */
    const target = () => `proposal:${C.open}-p${n++ % 7}`;
    const post = async (backend: ConsultationBackend, draft: CommentDraft) =>
      conforms(CommentReceipt, await backend.postComment(C.open, draft, key()), 'postComment').comment;
    const threads = async (backend: ConsultationBackend, t: string, sort?: 'oldest' | 'newest' | 'helpful') =>
      conforms(CommentPage, await backend.listCommentThreads(C.open, { target: t, ...(sort ? { sort } : {}) }), 'listCommentThreads').items;

    before(async function () {
      this.timeout(180_000);
      const made = await makeBackend(fixture);
      participant = () => made.participant();
      close = made.close;
    });
    after(async () => close?.());

    it('posts a comment that the target’s discussion then lists, marked as the author’s own for them only', async () => {
      const [me, other] = [participant(), participant()];
      const t = target();
      const comment = await post(me, { target: t, body: '  Un commentaire du contrat.  ', stance: 'for' });
      expect(comment).to.deep.include({
        body: 'Un commentaire du contrat.',
        stance: 'for',
        status: 'published',
        parentId: null,
        mine: true,
      });
      expect((await threads(me, t)).find((c) => c.id === comment.id)?.mine).to.equal(true);
      expect((await threads(other, t)).find((c) => c.id === comment.id)?.mine).to.equal(false);
    });

    it('the same idempotency key posts once', async () => {
      const me = participant();
      const t = `proposal:${C.open}-p6`;
      const before = (await threads(me, t)).length;
      const options = key();
      const draft = { target: t, body: 'Envoyé deux fois, compté une fois.' };
      const [a, b] = await Promise.all([me.postComment(C.open, draft, options), me.postComment(C.open, draft, options)]);
      expect(a.comment.id).to.equal(b.comment.id);
      expect((await threads(me, t)).length).to.equal(before + 1);
    });

    it('one reply level: a reply to a reply joins the thread, names whom it answers, and the thread opens from it', async () => {
      const [a, b, c] = [participant(), participant(), participant()];
      const t = target();
      const root = await post(a, { target: t, body: 'Le début du fil.' });
      const first = await post(b, { target: t, body: 'Une réponse.', parentId: root.id, authorName: 'Bo' });
      const second = await post(c, { target: t, body: 'Une réponse à la réponse.', parentId: first.id });
      expect(second.parentId).to.equal(root.id);
      expect(second.replyTo).to.deep.equal({ id: first.id, authorName: 'Bo' });
      expect((await threads(a, t)).find((x) => x.id === root.id)?.replies).to.equal(2);
      // The first page says how many comments and replies are published under the target (the live count's number).
      expect((await a.listCommentThreads(C.open, { target: t })).published).to.equal(3);
      const replies = conforms(CommentPage, await a.listCommentReplies(C.open, root.id, {}), 'listCommentReplies');
      expect(replies.items.map((r) => r.id)).to.deep.equal([first.id, second.id]);
      const thread = conforms(CommentThread, await a.getCommentThread(C.open, second.id), 'getCommentThread');
      expect([thread.comment.id, thread.replies.length]).to.deep.equal([root.id, 2]);
    });

    it('edits and deletes one’s own comment only; a deleted comment with replies stays as "deleted"', async () => {
      const [author, other] = [participant(), participant()];
      const t = target();
      const comment = await post(author, { target: t, body: 'Premier jet.' });
      const edited = conforms(Comment, await author.editComment(C.open, comment.id, { body: 'Texte revu.' }, key()), 'editComment');
      expect(edited.body).to.equal('Texte revu.');
      expect(edited.editedAt).to.be.a('string');
      await failsWith(other.editComment(C.open, comment.id, { body: 'Pas à moi.' }, key()), 'forbidden');
      await post(other, { target: t, body: 'Une réponse qui reste.', parentId: comment.id });
      expect(conforms(Comment, await author.deleteComment(C.open, comment.id, key()), 'deleteComment').status).to.equal('deleted');
      const left = (await threads(other, t)).find((c) => c.id === comment.id)!;
      expect([left.status, left.body, left.authorName, left.replies]).to.deep.equal(['deleted', '', null, 1]);
    });

    it('helpful: one vote per participant, not one’s own, taken back', async () => {
      const [author, reader] = [participant(), participant()];
      const comment = await post(author, { target: target(), body: 'Est-ce utile ?' });
      for (let i = 0; i < 3; i++)
        expect(conforms(HelpfulResult, await reader.markHelpful(C.open, comment.id, true, key()), 'markHelpful').helpful).to.equal(1);
      await failsWith(author.markHelpful(C.open, comment.id, true, key()), 'forbidden');
      expect((await reader.markHelpful(C.open, comment.id, false, key())).helpful).to.equal(0);
    });

    it('orders oldest first by default, newest and most helpful on demand', async () => {
      const [a, b] = [participant(), participant()];
      const t = target();
      const one = await post(a, { target: t, body: 'Le premier.' });
      const two = await post(a, { target: t, body: 'Le second.' });
      await b.markHelpful(C.open, two.id, true, key());
      const ids = (items: { id: string }[]) => items.map((c) => c.id).filter((id) => id === one.id || id === two.id);
      expect(ids(await threads(a, t))).to.deep.equal([one.id, two.id]);
      expect(ids(await threads(a, t, 'helpful'))).to.deep.equal([two.id, one.id]);
    });

    it('for and against side by side: each column (`stance` for, against, other) pages on its own', async () => {
      const me = participant();
      const t = target();
      const mine = new Set<string>();
      const make = async (stance?: 'for' | 'against' | 'neutral') => {
        const id = (await post(me, { target: t, body: `Un avis ${stance ?? 'sans position'}.`, ...(stance ? { stance } : {}) })).id;
        mine.add(id);
        return id;
      };
      const pro = [await make('for'), await make('against'), await make('for'), await make(), await make('for'), await make('neutral')];
      /** Every page of one column, two threads a page: the ids of this test's threads, in order. */
      const column = async (stance: 'for' | 'against' | 'other') => {
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = conforms(
            CommentPage,
            await me.listCommentThreads(C.open, { target: t, stance, limit: 2, ...(cursor ? { cursor } : {}) }),
            'listCommentThreads',
          );
          expect(page.items.length).to.be.at.most(2);
          for (const c of page.items) expect(commentColumn(c)).to.equal(stance, `${c.id} in the ${stance} column`);
          ids.push(...page.items.map((c) => c.id).filter((id) => mine.has(id)));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return ids;
      };
      expect(await column('for')).to.deep.equal([pro[0], pro[2], pro[4]]);
      expect(await column('against')).to.deep.equal([pro[1]]);
      expect(await column('other')).to.deep.equal([pro[3], pro[5]]);
    });

    it('reports take a reason, count once per participant, and hide the comment at the third', async () => {
      const author = participant();
      const t = target();
      const comment = await post(author, { target: t, body: 'Un commentaire signalé.' });
      const reporter = participant();
      for (let i = 0; i < 2; i++) await reporter.reportComment(C.open, comment.id, { reason: 'spam' }, key());
      await participant().reportComment(C.open, comment.id, { reason: 'offensive', details: 'Insulte.' }, key());
      expect((await threads(author, t)).find((c) => c.id === comment.id)?.status).to.equal('published');
      await participant().reportComment(C.open, comment.id, { reason: 'other' }, key());
      const hidden = (await threads(author, t)).find((c) => c.id === comment.id)!;
      expect([hidden.status, hidden.body]).to.deep.equal(['hidden', '']);
    });

    it('refuses a closed phase, a too short comment and an unknown target with the shared codes', async () => {
      const me = participant();
      await failsWith(me.postComment(C.closed, { target: `proposal:${C.closed}-p0`, body: 'Trop tard.' }, key()), 'closed');
      const invalid = await failsWith(me.postComment(C.open, { target: target(), body: 'x' }, key()), 'validation');
      expect(invalid.fieldErrors.map((e) => `${e.field}:${e.code}`)).to.deep.equal(['body:too_short']);
      await failsWith(
        me.postComment(C.open, { target: `proposal:${C.open}-pending`, body: 'Sur une proposition en attente.' }, key()),
        'not-found',
      );
      await failsWith(me.listCommentThreads(C.open, { target: 'proposal:nope' }), 'not-found');
    });
  });
}
