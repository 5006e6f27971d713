/** Events: list, read, register, propose (proposed events wait for a moderator). */
import type { Hono } from 'hono';
import { validationError } from '../../src/core/errors.js';
import { ConsultationEvent, EventProposal, EventQuery, RegistrationInput, TimeZone, type FieldError } from '../../src/core/schemas.js';
import { validateEventProposal, validateRegistration } from '../../src/core/validate.js';
import type { AppContext, Env } from '../context.js';
import { fieldErrorsOf, parseWith } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { fail } from '../http/problem.js';
import { eventRow, insertEvent, insertRegistration, isRegistered, listEvents, toEvent, type NewEvent } from '../store/events.js';
import { iso, newId } from '../store/ids.js';
import { participantWrite, queryObject, requireOpen } from './helpers.js';
import { C, type RouteDoc, type RouteLink } from '../openapi/route-doc.js';
import { BODY_RULES } from '../openapi/body-rules.js';

export function eventRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/events', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const query = parseWith(EventQuery, queryObject(c));
    return cachedJson(c, await listEvents(ctx.db, consultation.id, query, ctx.now()), CACHE.live);
  });

  app.get('/consultations/:id/events/:eventId', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const row = await eventRow(ctx.db, consultation.id, c.req.param('eventId'));
    if (!row || row.moderation !== 'approved') fail('not-found', 'No such event');
    return cachedJson(c, toEvent(row), CACHE.live);
  });

  app.post('/consultations/:id/events/:eventId/registrations', (c) =>
    participantWrite(ctx, c, RegistrationInput, async ({ consultation, participant, input, tx }) => {
      // The event row is locked: two last-seat registrations cannot both succeed.
      const row = await eventRow(tx, consultation.id, c.req.param('eventId'), true);
      if (!row || row.moderation !== 'approved') fail('not-found', 'No such event');
      if (row.registration_kind !== 'inline') {
        // The client's case (a 4xx), not a server failure: where to register instead, when there is a page.
        fail(
          'closed',
          'This event takes no registration here',
          row.registration_url ? { url: row.registration_url, detail: `Register at ${row.registration_url}` } : {},
        );
      }
      if (row.status === 'cancelled' || row.status === 'postponed') fail('closed', `This event is ${row.status}`);
      if (Date.parse(iso(row.ends_at)) < ctx.now()) fail('closed', 'This event is over');
      const errors = validateRegistration(input);
      if (errors.length) throw validationError(errors);
      const already = await isRegistered(tx, row.id, participant.id);
      if (!already) {
        if (row.capacity !== null && row.registered >= row.capacity) fail('limit-reached', 'This event is full');
        await insertRegistration(tx, row.id, participant.id, input.name.trim(), input.email.trim());
      }
      const seatsLeft = row.capacity === null ? null : Math.max(0, row.capacity - row.registered - (already ? 0 : 1));
      return { status: 201, body: { eventId: row.id, seatsLeft } };
    }),
  );

  app.post('/consultations/:id/events', (c) =>
    participantWrite(ctx, c, EventProposal, async ({ consultation, participant, input, tx }) => {
      requireOpen(consultation, 'eventProposals', ctx.now());
      const errors: FieldError[] = validateEventProposal(consultation, input, new Date(ctx.now()));
      if (input.timeZone && !TimeZone.safeParse(input.timeZone).success)
        errors.push({ field: 'timeZone', code: 'invalid', message: 'timeZone is not a known time zone' });
      if (errors.length) throw validationError(errors);
      const mode = input.mode as NewEvent['mode'];
      const locality = input.address?.locality?.trim();
      const address =
        locality && mode !== 'online'
          ? (Object.fromEntries(
              Object.entries({ ...input.address, locality })
                .map(([k, v]) => [k, v?.trim()])
                .filter(([, v]) => v),
            ) as NewEvent['address'])
          : undefined;
      const event: NewEvent = {
        id: newId('e'),
        consultationId: consultation.id,
        title: input.title.trim(),
        format: input.format,
        description: input.description.trim(),
        startsAt: new Date(input.startsAt).toISOString(),
        endsAt: new Date(input.endsAt).toISOString(),
        timeZone: input.timeZone || consultation.timeZone,
        mode,
        ...(address ? { address } : {}),
        ...(input.onlineUrl?.trim() && mode !== 'in-person' ? { onlineUrl: input.onlineUrl.trim() } : {}),
        organiser: { name: input.organiserName.trim() },
        status: 'scheduled',
        registration: input.capacity ? { kind: 'inline', capacity: input.capacity } : { kind: 'none' },
        moderation: 'pending',
        organiserEmail: input.organiserEmail.trim(),
        participantId: participant.id,
      };
      // Whatever the business rules let through must still be a valid ConsultationEvent (field lengths...).
      const shape = ConsultationEvent.safeParse(toEvent(rowShape(event)));
      if (!shape.success) throw validationError(fieldErrorsOf(shape.error));
      await insertEvent(tx, event);
      const stored = await eventRow(tx, consultation.id, event.id);
      return { status: 201, body: { event: toEvent(stored!), moderation: 'pending' } };
    }),
  );
}

