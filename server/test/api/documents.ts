/** Documents, amendments, votes on them, decisions, versions (issue 21). Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Amendment, AmendmentVoteResult, DocumentVersion, TextDocument } from '../../../src/core/text.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

export const DRAFT = `# Axe 1 : Ouvrir les données

Des données ouvertes pour les communs numériques.

## Engagement 1.1 : Publier les budgets

Publier les budgets des communes chaque année.

## Engagement 1.2 : Ouvrir les codes sources

Ouvrir les codes sources des administrations.

# Axe 2 : Participation citoyenne

Associer les citoyens, les élus et les agents.
`;

export function documentTests({ call, token, count, query }: ApiTestContext): void {
  describe('documents and amendments', () => {
    const D = `${OPEN}/documents/plan`;
    const amend = (t: string, body: Record<string, unknown>, key?: string) =>
      call('POST', `${D}/amendments`, { token: t, body, ...(key ? { key } : {}) });
    const modify = (sectionId: string, text: string) => ({ sectionId, kind: 'modify', text, reason: 'Parce que c’est plus précis ainsi.' });
    const callAdmin = (method: string, path: string, body?: unknown) =>
      call(method, path, { token: ADMIN, ...(body === undefined ? {} : { body }) });
    const decide = (id: string, body: Record<string, unknown>) =>
      callAdmin('PUT', `/admin/consultations/open/amendments/${id}/decision`, body);

    it('imports a Markdown draft as sections (organisers only)', async () => {
      assertProblem(
        await call('POST', '/admin/consultations/open/documents', { token: await token(), body: { markdown: DRAFT } }),
        401,
        'unauthorized',
      );
      const created = await callAdmin('POST', '/admin/consultations/open/documents', {
        id: 'plan',
        markdown: DRAFT,
        amendmentPhases: ['ideation'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const doc = TextDocument.parse(created.body);
      assert.equal(doc.title, 'Axe 1 : Ouvrir les données');
      assert.deepEqual(
        doc.sections.map((s) => [s.id, s.parentId, s.level]),
        [
          ['s-1', null, 1],
          ['s-2', 's-1', 2],
          ['s-3', 's-1', 2],
          ['s-4', null, 1],
        ],
      );
      assert.equal(doc.sections[1]!.body, 'Publier les budgets des communes chaque année.');
      assert.equal(doc.version, 1);
      assertProblem(await callAdmin('POST', '/admin/consultations/open/documents', { id: 'plan', markdown: DRAFT }), 409, 'conflict');
      assert.equal((await call('GET', D)).status, 200);
      assertProblem(await call('GET', `${OPEN}/documents/nope`), 404, 'not-found');
    });

    it('takes an amendment with its diff; one open amendment per participant and section', async () => {
      const author = await token();
      const sent = await amend(author, modify('s-2', 'Publier en données ouvertes les budgets des communes chaque trimestre.'));
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const a = Amendment.parse(sent.body.amendment);
      assert.equal(a.baseVersion, 1);
      assert.equal(a.mine, true);
      assert.deepEqual(
        a.diff.filter((p) => p.op !== 'same').map((p) => [p.op, p.text]),
        [
          ['ins', 'en données ouvertes '],
          ['del', 'année'],
          ['ins', 'trimestre'],
        ],
      );
      assertProblem(await amend(author, modify('s-2', 'Encore une autre version du texte.')), 409, 'conflict');
      assert.equal((await amend(author, modify('s-3', 'Ouvrir tous les codes sources des administrations.'))).status, 201);
      assertProblem(await amend(author, modify('s-9', 'x')), 422, 'validation');
      assertProblem(await amend(author, { ...modify('s-4', 'Associer les citoyens, les élus et les agents.') }), 422, 'validation');
      assertProblem(await amend(author, { sectionId: 's-4', kind: 'add-after', text: 'Un texte', reason: 'court' }), 422, 'validation');
      assertProblem(await amend(author, { ...modify('s-4', 'Autre texte pour cet axe.'), website: 'http://spam' }), 403, 'forbidden');
      const doc = TextDocument.parse((await call('GET', D)).body);
      assert.equal(doc.sections.find((s) => s.id === 's-2')!.openAmendments, 1);
    });

    it('concurrent amendments of one participant on one section: one is kept', async () => {
      const author = await token();
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => amend(author, modify('s-4', `Associer les citoyens et les agents, version ${i}.`))),
      );
      assert.equal(answers.filter((a) => a.status === 201).length, 1, JSON.stringify(answers.map((a) => a.status)));
      for (const a of answers.filter((x) => x.status !== 201)) assertProblem(a, 409, 'conflict');
    });

    it('votes with the document’s model, one each; a decision closes the voting', async () => {
      const author = await token();
      const a = Amendment.parse(
        (
          await amend(author, {
            sectionId: 's-1',
            kind: 'add-after',
            title: 'Axe 1 bis',
            text: 'Un nouvel axe sur les communs.',
            reason: 'Il manque un axe entier.',
          })
        ).body.amendment,
      );
      const voters = await Promise.all([token(), token(), token()]);
      const vote = (t: string, choice: string) => call('PUT', `${D}/amendments/${a.id}/vote`, { token: t, body: { choice } });
      assertProblem(await vote(voters[0]!, 'support'), 422, 'validation');
      const results = await Promise.all([...voters, voters[0]!].map((t) => vote(t, 'for')));
      assert.ok(results.every((r) => r.status === 200));
      assert.equal(await count('amendment_votes WHERE amendment_id = $1', [a.id]), 3);
      const last = AmendmentVoteResult.parse((await vote(voters[1]!, 'mixed')).body);
      assert.deepEqual(last.tally.counts, { for: 2, mixed: 1, against: 0 });
      assert.equal(last.myVote, 'mixed');
      assertProblem(await decide(a.id, { state: 'rejected', reason: '  ' }), 422, 'validation');
      const decided = Amendment.parse((await decide(a.id, { state: 'accepted', reason: '' })).body);
      assert.equal(decided.state, 'accepted');
      assertProblem(await vote(voters[2]!, 'against'), 409, 'closed');
      assertProblem(await decide(a.id, { state: 'rejected', reason: 'Trop tard' }), 409, 'conflict');
    });

    it('a decision racing votes leaves every counted vote before it', async () => {
      const a = Amendment.parse(
        (await amend(await token(), modify('s-3', 'Ouvrir les codes sources et les algorithmes publics.'))).body.amendment,
      );
      const voters = await Promise.all(Array.from({ length: 8 }, () => token()));
      const votes = voters.map((t) => call('PUT', `${D}/amendments/${a.id}/vote`, { token: t, body: { choice: 'against' } }));
      const decision = decide(a.id, { state: 'rejected', reason: 'Hors du champ du plan.' });
      const answers = await Promise.all(votes);
      assert.equal((await decision).status, 200);
      const accepted = answers.filter((r) => r.status === 200).length;
      for (const r of answers.filter((x) => x.status !== 200)) assertProblem(r, 409, 'closed');
      assert.equal(await count('amendment_votes WHERE amendment_id = $1', [a.id]), accepted);
      const listed = (await call('GET', `${D}/amendments?sectionId=s-3`)).body.items.find((x: Amendment) => x.id === a.id);
      assert.equal(listed.tally.total, accepted);
      assert.equal(listed.decision.reason, 'Hors du champ du plan.');
    });

    it('publishes version 2 from the accepted amendments; older amendments stay readable against their base', async () => {
      const list = (await call('GET', `${D}/amendments?sectionId=s-2&state=open`)).body.items as Amendment[];
      const budget = list[0]!;
      assert.equal(
        (
          await decide(budget.id, {
            state: 'accepted-with-changes',
            reason: 'Chaque semestre plutôt.',
            text: 'Publier en données ouvertes les budgets des communes chaque semestre.',
          })
        ).status,
        200,
      );
      const published = await callAdmin('POST', '/admin/consultations/open/documents/plan/versions');
      assert.equal(published.status, 201, JSON.stringify(published.body));
      const v2 = DocumentVersion.parse(published.body);
      assert.equal(v2.number, 2);
      assert.deepEqual(v2.changelog.map((c) => c.state).sort(), ['accepted', 'accepted-with-changes']);
      assert.equal(v2.sections.find((s) => s.id === 's-2')!.body, 'Publier en données ouvertes les budgets des communes chaque semestre.');
      assert.ok(v2.sections.some((s) => s.title === 'Axe 1 bis' && s.level === 1));
      assertProblem(await callAdmin('POST', '/admin/consultations/open/documents/plan/versions'), 409, 'conflict');
      const doc = TextDocument.parse((await call('GET', D)).body);
      assert.equal(doc.version, 2);
      assert.deepEqual(
        doc.versions.map((v) => v.number),
        [1, 2],
      );
      const older = ((await call('GET', `${D}/amendments?sectionId=s-3&state=open`)).body.items as Amendment[])[0]!;
      assert.equal(older.outdated, true);
      assert.equal(older.baseText, 'Ouvrir les codes sources des administrations.');
      assert.equal(DocumentVersion.parse((await call('GET', `${D}/versions/1`)).body).sections.length, 4);
      assertProblem(await call('GET', `${D}/versions/9`), 404, 'not-found');
    });

    it('hostile text is stored as text', async () => {
      const hostile = '<img src=x onerror=alert(1)> « données » </section><script>alert(1)</script>';
      const sent = await amend(await token(), { ...modify('s-4', hostile), reason: `${hostile} raison` });
      assert.equal(sent.status, 201);
      assert.equal(sent.body.amendment.text, hostile);
    });

    it('an amendment hidden or pending in moderation cannot be decided', async () => {
      const a = Amendment.parse(
        (await amend(await token(), modify('s-1', 'Des données ouvertes pour tous les communs numériques.'))).body.amendment,
      );
      const moderate = (action: string) =>
        callAdmin('POST', '/admin/consultations/open/decisions', { targets: [`amendment:${a.id}`], action, reason: 'Propos injurieux.' });
      assert.equal((await moderate('hide')).status, 200);
      assertProblem(await decide(a.id, { state: 'accepted', reason: '' }), 409, 'conflict');
      await query("UPDATE amendments SET moderation = 'pending' WHERE id = $1", [a.id]);
      assertProblem(await decide(a.id, { state: 'rejected', reason: 'Hors sujet.' }), 409, 'conflict');
      assert.equal(await count("amendments WHERE id = $1 AND state = 'open' AND decided_at IS NULL", [a.id]), 1);
      assert.equal((await moderate('approve')).status, 200);
      assert.equal(Amendment.parse((await decide(a.id, { state: 'rejected', reason: 'Hors sujet.' })).body).state, 'rejected');
    });

    it('honours the consultation’s moderation mode for amendments: pre-moderated ones are their author’s until approved', async () => {
      const H = '/consultations/hidden/documents/plan-h';
      const imported = await callAdmin('POST', '/admin/consultations/hidden/documents', {
        id: 'plan-h',
        markdown: DRAFT,
        amendmentPhases: ['ideation'],
      });
      assert.equal(imported.status, 201, JSON.stringify(imported.body));
      const [author, other] = [await token(), await token()];
      const sent = await call('POST', `${H}/amendments`, {
        token: author,
        body: modify('s-2', 'Publier les budgets des communes chaque mois.'),
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const a = Amendment.parse(sent.body.amendment);
      assert.equal(a.moderation, 'pending');
      const listed = async (who: string) =>
        ((await call('GET', `${H}/amendments`, { token: who })).body.items as Amendment[]).map((x) => x.id);
      assert.deepEqual([await listed(author), await listed(other)], [[a.id], []]);
      assert.equal(TextDocument.parse((await call('GET', H)).body).sections[1]!.openAmendments, 0);
      assertProblem(await call('PUT', `${H}/amendments/${a.id}/vote`, { token: other, body: { choice: 'for' } }), 404, 'not-found');
      const queue = await callAdmin('GET', '/admin/consultations/hidden/queue?tab=pending');
      assert.ok(JSON.stringify(queue.body).includes(a.id), 'the pending amendment is in the moderation queue');
      const approved = await callAdmin('POST', '/admin/consultations/hidden/decisions', {
        targets: [`amendment:${a.id}`],
        action: 'approve',
        reason: 'Conforme.',
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.deepEqual(await listed(other), [a.id]);
      assert.equal(TextDocument.parse((await call('GET', H)).body).sections[1]!.openAmendments, 1);
      assert.equal((await call('PUT', `${H}/amendments/${a.id}/vote`, { token: other, body: { choice: 'for' } })).status, 200);
      // The default (no mode set, as on `open`): published at once.
      const published = await amend(await token(), modify('s-3', 'Ouvrir tous les codes sources des administrations.'));
      assert.equal(Amendment.parse(published.body.amendment).moderation, 'published');
    });

    it('counts the published comments of each section and amendment (discussions through the comments routes)', async () => {
      const who = await token();
      const [amendment] = (await call('GET', `${D}/amendments?sectionId=s-3`)).body.items as Amendment[];
      for (const target of ['section:plan/s-3', 'section:plan/s-3', `amendment:${amendment!.id}`]) {
        const posted = await call('POST', `${OPEN}/comments`, { token: who, body: { target, body: 'Un avis sur ce passage.' } });
        assert.equal(posted.status, 201, posted.text);
      }
      const doc = TextDocument.parse((await call('GET', D)).body);
      assert.deepEqual(
        doc.sections.map((x) => [x.id, x.comments]),
        doc.sections.map((x) => [x.id, x.id === 's-3' ? 2 : 0]),
      );
      const listed = (await call('GET', `${D}/amendments?sectionId=s-3`)).body.items as Amendment[];
      assert.equal(listed.find((a) => a.id === amendment!.id)!.comments, 1);
    });

    it('names the export file with a safe name whatever the document id', async () => {
      const fine = await call('GET', `${D}/export.json`);
      assert.equal(fine.status, 200);
      assert.equal(fine.headers.get('content-disposition'), 'inline; filename="open-plan.json"');
      const hostile = 'x";filename=evil.html';
      await query('INSERT INTO documents (id, consultation_id, title) VALUES ($1, $2, $3)', [hostile, 'open', 'Titre']);
      await query("INSERT INTO document_versions (document_id, number, sections, published_at) VALUES ($1, 1, '[]', now())", [hostile]);
      const answer = await call('GET', `${OPEN}/documents/${encodeURIComponent(hostile)}/export.json`);
      assert.equal(answer.status, 200, answer.text);
      const header = answer.headers.get('content-disposition') ?? '';
      assert.match(header, /^inline; filename="[A-Za-z0-9_.-]+"; filename\*=UTF-8''[A-Za-z0-9_.%-]+$/, header);
      assert.ok(!header.includes('evil.html"'), header);
      const missing = await call('GET', `${OPEN}/documents/nope%0D%0Aset-cookie:%20x%3D1/export.json`);
      assertProblem(missing, 404, 'not-found');
      assert.equal(missing.headers.get('set-cookie'), null);
      assert.equal(missing.headers.get('content-disposition'), null);
      await query('DELETE FROM documents WHERE id = $1', [hostile]);
    });
  });
}
