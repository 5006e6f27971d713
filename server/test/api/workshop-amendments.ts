/**
 * A relay workshop's amendment rows (issues 22 and 21): filed with the report, they are #21 amendments of the
 * collaborative text waiting with it for a moderator; approved with the report (or one by one) they show in
 * their section with the workshop as origin, are voted on and discussed like any other, and reach the export.
 * Part of the route suite (server/test/suite.ts), on PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkshopReport, WorkshopReportReceipt, type WorkshopReportDraft } from '../../../src/core/reports.js';
import { Amendment, TextDocument } from '../../../src/core/text.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';
import { DRAFT } from './documents.js';
import { pastWorkshop, workshopDraft } from './workshop-reports.js';

const D = `${OPEN}/documents/wk-text`;

/** Two proposals, then two amendments of the room on the same section (`s-2`) and one on `s-3`. */
function withAmendments(heldOn: string, extra: Partial<WorkshopReportDraft> = {}): WorkshopReportDraft {
  const draft = workshopDraft(heldOn, 2, extra);
  draft.contributions.push(
    {
      kind: 'amendment',
      documentId: 'wk-text',
      sectionId: 's-2',
      title: 'Publier les budgets chaque trimestre',
      body: 'Publier les budgets des communes chaque trimestre, en données ouvertes.',
      roomSupport: 17,
    },
    {
      kind: 'amendment',
      documentId: 'wk-text',
      sectionId: 's-2',
      title: 'Expliquer les budgets aux habitants',
      body: 'Publier les budgets des communes chaque année, avec une présentation lisible par tous.',
      roomSupport: null,
    },
    {
      kind: 'amendment',
      documentId: 'wk-text',
      sectionId: 's-3',
      title: 'Ouvrir aussi les algorithmes',
      body: 'Ouvrir les codes sources et les algorithmes des administrations.',
      roomSupport: 4,
    },
  );
  return draft;
}

