/** Comments (issue 20): every route, its refusals, and the rules the database holds. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Comment, CommentPage, CommentReceipt, CommentThread, HelpfulResult } from '../../../src/core/comments.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

export function commentTests({ call, token, query, count }: ApiTestContext): void {
  describe('comments', () => {
    const target = 'proposal:s3';
    const post = async (who: string, body: Record<string, unknown>, consultation = OPEN) =>
      call('POST', `${consultation}/comments`, { token: who, body: { target, ...body } });
    const posted = async (who: string, body: Record<string, unknown>, consultation = OPEN) => {
      const answer = await post(who, body, consultation);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return CommentReceipt.parse(answer.body).comment;
    };
    const threads = async (who: string | null, q = '') =>
      CommentPage.parse((await call('GET', `${OPEN}/comments?target=${target}${q}`, { token: who })).body);
    const decide = (targets: string[], action: string) =>
      call('POST', '/admin/consultations/open/decisions', { token: ADMIN, body: { targets, action, reason: 'test' } });

    it('posts a comment and lists it, saying to its author what is theirs; an anonymous read is public and cacheable', async () => {
      const ana = await token();
      const comment = await posted(ana, { body: '  Une bonne idée, à étendre aux départements.  ', stance: 'for', authorName: 'Ana' });
      assert.deepEqual(
        {
          body: comment.body,
          stance: comment.stance,
          authorName: comment.authorName,
          status: comment.status,
          mine: comment.mine,
          parentId: comment.parentId,
        },
        {
          body: 'Une bonne idée, à étendre aux départements.',
          stance: 'for',
          authorName: 'Ana',
          status: 'published',
          mine: true,
          parentId: null,
        },
      );
      const anonymous = await call('GET', `${OPEN}/comments?target=${target}`);
      assert.equal(anonymous.headers.get('cache-control'), 'public, max-age=0, s-maxage=5');
      const listed = CommentPage.parse(anonymous.body).items.find((c) => c.id === comment.id)!;
      assert.equal(listed.mine, false);
      const personal = await call('GET', `${OPEN}/comments?target=${target}`, { token: ana });
      assert.equal(personal.headers.get('cache-control'), 'private, no-cache');
      assert.equal(CommentPage.parse(personal.body).items.find((c) => c.id === comment.id)!.mine, true);
    });

    it('refuses what breaks the rules: length, stance, target, honeypot, closed phase, missing token', async () => {
      const who = await token();
      const fields = async (body: Record<string, unknown>, consultation = OPEN) => {
        const answer = await post(who, body, consultation);
        assertProblem(answer, 422, 'validation');
        return answer.body.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
      };
      assert.deepEqual(await fields({ body: 'x' }), ['body:too_short']);
      assert.deepEqual(await fields({ body: 'x'.repeat(1001) }), ['body:too_long']);
      assert.deepEqual(await fields({ body: '   ' }), ['body:required']);
      assert.deepEqual(await fields({ body: 'Avec une position', stance: 'maybe' }), ['stance:invalid']);
      assert.deepEqual(await fields({ body: 'Avec une position', target: 'proposal:fs0', stance: 'for' }, '/consultations/final'), [
        'stance:invalid',
      ]);
      assert.equal((await post(who, { body: 'Sans position', target: 'proposal:fs0' }, '/consultations/final')).status, 201);
      assertProblem(await post(who, { body: 'Sur rien', target: 'thing:1' }), 422, 'validation');
      assertProblem(await post(who, { body: 'Sur une proposition en attente', target: 'proposal:pending-1' }), 404, 'not-found');
      assertProblem(await post(who, { body: 'Sur une proposition inconnue', target: 'proposal:nope' }), 404, 'not-found');
      assertProblem(await post(who, { body: 'Sur un atelier en attente', target: 'event:waiting' }), 404, 'not-found');
      assertProblem(await post(who, { body: 'Un robot écrit ceci', website: 'http://spam' }), 403, 'forbidden');
      assertProblem(await post(who, { body: 'Trop tard pour ça', target: 'proposal:cs0' }, '/consultations/closed'), 409, 'closed');
      assertProblem(await call('POST', `${OPEN}/comments`, { body: { target, body: 'Sans jeton' } }), 401, 'unauthorized');
      assertProblem(await call('GET', `${OPEN}/comments?target=proposal:nope`), 404, 'not-found');
      assertProblem(await call('GET', `${OPEN}/comments`), 422, 'validation');
      assert.equal((await post(who, { body: 'Sur un atelier', target: 'event:small' })).status, 201);
    });

    it('one reply level: a reply to a reply joins the thread and says whom it answers; the database refuses a deeper one', async () => {
      const [a, b, c] = [await token(), await token(), await token()];
      const root = await posted(a, { body: 'Le premier commentaire du fil.' });
      const first = await posted(b, { body: 'Une première réponse.', parentId: root.id, authorName: 'Bo' });
      const second = await posted(c, { body: 'Une réponse à la réponse.', parentId: first.id });
      assert.equal(second.parentId, root.id);
      assert.deepEqual(second.replyTo, { id: first.id, authorName: 'Bo' });
      const replies = CommentPage.parse((await call('GET', `${OPEN}/comments/${root.id}/replies`)).body);
      assert.deepEqual(
        replies.items.map((r) => r.id),
        [first.id, second.id],
      );
      assert.equal((await threads(null)).items.find((t) => t.id === root.id)!.replies, 2);
      const thread = CommentThread.parse((await call('GET', `${OPEN}/comments/${second.id}/thread`)).body);
      assert.equal(thread.comment.id, root.id);
      assert.deepEqual(
        thread.replies.map((r) => r.id),
        [first.id, second.id],
      );
      assertProblem(await call('GET', `${OPEN}/comments/${first.id}/replies`), 404, 'not-found');
      await assert.rejects(
        query(
          `INSERT INTO comments (id, consultation_id, target, parent_id, body, status, created_at) VALUES ('deep', 'open', $1, $2, 'trop profond', 'published', now())`,
          [target, first.id],
        ),
        /pgo:validation/,
      );
      await assert.rejects(
        query(
          `INSERT INTO comments (id, consultation_id, target, parent_id, body, status, created_at) VALUES ('elsewhere', 'open', 'proposal:s1', $1, 'ailleurs', 'published', now())`,
          [root.id],
        ),
        /pgo:validation/,
      );
    });

    it('edits keep the earlier version on the server; only the author edits or deletes', async () => {
      const [author, other] = [await token(), await token()];
      const comment = await posted(author, { body: 'Premier jet du texte.', stance: 'neutral' });
      const edited = await call('PUT', `${OPEN}/comments/${comment.id}`, {
        token: author,
        body: { body: 'Texte corrigé.', stance: 'against' },
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      const after = Comment.parse(edited.body);
      assert.deepEqual([after.body, after.stance, !!after.editedAt], ['Texte corrigé.', 'against', true]);
      assert.equal(await count('comment_edits WHERE comment_id = $1 AND body = $2', [comment.id, 'Premier jet du texte.']), 1);
      assertProblem(
        await call('PUT', `${OPEN}/comments/${comment.id}`, { token: other, body: { body: 'Pas le mien.' } }),
        403,
        'forbidden',
      );
      assertProblem(await call('DELETE', `${OPEN}/comments/${comment.id}`, { token: other }), 403, 'forbidden');
      assertProblem(await call('PUT', `${OPEN}/comments/${comment.id}`, { token: author, body: { body: 'x' } }), 422, 'validation');
    });

    it('deleting a comment with replies leaves "comment deleted"; without replies it is gone; its text and history go', async () => {
      const [a, b] = [await token(), await token()];
      const lonely = await posted(a, { body: 'Un commentaire seul.' });
      const root = await posted(a, { body: 'Un commentaire avec réponse.', authorName: 'Ana' });
      await posted(b, { body: 'La réponse.', parentId: root.id });
      await call('PUT', `${OPEN}/comments/${root.id}`, { token: a, body: { body: 'Un commentaire modifié avec réponse.' } });
      for (const id of [lonely.id, root.id]) {
        const answer = await call('DELETE', `${OPEN}/comments/${id}`, { token: a });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(Comment.parse(answer.body).status, 'deleted');
      }
      const listed = (await threads(null)).items;
      assert.ok(!listed.some((c) => c.id === lonely.id));
      assert.deepEqual(((c) => [c.status, c.body, c.authorName, c.replies])(listed.find((c) => c.id === root.id)!), [
        'deleted',
        '',
        null,
        1,
      ]);
      assert.equal(await count("comments WHERE id = $1 AND body = ''", [root.id]), 1);
      assert.equal(await count('comment_edits WHERE comment_id = $1', [root.id]), 0);
      assertProblem(await call('DELETE', `${OPEN}/comments/${root.id}`, { token: a }), 409, 'conflict');
    });

    it('helpful: one vote per participant (the database’s key), not on one’s own comment, taken back with DELETE', async () => {
      const [author, reader] = [await token(), await token()];
      const comment = await posted(author, { body: 'Utile ou pas ?' });
      const url = `${OPEN}/comments/${comment.id}/helpful`;
      for (let i = 0; i < 3; i++)
        assert.deepEqual(HelpfulResult.parse((await call('PUT', url, { token: reader })).body), {
          commentId: comment.id,
          helpful: 1,
          helpfulByMe: true,
        });
      assertProblem(await call('PUT', url, { token: author }), 403, 'forbidden');
      assert.equal((await threads(reader)).items.find((c) => c.id === comment.id)!.helpfulByMe, true);
      const [{ participant_id }] = await query<{ participant_id: string }>(
        'SELECT participant_id FROM comment_helpful WHERE comment_id = $1',
        [comment.id],
      );
      await assert.rejects(
        query('INSERT INTO comment_helpful (comment_id, participant_id) VALUES ($1, $2)', [comment.id, participant_id]),
        /duplicate key|unique/,
      );
      assert.equal(HelpfulResult.parse((await call('DELETE', url, { token: reader })).body).helpful, 0);
    });

    it('orders oldest (default), newest, most helpful, pinned first; 20 a page with a cursor', async () => {
      const [a, b, c] = [await token(), await token(), await token()];
      const t = 'proposal:s4';
      const made = [];
      for (let i = 0; i < 22; i++)
        made.push(
          (await call('POST', `${OPEN}/comments`, { token: a, body: { target: t, body: `Commentaire numéro ${i}` } })).body.comment
            .id as string,
        );
      for (const who of [b, c]) await call('PUT', `${OPEN}/comments/${made[5]}/helpful`, { token: who });
      const list = async (q: string) => CommentPage.parse((await call('GET', `${OPEN}/comments?target=${t}${q}`)).body);
      const first = await list('');
      assert.equal(first.items.length, 20);
      assert.equal(first.items[0]!.id, made[0]);
      // What the live stream's count says, as of this read (issue 23: the discussion announces what is beyond it).
      assert.equal(first.published, 22);
      const second = await list(`&cursor=${first.nextCursor}`);
      assert.equal(second.published, undefined, 'only the first page says it');
      assert.deepEqual(
        second.items.map((x) => x.id),
        made.slice(20),
      );
      assert.equal(second.nextCursor, null);
      assert.equal((await list('&sort=newest')).items[0]!.id, made[21]);
      assert.equal((await list('&sort=helpful')).items[0]!.id, made[5]);
      assert.equal(
        (await call('PUT', `/admin/consultations/open/comments/${made[9]}/pin`, { token: ADMIN, body: { pinned: true } })).status,
        200,
      );
      assert.equal(
        (await call('PUT', `/admin/consultations/open/comments/${made[10]}/pin`, { token: ADMIN, body: { pinned: true } })).body.pinned,
        true,
      );
      const pinned = await list('&sort=newest');
      assert.deepEqual([pinned.items[0]!.id, pinned.items.filter((x) => x.pinned).length], [made[10], 1]);
      await assert.rejects(query('UPDATE comments SET pinned = true WHERE id = $1', [made[11]]), /duplicate key|unique/);
    });

    it('for and against side by side: each column (`stance` for, against, other) is its own list, paged on its own', async () => {
      const [a, b, c, d] = [await token(), await token(), await token(), await token()];
      const t = 'proposal:s0';
      const make = async (stance: string | null, i: number) =>
        (
          await call('POST', `${OPEN}/comments`, {
            token: a,
            body: { target: t, body: `Avis ${stance} ${i}`, ...(stance ? { stance } : {}) },
          })
        ).body.comment.id as string;
      const pro = [await make('for', 0), await make('for', 1), await make('for', 2)];
      const con = [await make('against', 0)];
      const other = [await make('neutral', 0), await make(null, 1)];
      const more = [await make('for', 3), await make('against', 1)];
      pro.push(more[0]!);
      con.push(more[1]!);
      const list = async (q: string) => CommentPage.parse((await call('GET', `${OPEN}/comments?target=${t}${q}`)).body);
      const first = await list('&stance=for&limit=2');
      assert.deepEqual([first.items.map((x) => x.id), first.total, first.published], [pro.slice(0, 2), 4, 8]);
      const second = await list(`&stance=for&limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual([second.items.map((x) => x.id), second.nextCursor], [pro.slice(2), null]);
      const against = await list('&stance=against&sort=newest');
      assert.deepEqual([against.items.map((x) => x.id), against.total], [[...con].reverse(), 2]);
      assert.deepEqual(
        (await list('&stance=other')).items.map((x) => x.id),
        other,
      );
      assert.equal((await list('')).total, 8, 'without `stance`, every thread');
      // A thread hidden by moderation shows no stance: it leaves its column for the others (as the element groups it).
      for (const who of [b, c, d]) await call('POST', `${OPEN}/comments/${pro[1]}/reports`, { token: who, body: { reason: 'spam' } });
      assert.deepEqual(
        (await list('&stance=for')).items.map((x) => x.id),
        [pro[0], pro[2], pro[3]],
      );
      assert.deepEqual(
        (await list('&stance=other')).items.map((x) => [x.id, x.status]),
        [[pro[1], 'hidden'], ...other.map((id) => [id, 'published'])],
      );
      assertProblem(await call('GET', `${OPEN}/comments?target=${t}&stance=neutral`), 422, 'validation');
    });

    it('reports need a reason; once per participant; the third hides the comment until a moderator restores it', async () => {
      const author = await token();
      const comment = await posted(author, { body: 'Un commentaire litigieux.' });
      const url = `${OPEN}/comments/${comment.id}/reports`;
      assertProblem(await call('POST', url, { token: await token(), body: { reason: 'because' } }), 422, 'validation');
      const first = await token();
      for (let i = 0; i < 3; i++)
        assert.equal((await call('POST', url, { token: first, body: { reason: 'spam', details: 'Publicité.' } })).status, 202);
      await call('POST', url, { token: await token(), body: { reason: 'offensive' } });
      assert.equal((await threads(null)).items.find((c) => c.id === comment.id)!.status, 'published');
      assert.equal((await threads(first)).items.find((c) => c.id === comment.id)!.reportedByMe, true);
      await call('POST', url, { token: await token(), body: { reason: 'other' } });
      const hidden = (await threads(null)).items.find((c) => c.id === comment.id)!;
      assert.deepEqual([hidden.status, hidden.body], ['hidden', '']);
      const queue = await call('GET', '/admin/consultations/open/queue?tab=hidden', { token: ADMIN });
      const item = queue.body.items.find((i: { target: string }) => i.target === `comment:${comment.id}`);
      assert.deepEqual(
        item.reports.map((r: { reason: string }) => r.reason),
        ['spam: Publicité.', 'offensive', 'other'],
      );
      assertProblem(await call('POST', url, { token: await token(), body: { reason: 'spam' } }), 404, 'not-found');
      assert.equal((await decide([`comment:${comment.id}`], 'restore')).status, 200);
      assert.equal((await threads(null)).items.find((c) => c.id === comment.id)!.status, 'published');
    });

    it('a section target names its document (`section:DOC/SEC`), in this consultation; an amendment target must exist here', async () => {
      // Section ids are s-1, s-2… in every document: a bare `section:s-2` would mix the discussions of every text.
      const admin = (path: string, body: unknown) => call('POST', path, { token: ADMIN, body });
      const draft = '# Axe\n\nTexte.\n\n## Engagement\n\nPublier.\n';
      for (const [consultation, id] of [
        ['open', 'cdoc'],
        ['open', 'cdoc-2'],
        ['final', 'cdoc-final'],
      ])
        assert.equal(
          (await admin(`/admin/consultations/${consultation}/documents`, { id, markdown: draft, amendmentPhases: ['ideation'] })).status,
          201,
        );
      const who = await token();
      const on = (t: string, consultation = OPEN) => post(who, { body: 'Sur ce passage du texte.', target: t }, consultation);
      assertProblem(await on('section:s-2'), 422, 'validation');
      assertProblem(await on('section:cdoc/s-9'), 404, 'not-found');
      assertProblem(await on('section:cdoc-final/s-2'), 404, 'not-found');
      assertProblem(await on('section:nope/s-2'), 404, 'not-found');
      const first = await on('section:cdoc/s-2');
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal((await on('section:cdoc-2/s-2')).status, 201);
      const listed = async (t: string) =>
        CommentPage.parse((await call('GET', `${OPEN}/comments?target=${encodeURIComponent(t)}`)).body).items.map((c) => c.target);
      assert.deepEqual(await listed('section:cdoc/s-2'), ['section:cdoc/s-2']);
      assert.deepEqual(await listed('section:cdoc-2/s-2'), ['section:cdoc-2/s-2']);
      assertProblem(await call('GET', `${OPEN}/comments?target=section:cdoc-final/s-2`), 404, 'not-found');
      // Amendments: one of this consultation, published; an unknown one is refused.
      assertProblem(await on('amendment:nope'), 404, 'not-found');
      const amended = await call('POST', `${OPEN}/documents/cdoc/amendments`, {
        token: who,
        body: { sectionId: 's-2', kind: 'modify', text: 'Publier chaque année.', reason: 'Plus précis ainsi, avec un rythme.' },
      });
      assert.equal(amended.status, 201, JSON.stringify(amended.body));
      const amendment = `amendment:${amended.body.amendment.id as string}`;
      assert.equal((await on(amendment)).status, 201);
      assertProblem(await on(amendment, '/consultations/final'), 404, 'not-found');
      await query("UPDATE amendments SET moderation = 'hidden' WHERE id = $1", [amended.body.amendment.id]);
      assertProblem(await on(amendment), 404, 'not-found');
    });

    it('one pinned comment per consultation and target (the index is scoped by consultation)', async () => {
      const insert = (id: string, consultation: string) =>
        query(
          `INSERT INTO comments (id, consultation_id, target, body, status, pinned, created_at) VALUES ($1, $2, 'event:shared', 'épinglé', 'published', true, now())`,
          [id, consultation],
        );
      await insert('pin-open', 'open');
      await insert('pin-final', 'final');
      await assert.rejects(insert('pin-open-2', 'open'), /duplicate key|unique/);
      await query("DELETE FROM comments WHERE id IN ('pin-open', 'pin-final')");
    });

    it('a forged cursor is a clear validation refusal, not a server error', async () => {
      const huge = 'z'.repeat(200);
      assertProblem(await call('GET', `${OPEN}/comments?target=${target}&cursor=${huge}`), 422, 'validation');
      const root = await posted(await token(), { body: 'Un fil pour le curseur.' });
      assertProblem(await call('GET', `${OPEN}/comments/${root.id}/replies?cursor=${huge}`), 422, 'validation');
      assertProblem(await call('GET', `${OPEN}/comments?target=${target}&cursor=-1`), 422, 'validation');
      assert.equal((await call('GET', `${OPEN}/comments?target=${target}&cursor=zz`)).status, 200);
    });

    it('open data: published comments in export.json and comments.csv, without names or participants', async () => {
      const [a, b] = [await token(), await token()];
      const t = 'proposal:s2';
      const root = (
        await call('POST', `${OPEN}/comments`, { token: a, body: { target: t, body: '=SOMME(A1) à exporter', authorName: 'Nom Secret' } })
      ).body.comment;
      const reply = (
        await call('POST', `${OPEN}/comments`, { token: b, body: { target: t, body: 'Une réponse, "citée".', parentId: root.id } })
      ).body.comment;
      const gone = (
        await call('POST', `${OPEN}/comments`, { token: b, body: { target: t, body: 'Sera masqué.', authorName: 'Autre Secret' } })
      ).body.comment;
      assert.equal((await decide([`comment:${gone.id}`], 'hide')).status, 200);
      const json = await call('GET', `${OPEN}/export.json`);
      assert.equal(json.status, 200);
      const exported = (json.body.comments as { id: string }[]).filter((c) => [root.id, reply.id, gone.id].includes(c.id));
      assert.deepEqual(exported, [
        {
          id: root.id,
          target: t,
          parentId: null,
          createdAt: root.createdAt,
          editedAt: null,
          body: '=SOMME(A1) à exporter',
          stance: null,
          organiser: false,
          helpful: 0,
        },
        {
          id: reply.id,
          target: t,
          parentId: root.id,
          createdAt: reply.createdAt,
          editedAt: null,
          body: 'Une réponse, "citée".',
          stance: null,
          organiser: false,
          helpful: 0,
        },
      ]);
      const csv = await call('GET', `${OPEN}/comments.csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      assert.equal(lines[0], 'id,target,parent_id,created_at,edited_at,body,stance,organiser,helpful');
      assert.ok(lines.includes(`${root.id},${t},,${root.createdAt},,'=SOMME(A1) à exporter,,false,0`), lines.join('\n'));
      assert.ok(lines.includes(`${reply.id},${t},${root.id},${reply.createdAt},,"Une réponse, ""citée"".",,false,0`), lines.join('\n'));
      for (const text of [json.text, csv.text]) {
        assert.ok(!text.includes('Secret'), 'an author name in the export');
        assert.ok(!text.includes(gone.id), 'a hidden comment in the export');
        assert.ok(!/participant/i.test(text.split('"comments"')[1] ?? text), 'a participant in the comments export');
      }
    });

    it('pre-moderation: a pending comment is its author’s only until approved; organisers reply with a badge from the console only', async () => {
      const author = await token();
      const answer = await call('POST', '/consultations/hidden/comments', {
        token: author,
        body: { target: 'proposal:h0', body: 'En attente de modération.', stance: 'for' },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(answer.body.moderation, 'pending');
      const id = answer.body.comment.id;
      const list = async (who: string | null) =>
        CommentPage.parse((await call('GET', '/consultations/hidden/comments?target=proposal:h0', { token: who })).body).items.map(
          (c) => c.id,
        );
      assert.deepEqual([await list(null), await list(author)], [[], [id]]);
      assert.equal(
        (
          await call('POST', '/admin/consultations/hidden/decisions', {
            token: ADMIN,
            body: { targets: [`comment:${id}`], action: 'approve', reason: 'ok' },
          })
        ).status,
        200,
      );
      assert.deepEqual(await list(null), [id]);
      // An approved comment edited under pre-moderation goes back to the queue: approval is of a text, not of an author.
      const edited = await call('PUT', `/consultations/hidden/comments/${id}`, {
        token: author,
        body: { body: 'Un tout autre texte, jamais relu.', stance: 'for' },
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(Comment.parse(edited.body).status, 'pending');
      assert.deepEqual([await list(null), await list(author)], [[], [id]]);
      assertProblem(
        await call('POST', '/consultations/hidden/comments', { token: author, body: { target: 'proposal:h0', body: 'Sans position' } }),
        422,
        'validation',
      );
      assertProblem(
        await call('POST', '/admin/consultations/hidden/comments', {
          token: ADMIN,
          body: { target: 'proposal:h0', body: 'Le jeton n’est personne.' },
        }),
        403,
        'forbidden',
      );
    });
  });
}
