/** Events: list, read, register, propose (proposed events wait for a moderator). */
import type { Hono } from 'hono';
import { moderationMode } from '../../src/core/consultation-edit.js';
import { validationError } from '../../src/core/errors.js';
import { ConsultationEvent, EventProposal, EventQuery, RegistrationInput, TimeZone, type FieldError } from '../../src/core/schemas.js';
import { validateEventProposal, validateRegistration } from '../../src/core/validate.js';
import type { AppContext, Env } from '../context.js';
import { fieldErrorsOf, parseWith } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { fail } from '../http/problem.js';
import { eventRow, insertEvent, listEvents, toEvent, type NewEvent } from '../store/events.js';
import { newId } from '../store/ids.js';
import { recordRegistration } from '../store/registration-write.js';
import { functionWrite, participantWrite, queryObject, requireOpen, written } from './helpers.js';
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

  // One call of the database's `pgo_register` (store/registration-write.ts), which runs every check under
  // the event's row lock: two last-seat registrations cannot both succeed.
  app.post('/consultations/:id/events/:eventId/registrations', async (c) => {
    const { consultation, input, request } = await functionWrite(ctx, c, RegistrationInput);
    const outcome = await recordRegistration(ctx.db, {
      ...request,
      consultationId: consultation.id,
      eventId: c.req.param('eventId'),
      input,
      errors: validateRegistration(input),
    });
    return written(c, outcome);
  });

  app.post('/consultations/:id/events', (c) =>
    participantWrite(ctx, c, EventProposal, async ({ consultation, participant, input, tx }) => {
      requireOpen(consultation, 'eventProposals', ctx.now());
      const errors: FieldError[] = validateEventProposal(consultation, input, new Date(ctx.now()));
      if (input.timeZone && !TimeZone.safeParse(input.timeZone).success)
        errors.push({ field: 'timeZone', code: 'invalid', message: 'timeZone is not a known time zone' });
      if (errors.length) throw validationError(errors);
      // Issue 19: moderated before publication unless the consultation says otherwise (console, `moderation.event`).
      const published = moderationMode(ctx.consultation(consultation.id), 'event') === 'post';
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
        moderation: published ? 'approved' : 'pending',
        organiserEmail: input.organiserEmail.trim(),
        participantId: participant.id,
      };
      // Whatever the business rules let through must still be a valid ConsultationEvent (field lengths...).
      const shape = ConsultationEvent.safeParse(toEvent(rowShape(event)));
      if (!shape.success) throw validationError(fieldErrorsOf(shape.error));
      await insertEvent(tx, event);
      const stored = await eventRow(tx, consultation.id, event.id);
      return { status: 201, body: { event: toEvent(stored!), moderation: published ? 'published' : 'pending' } };
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
    description:
      'Moderated before publication by default: listed once a moderator approves it. A consultation whose `moderation.event` is `post` (console settings) publishes it at once (`moderation: published`).',
    auth: 'participant',
    body: 'EventProposal',
    bodyRules: BODY_RULES.event,
    ok: { status: 201, description: 'Stored: awaiting moderation, or published (see `moderation`)', schema: 'EventReceipt' },
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