/** The row a new event will be, to check its public shape before inserting it. */
function rowShape(e: NewEvent): Parameters<typeof toEvent>[0] {
  return {
    id: e.id,
    consultation_id: e.consultationId,
    title: e.title,
    format: e.format,
    description: e.description,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    time_zone: e.timeZone,
    mode: e.mode,
    address: e.address ?? null,
    geo: e.geo ?? null,
    online_url: e.onlineUrl ?? null,
    organiser_name: e.organiser.name,
    organiser_url: e.organiser.url ?? null,
    organiser_email: e.organiserEmail,
    url: e.url ?? null,
    status: e.status,
    registration_kind: e.registration.kind,
    registration_url: e.registration.kind === 'external' ? e.registration.url : null,
    capacity: e.registration.kind === 'inline' ? e.registration.capacity : null,
    moderation: e.moderation,
    registered: 0,
  };
}

const eventLinks = (eventId: string): Record<string, RouteLink> => ({
  GetEvent: { operationId: 'getEvent', parameters: { id: '$request.path.id', eventId }, description: 'Read the event.' },
  Register: { operationId: 'registerForEvent', parameters: { id: '$request.path.id', eventId }, description: 'Register for the event.' },
});

/** The OpenAPI description of these routes (server/openapi/document.ts). */
export const EVENT_DOCS: RouteDoc[] = [
  {
    id: 'listEvents',
    method: 'get',
    path: `${C}/events`,
    tag: 'Events',
    summary: 'Approved events, paged',
    description: 'From now on unless `from` says otherwise, in start order.',
    auth: 'none',
    query: EventQuery,
    ok: { status: 200, description: 'A page of events', schema: 'EventPage' },
    refusals: { validation: 'a query parameter breaks its schema (`fieldErrors` name it)' },
    cached: true,
    links: eventLinks('$response.body#/items/0/id'),
  },
  {
    id: 'getEvent',
    method: 'get',
    path: `${C}/events/{eventId}`,
    tag: 'Events',
    summary: 'One event',
    description: 'An approved event, with its registration (none, external with its page, or inline with seats left).',
    auth: 'none',
    ok: { status: 200, description: 'The event', schema: 'ConsultationEvent' },
    refusals: { 'not-found': 'no such approved event' },
    cached: true,
    links: eventLinks('$request.path.eventId'),
  },
  {
    id: 'registerForEvent',
    method: 'post',
    path: `${C}/events/{eventId}/registrations`,
    tag: 'Events',
    summary: 'Register for an event',
    description: 'Registering twice keeps one seat and answers 201 again.',
    auth: 'participant',
    body: 'RegistrationInput',
    bodyRules: BODY_RULES.registration,
    ok: { status: 201, description: 'Registered', schema: 'RegistrationReceipt' },
    refusals: {
      validation: 'a field breaks a business rule (`fieldErrors`)',
      'not-found': 'no such approved event',
      forbidden: 'the honeypot `website` is filled',
      closed: 'the event takes no registration here (its page, if any, in `url`), or is cancelled, postponed or over',
      'limit-reached': 'the event is full',
    },
    write: true,
    links: { GetEvent: eventLinks('$request.path.eventId').GetEvent! },
  },
  {
    id: 'proposeEvent',
    method: 'post',
    path: `${C}/events`,
    tag: 'Events',
    summary: 'Propose an event (a relay workshop)',
    description: 'It is listed once a moderator approves it.',
    auth: 'participant',
    body: 'EventProposal',
    bodyRules: BODY_RULES.event,
    ok: { status: 201, description: 'Stored, awaiting moderation', schema: 'EventReceipt' },
    refusals: {
      validation: 'a field breaks a business rule (`fieldErrors`)',
      forbidden: 'the honeypot `website` is filled',
      closed: 'the current phase takes no proposed events',
    },
    write: true,
    links: {
      GetEvent: {
        operationId: 'getEvent',
        parameters: { id: '$request.path.id', eventId: '$response.body#/event/id' },
        description: 'Read the event once approved (404 until then).',
      },
    },
  },
];