export function workshopAmendmentTests(ctx: ApiTestContext): void {
  const { call, token, count } = ctx;
  const participantOf = async (t: string) => (await call('GET', `${OPEN}/participation`, { token: t })).body.participant?.id as string;
  const decide = (targets: string[], action: 'approve' | 'hide') =>
    call('POST', '/admin/consultations/open/decisions', { token: ADMIN, body: { targets, action, reason: 'Compte rendu relu' } });
  const amendments = async (t?: string) =>
    (await call('GET', `${D}/amendments`, t ? { token: t } : {})).body.items.map((a: unknown) => Amendment.parse(a));

  describe('workshop reports: amendment rows', () => {
    it('become amendments of the text, pending with the report; refused clearly on an unknown section or document', async () => {
      const created = await call('POST', '/admin/consultations/open/documents', {
        token: ADMIN,
        body: { id: 'wk-text', markdown: DRAFT, amendmentPhases: ['ideation'] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const host = await token();
      const { heldOn } = await pastWorkshop(ctx, 'wk-am', await participantOf(host));
      const wrong = withAmendments(heldOn);
      wrong.contributions[2]!.sectionId = 's-99';
      wrong.contributions[4]!.documentId = 'no-such-text';
      const refused = await call('POST', `${OPEN}/events/wk-am/report`, { token: host, key: 'am-0', body: wrong });
      assertProblem(refused, 422, 'validation');
      assert.deepEqual(
        refused.body.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
        ['contributions.2.sectionId:invalid', 'contributions.4.documentId:invalid'],
      );
      assert.equal(await count("workshop_reports WHERE event_id = 'wk-am'"), 0);

      const filed = await call('POST', `${OPEN}/events/wk-am/report`, { token: host, key: 'am-1', body: withAmendments(heldOn) });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      const rows = WorkshopReportReceipt.parse(filed.body).report.contributions;
      assert.deepEqual(
        rows.map((r) => [r.kind, r.proposalId === null, r.amendmentId === null]),
        [
          ['proposal', false, true],
          ['proposal', false, true],
          ['amendment', true, false],
          ['amendment', true, false],
          ['amendment', true, false],
        ],
      );
      // The same draft again (same key, the stored key gone): nothing twice.
      await ctx.query("DELETE FROM idempotency_keys WHERE key = 'am-1'");
      assert.equal(
        (await call('POST', `${OPEN}/events/wk-am/report`, { token: host, key: 'am-1', body: withAmendments(heldOn) })).status,
        201,
      );
      assert.equal(await count("amendments WHERE document_id = 'wk-text'"), 3);
      assert.equal(await count("amendments WHERE document_id = 'wk-text' AND moderation = 'pending' AND base_version = 1"), 3);
      // Not public before a moderator approves; the host sees them awaiting.
      assert.deepEqual(await amendments(), []);
      assert.equal(TextDocument.parse((await call('GET', D)).body).sections[1]!.openAmendments, 0);
      assert.deepEqual(
        (await amendments(host)).map((a: Amendment) => a.moderation),
        ['pending', 'pending', 'pending'],
      );
    });

    it('approved with the report (twice: nothing twice), they show with their origin, votable, discussed, counted, exported', async () => {
      const report = (await ctx.query<{ id: string }>("SELECT id FROM workshop_reports WHERE event_id = 'wk-am'"))[0]!.id;
      const ids = (
        await ctx.query<{ amendment_id: string }>(
          "SELECT amendment_id FROM workshop_contributions WHERE event_id = 'wk-am' AND kind = 'amendment' ORDER BY position",
        )
      ).map((r) => r.amendment_id);
      // One by one first: the one on s-3 is hidden on its own and stays so.
      assert.equal((await decide([`amendment:${ids[2]}`], 'hide')).status, 200);
      assert.equal((await decide([`workshop-report:${report}`], 'approve')).status, 200);
      assert.equal((await decide([`workshop-report:${report}`], 'approve')).status, 200);
      assert.equal(await count("amendments WHERE document_id = 'wk-text'"), 3);
      const shown = await amendments();
      // Filed together, they share their creation time: compared as sets.
      assert.deepEqual(shown.map((a: Amendment) => a.id).sort(), ids.slice(0, 2).sort());
      const first = shown.find((a: Amendment) => a.id === ids[0]) as Amendment;
      assert.deepEqual(first.origin, {
        kind: 'workshop',
        eventId: 'wk-am',
        reportId: report,
        eventTitle: 'Atelier-relais de wk-am',
        town: 'Lyon',
        roomSupport: 17,
      });
      assert.equal(first.sectionId, 's-2');
      assert.equal(first.kind, 'modify');
      assert.equal(first.text, 'Publier les budgets des communes chaque trimestre, en données ouvertes.');
      assert.equal(first.reason, 'Publier les budgets chaque trimestre');
      assert.equal(first.baseVersion, 1);
      assert.equal(first.tally.total, 0);
      assert.equal(first.moderation, 'published');
      // Counted in the section, like any other open amendment.
      assert.equal(TextDocument.parse((await call('GET', D)).body).sections[1]!.openAmendments, 2);
      // Voted on: the room's 17 are never added.
      const voted = await call('PUT', `${D}/amendments/${ids[0]}/vote`, { token: await token(), key: 'am-vote', body: { choice: 'for' } });
      assert.equal(voted.status, 200, JSON.stringify(voted.body));
      assert.equal(voted.body.tally.total, 1);
      // Discussed.
      const comment = await call('POST', `${OPEN}/comments`, {
        token: await token(),
        body: { target: `amendment:${ids[0]}`, body: 'Un trimestre, c’est ambitieux mais faisable.' },
      });
      assert.equal(comment.status, 201, JSON.stringify(comment.body));
      // The public report lists the published rows only.
      const published = WorkshopReport.parse((await call('GET', `${OPEN}/events/wk-am/report`)).body);
      assert.deepEqual(
        published.contributions.filter((c) => c.kind === 'amendment').map((c) => c.amendmentId),
        ids.slice(0, 2),
      );
      // Open data: each amendment says where it comes from.
      const exported = (await call('GET', `${D}/export.json`)).body;
      assert.equal(exported.amendments.length, 2);
      const exportedOf = (id: string) => exported.amendments.find((a: { id: string }) => a.id === id);
      assert.equal(exportedOf(ids[1]!).origin.roomSupport, null);
      assert.deepEqual(exportedOf(ids[0]!).origin, {
        kind: 'workshop',
        eventId: 'wk-am',
        eventTitle: 'Atelier-relais de wk-am',
        town: 'Lyon',
        roomSupport: 17,
      });
      // An online amendment: no origin.
      const online = await call('POST', `${D}/amendments`, {
        token: await token(),
        body: { sectionId: 's-4', kind: 'modify', text: 'Associer les citoyens et les agents.', reason: 'Plus court et plus clair.' },
      });
      assert.equal(online.status, 201, JSON.stringify(online.body));
      assert.equal(Amendment.parse(online.body.amendment).origin, undefined);
      const again = (await call('GET', `${D}/export.json`)).body.amendments;
      assert.equal(again.find((a: { id: string }) => a.id === online.body.amendment.id).origin, null);
    });
  });
}
