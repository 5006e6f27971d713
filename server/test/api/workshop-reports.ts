/** Relay-workshop reports (issue 22): filing, host links, moderation together, origin, export. Part of the route suite. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostLinkIssued, WorkshopReport, WorkshopReportReceipt, type WorkshopReportDraft } from '../../../src/core/reports.js';
import { dayIn } from '../../../src/core/reports-rules.js';
import { Proposal } from '../../../src/core/schemas.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

/** A workshop held three days ago, proposed by `participantId` (copied from the seeded past event). */
export async function pastWorkshop(ctx: ApiTestContext, id: string, participantId: string | null): Promise<{ heldOn: string }> {
  await ctx.query(
    `INSERT INTO events (id, consultation_id, title, format, description, starts_at, ends_at, time_zone, mode, address, organiser_name, organiser_email,
       status, registration_kind, moderation, participant_id)
     SELECT $1, consultation_id, 'Atelier-relais de ' || $1, 'atelier-relais', description, starts_at, ends_at, time_zone, mode, '{"locality":"Lyon"}'::jsonb,
       'Hôte', 'hote@example.fr', 'scheduled', 'none', 'approved', $2 FROM events WHERE id = 'past'`,
    [id, participantId],
  );
  const rows = await ctx.query<{ starts_at: Date }>('SELECT starts_at FROM events WHERE id = $1', [id]);
  return { heldOn: dayIn(rows[0]!.starts_at.toISOString(), 'Europe/Paris') };
}

export function workshopDraft(heldOn: string, rows = 5, extra: Partial<WorkshopReportDraft> = {}): WorkshopReportDraft {
  return {
    heldOn,
    attendees: 24,
    organisations: 'Centre social des Pentes\nAssociation Lyon Ouverte',
    summary: 'Trois tables, deux heures de débat, beaucoup de propositions.',
    contributions: Array.from({ length: rows }, (_, i) => ({
      kind: 'proposal',
      title: `Proposition de l’atelier numéro ${i + 1}`,
      body: `Ce que la table ${i + 1} propose, rédigé ensemble pendant l’atelier.`,
      categoryId: 'donnees',
      roomSupport: 10 + i,
    })),
    consent: true,
    ...extra,
  };
}

