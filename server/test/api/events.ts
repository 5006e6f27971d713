/** Events: listing, registrations, proposed events. Part of the route suite (server/test/suite.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConsultationEvent, pageOf } from '../../../src/core/schemas.js';
import { eventProposal } from '../helpers.js';
import { ADMIN, assertProblem, OPEN, type ApiTestContext } from './context.js';

export function eventTests({ call, token, count, admin }: ApiTestContext): void {
  describe('events', () => {
    it('lists approved events from now on, filtered by format, mode and place', async () => {
      const page = pageOf(ConsultationEvent).parse((await call('GET', `${OPEN}/events`)).body);
      assert.deepEqual(
        page.items.map((e) => e.id),
        ['small', 'evry', 'online', 'cancelled'],
      );
      const fromPast = await call(
        'GET',
        `${OPEN}/events?from=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}&limit=1`,
      );
      assert.equal(fromPast.body.items[0].id, 'past');
      assert.equal(fromPast.body.total, 5);
      assert.ok(fromPast.body.nextCursor);
      assert.deepEqual(
        (await call('GET', `${OPEN}/events?mode=online`)).body.items.map((e: { id: string }) => e.id),
        ['online'],
      );
      assert.deepEqual(
        (await call('GET', `${OPEN}/events?format=ministere-ouvert`)).body.items.map((e: { id: string }) => e.id),
        ['online'],
      );
      assert.deepEqual(
        (await call('GET', `${OPEN}/events?place=evry`)).body.items.map((e: { id: string }) => e.id),
        ['evry'],
      );
      assert.deepEqual(
        (await call('GET', `${OPEN}/events?place=750`)).body.items.map((e: { id: string }) => e.id),
        ['small', 'cancelled'],
      );
      assertProblem(await call('GET', `${OPEN}/events?mode=underwater`), 422, 'validation');
    });

    it('GET one event; a pending one is not found', async () => {
      const event = ConsultationEvent.parse((await call('GET', `${OPEN}/events/small`)).body);
      assert.deepEqual(event.registration, { kind: 'inline', capacity: 2, seatsLeft: 2 });
      assertProblem(await call('GET', `${OPEN}/events/waiting`), 404, 'not-found');
    });

    it('registers once per participant, down to the last seat, then 409 limit-reached', async () => {
      const input = { name: 'Camille', email: 'camille@example.fr', consent: true };
      const first = await token();
      const one = await call('POST', `${OPEN}/events/small/registrations`, { token: first, body: input });
      assert.equal(one.status, 201);
      assert.deepEqual(one.body, { eventId: 'small', seatsLeft: 1 });
      assert.deepEqual((await call('POST', `${OPEN}/events/small/registrations`, { token: first, body: input })).body, {
        eventId: 'small',
        seatsLeft: 1,
      });
      assert.deepEqual((await call('GET', `${OPEN}/participation`, { token: first })).body.registrations, ['small']);
      const racers = await Promise.all(
        [1, 2, 3].map(async () => call('POST', `${OPEN}/events/small/registrations`, { token: await token(), body: input })),
      );
      assert.equal(racers.filter((a) => a.status === 201).length, 1);
      assert.equal(racers.filter((a) => a.status === 409 && a.body.code === 'limit-reached').length, 2);
      const full = (await call('GET', `${OPEN}/events/small`)).body;
      assert.equal(full.status, 'full');
      assert.equal(full.registration.seatsLeft, 0);
      assert.equal(await count("registrations WHERE event_id = 'small'"), 2);
    });

    it('refuses registrations that cannot be taken here', async () => {
      const t = await token();
      const input = { name: 'Camille', email: 'camille@example.fr', consent: true };
      // No registration here (none, or on another site): the client's case, 409 closed, never a 5xx; the external page in `url`.
      const external = await call('POST', `${OPEN}/events/online/registrations`, { token: t, body: input });
      assertProblem(external, 409, 'closed');
      assert.equal(external.body.url, 'https://inscription.example.fr/mo');
      assertProblem(await call('POST', `${OPEN}/events/cancelled/registrations`, { token: t, body: input }), 409, 'closed');
      assertProblem(await call('POST', `${OPEN}/events/past/registrations`, { token: t, body: input }), 409, 'closed');
      assertProblem(await call('POST', `${OPEN}/events/waiting/registrations`, { token: t, body: input }), 404, 'not-found');
      assertProblem(
        await call('POST', `${OPEN}/events/evry/registrations`, { token: t, body: { ...input, website: 'x' } }),
        403,
        'forbidden',
      );
      const invalid = await call('POST', `${OPEN}/events/evry/registrations`, { token: t, body: { name: '', email: 'nope' } });
      assertProblem(invalid, 422, 'validation');
      assert.deepEqual(
        invalid.body.fieldErrors.map((e: { field: string }) => e.field),
        ['name', 'email', 'consent'],
      );
      assertProblem(await call('POST', `${OPEN}/events/evry/registrations`, { body: input }), 401, 'unauthorized');
    });

    it('a proposed event waits for approval, then is listed', async () => {
      const input = eventProposal();
      const answer = await call('POST', `${OPEN}/events`, { token: await token(), key: 'event-1', body: input });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.moderation, 'pending');
      const event = ConsultationEvent.parse(answer.body.event);
      assert.deepEqual(event.registration, { kind: 'inline', capacity: 20, seatsLeft: 20 });
      assert.ok(!answer.text.includes('camille@example.fr'));
      assertProblem(await call('GET', `${OPEN}/events/${event.id}`), 404, 'not-found');
      const queue = await admin('GET', '/admin/consultations/open/moderation');
      assert.equal(queue.body.events.find((e: { id: string }) => e.id === event.id).organiserEmail, 'camille@example.fr');
      assert.equal((await admin('POST', `/admin/events/${event.id}/approve`)).body.moderation, 'approved');
      assert.equal((await call('GET', `${OPEN}/events/${event.id}`)).status, 200);
    });

    it('a consultation that publishes proposed events at once (moderation.event post, issue 19) lists them without a moderator', async () => {
      const settings = (await call('GET', '/admin/consultations/open/settings', { token: ADMIN })).body;
      assert.equal(settings.moderation.event ?? 'pre', 'pre', 'proposed events are moderated first by default');
      const { keys: _keys, updatedAt: _at, ...edit } = settings;
      const save = (moderation: Record<string, string>, revision: number) =>
        call('PUT', '/admin/consultations/open/settings', { token: ADMIN, body: { ...edit, moderation, revision } });
      const saved = await save({ ...settings.moderation, event: 'post' }, settings.revision);
      assert.equal(saved.status, 200, saved.text);
      assert.equal(saved.body.moderation.event, 'post');
      try {
        const answer = await call('POST', `${OPEN}/events`, { token: await token(), key: 'event-post-1', body: eventProposal() });
        assert.equal(answer.status, 201, answer.text);
        assert.equal(answer.body.moderation, 'published');
        const event = ConsultationEvent.parse(answer.body.event);
        assert.equal((await call('GET', `${OPEN}/events/${event.id}`)).status, 200);
        const queue = await admin('GET', '/admin/consultations/open/moderation');
        assert.ok(!queue.body.events.some((e: { id: string }) => e.id === event.id), 'not waiting in the queue');
      } finally {
        const back = await save({ ...settings.moderation, event: 'pre' }, saved.body.revision);
        assert.equal(back.status, 200, back.text);
      }
      const pending = await call('POST', `${OPEN}/events`, { token: await token(), key: 'event-pre-1', body: eventProposal() });
      assert.equal(pending.body.moderation, 'pending', 'back to moderation before publication');
    });

    it('refuses invalid event proposals and closed phases', async () => {
      const bad = await call('POST', `${OPEN}/events`, {
        token: await token(),
        body: {
          ...eventProposal(),
          format: 'banquet',
          startsAt: '2001-01-01T10:00:00Z',
          mode: 'online',
          onlineUrl: 'ftp://x',
          timeZone: 'Mars/Olympus',
          address: { locality: 'x'.repeat(10), placeName: 'p'.repeat(300) },
        },
      });
      assertProblem(bad, 422, 'validation');
      const fields = bad.body.fieldErrors.map((e: { field: string }) => e.field);
      for (const field of ['format', 'startsAt', 'onlineUrl', 'timeZone']) assert.ok(fields.includes(field), field);
      const long = await call('POST', `${OPEN}/events`, {
        token: await token(),
        body: { ...eventProposal(), address: { locality: 'Lyon', placeName: 'p'.repeat(300) } },
      });
      assertProblem(long, 422, 'validation');
      assert.equal(long.body.fieldErrors[0].field, 'address.placeName');
      assertProblem(await call('POST', '/consultations/closed/events', { token: await token(), body: eventProposal() }), 409, 'closed');
    });
  });
}