export function workshopReportTests(ctx: ApiTestContext): void {
  const { call, token, count } = ctx;
  const participantOf = async (t: string) => (await call('GET', `${OPEN}/participation`, { token: t })).body.participant?.id as string;

  describe('workshop reports', () => {
    it('the proposer files one report; a resend with the same key from another token never doubles', async () => {
      const host = await token();
      await call('POST', `${OPEN}/events/past/registrations`, {
        token: host,
        body: { name: 'Hôte', email: 'h@example.fr', consent: true },
      });
      const { heldOn } = await pastWorkshop(ctx, 'wk-a', await participantOf(host));
      const draft = workshopDraft(heldOn);
      const first = await call('POST', `${OPEN}/events/wk-a/report`, { token: host, key: 'report-wk-a', body: draft });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const receipt = WorkshopReportReceipt.parse(first.body);
      assert.equal(receipt.report.contributions.length, 5);
      assert.equal(receipt.report.status, 'pending');
      const again = await call('POST', `${OPEN}/events/wk-a/report`, { token: host, key: 'report-wk-a', body: draft });
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      // Hours later, from another network, the stored key gone: the report's own key still finds it.
      await ctx.query("DELETE FROM idempotency_keys WHERE key = 'report-wk-a'");
      const later = await call('POST', `${OPEN}/events/wk-a/report`, { token: host, key: 'report-wk-a', body: draft });
      assert.equal(later.body.report.id, receipt.report.id);
      assertProblem(await call('POST', `${OPEN}/events/wk-a/report`, { token: host, key: 'another-key', body: draft }), 409, 'conflict');
      assert.equal(await count("workshop_reports WHERE event_id = 'wk-a'"), 1);
      assert.equal(await count(`workshop_contributions WHERE event_id = 'wk-a'`), 5);
      assertProblem(await call('GET', `${OPEN}/events/wk-a/report`), 404, 'not-found');
    });

    it('nobody else may file; a host link works until it is revoked, at once', async () => {
      const { heldOn } = await pastWorkshop(ctx, 'wk-b', null);
      const stranger = await token();
      assertProblem(
        await call('POST', `${OPEN}/events/wk-b/report`, { token: stranger, key: 'b-1', body: workshopDraft(heldOn) }),
        403,
        'forbidden',
      );
      assertProblem(
        await call('POST', `${OPEN}/events/wk-b/report`, {
          token: stranger,
          key: 'b-2',
          body: workshopDraft(heldOn, 5, { hostKey: 'hl_guessed' }),
        }),
        403,
        'forbidden',
      );
      assertProblem(await call('POST', `${OPEN}/events/wk-b/report`, { key: 'b-3', body: workshopDraft(heldOn) }), 401, 'unauthorized');
      const issued = await call('POST', '/admin/consultations/open/events/wk-b/host-links', {
        token: ADMIN,
        body: { eventId: 'wk-b', label: 'Hôte de Lyon' },
      });
      assert.equal(issued.status, 201);
      const { link, secret } = HostLinkIssued.parse(issued.body);
      const stored = await ctx.query<{ secret_hash: string }>('SELECT secret_hash FROM workshop_host_links WHERE id = $1', [link.id]);
      assert.notEqual(stored[0]!.secret_hash, secret);
      assert.ok(
        !JSON.stringify((await call('GET', '/admin/consultations/open/events/wk-b/host-links', { token: ADMIN })).body).includes(secret),
      );
      const revoked = await call('DELETE', `/admin/consultations/open/host-links/${link.id}`, { token: ADMIN });
      assert.ok(revoked.body.revokedAt);
      assertProblem(
        await call('POST', `${OPEN}/events/wk-b/report`, {
          token: stranger,
          key: 'b-4',
          body: workshopDraft(heldOn, 5, { hostKey: secret }),
        }),
        403,
        'forbidden',
      );
      const live = HostLinkIssued.parse(
        (await call('POST', '/admin/consultations/open/events/wk-b/host-links', { token: ADMIN, body: { eventId: 'wk-b' } })).body,
      );
      const filed = await call('POST', `${OPEN}/events/wk-b/report`, {
        token: stranger,
        key: 'b-5',
        body: workshopDraft(heldOn, 5, { hostKey: live.secret }),
      });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assertProblem(
        await call('POST', '/admin/consultations/open/events/wk-b/host-links', { body: { eventId: 'wk-b' } }),
        401,
        'unauthorized',
      );
    });

    it('takes a 60-row report over the 64 KB body limit of other routes (up to eight times it)', async () => {
      const host = await token();
      const { heldOn } = await pastWorkshop(ctx, 'wk-long', await participantOf(host));
      const draft = workshopDraft(heldOn, 60);
      for (const row of draft.contributions) row.body = `${row.body} ${'Un texte long rédigé par la salle. '.repeat(40)}`.slice(0, 1400);
      assert.ok(JSON.stringify(draft).length > 64 * 1024);
      const filed = await call('POST', `${OPEN}/events/wk-long/report`, { token: host, key: 'long-1', body: draft });
      assert.equal(filed.status, 201, JSON.stringify(filed.body).slice(0, 300));
      assert.equal(await count("workshop_contributions WHERE event_id = 'wk-long'"), 60);
      const tooBig = await call('POST', `${OPEN}/proposals`, {
        token: host,
        key: 'long-2',
        raw: JSON.stringify({ title: 'x', body: 'y'.repeat(70 * 1024) }),
      });
      assertProblem(tooBig, 413, 'too-large');
    });

    it('refuses duplicate titles, a report before the workshop started, and bad fields', async () => {
      const host = await token();
      const { heldOn } = await pastWorkshop(ctx, 'wk-c', await participantOf(host).catch(() => null));
      const me = await participantOf(host);
      await ctx.query('UPDATE events SET participant_id = $1 WHERE id = $2', [me ?? null, 'wk-c']);
      const twice = workshopDraft(heldOn, 3);
      twice.contributions[2]!.title = '  proposition de l’ATELIER numéro 1 ';
      const refused = await call('POST', `${OPEN}/events/wk-c/report`, { token: host, key: 'c-1', body: twice });
      assertProblem(refused, 422, 'validation');
      assert.deepEqual(
        refused.body.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
        ['contributions.2.title:duplicate'],
      );
      const bad = await call('POST', `${OPEN}/events/wk-c/report`, {
        token: host,
        key: 'c-2',
        body: { ...workshopDraft('2020-01-01', 0), attendees: -1, consent: false },
      });
      assert.deepEqual(
        bad.body.fieldErrors.map((e: { field: string }) => e.field),
        ['heldOn', 'attendees', 'contributions', 'consent'],
      );
      await ctx.query("UPDATE events SET starts_at = now() + interval '2 days', ends_at = now() + interval '3 days' WHERE id = 'wk-c'");
      assertProblem(
        await call('POST', `${OPEN}/events/wk-c/report`, { token: host, key: 'c-3', body: workshopDraft(heldOn) }),
        409,
        'closed',
      );
      assert.equal(await count("workshop_reports WHERE event_id = 'wk-c'"), 0);
    });

    it('approving the report publishes its pending contributions, labelled, votable, apart from the room support', async () => {
      const reportId = (await ctx.query<{ id: string }>("SELECT id FROM workshop_reports WHERE event_id = 'wk-a'"))[0]!.id;
      const ids = (
        await ctx.query<{ proposal_id: string }>("SELECT proposal_id FROM workshop_contributions WHERE event_id = 'wk-a' ORDER BY position")
      ).map((r) => r.proposal_id);
      const queue = await call('GET', '/admin/consultations/open/queue?tab=pending', { token: ADMIN });
      assert.ok(
        queue.body.items.some(
          (i: { target: string; title: string }) =>
            i.target === `workshop-report:${reportId}` && i.title === 'Atelier-relais : Atelier-relais de wk-a',
        ),
      );
      // One by one first: the fifth is hidden on its own and stays so.
      await call('POST', '/admin/consultations/open/decisions', {
        token: ADMIN,
        body: { targets: [`proposal:${ids[4]}`], action: 'hide', reason: 'Hors sujet' },
      });
      const decided = await call('POST', '/admin/consultations/open/decisions', {
        token: ADMIN,
        body: { targets: [`workshop-report:${reportId}`], action: 'approve', reason: 'Compte rendu relu' },
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      const report = WorkshopReport.parse((await call('GET', `${OPEN}/events/wk-a/report`)).body);
      assert.deepEqual(
        report.contributions.map((c) => c.proposalId),
        ids.slice(0, 4),
      );
      const proposal = Proposal.parse((await call('GET', `${OPEN}/proposals/${ids[0]}`)).body);
      assert.deepEqual(proposal.origin, {
        kind: 'workshop',
        eventId: 'wk-a',
        reportId,
        eventTitle: 'Atelier-relais de wk-a',
        town: 'Lyon',
        roomSupport: 10,
      });
      assert.equal(proposal.tally.total, 0);
      const voted = await call('PUT', `${OPEN}/proposals/${ids[0]}/vote`, {
        token: await token(),
        key: 'vote-wk',
        body: { choice: 'support' },
      });
      assert.equal(voted.body.tally.total, 1);
      const workshop = await call('GET', `${OPEN}/proposals?origin=workshop&limit=100`);
      assert.deepEqual(workshop.body.items.map((p: { id: string }) => p.id).sort(), ids.slice(0, 4).sort());
      const byEvent = await call('GET', `${OPEN}/proposals?eventId=wk-b&limit=100`);
      assert.equal(byEvent.body.total, 0);
      const online = await call('GET', `${OPEN}/proposals?origin=online&limit=100`);
      assert.ok(online.body.items.every((p: { origin?: unknown }) => !p.origin));
      const exported = await call('GET', `${OPEN}/export.json`);
      const row = exported.body.proposals.find((p: { id: string }) => p.id === ids[0]);
      assert.deepEqual(row.origin, {
        kind: 'workshop',
        eventId: 'wk-a',
        eventTitle: 'Atelier-relais de wk-a',
        town: 'Lyon',
        roomSupport: 10,
      });
      assert.equal(exported.body.proposals.find((p: { id: string }) => p.id === 's1').origin, null);
      const csv = (await call('GET', `${OPEN}/export.csv`)).text;
      assert.match(csv.split('\r\n')[0]!, /,origin,origin_event_id,origin_event,origin_town,room_support$/);
    });
  });
}
