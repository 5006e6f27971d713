/** The memory backend's events: listing (period, format, mode, place), reading, registering (seats) and proposing (awaits moderation). */
import type { RequestOptions, WriteOptions } from '../../core/backend.js';
import { backendError, validationError } from '../../core/errors.js';
import { matchesPlace, pageFrom } from '../../core/query.js';
import type {
  ConsultationEvent,
  EventProposal,
  EventQuery,
  EventReceipt,
  Page,
  RegistrationInput,
  RegistrationReceipt,
} from '../../core/schemas.js';
import { validateEventProposal, validateRegistration } from '../../core/validate.js';
import type { MemoryEvent, MemoryStore } from './store.js';

export async function listEvents(
  store: MemoryStore,
  consultationId: string,
  query: EventQuery,
  options?: RequestOptions,
): Promise<Page<ConsultationEvent>> {
  await store.enter('listEvents', [consultationId, query], options);
  store.consultation(consultationId);
  const from = query.from ? Date.parse(query.from) : store.now();
  const to = query.to ? Date.parse(query.to) : Infinity;
  const items = [...store.events.values()]
    .filter((e) => e.consultationId === consultationId && (e.moderation ?? 'approved') === 'approved')
    .filter((e) => Date.parse(e.endsAt) >= from && Date.parse(e.startsAt) <= to)
    .filter((e) => !query.format || e.format === query.format)
    .filter((e) => !query.mode || e.mode === query.mode)
    .filter((e) => !query.place || matchesPlace(e.address, query.place))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id))
    .map((e) => publicEvent(e));
  return pageFrom(items, query.cursor, query.limit ?? 20);
}

export async function getEvent(
  store: MemoryStore,
  consultationId: string,
  eventId: string,
  options?: RequestOptions,
): Promise<ConsultationEvent> {
  await store.enter('getEvent', [consultationId, eventId], options);
  return publicEvent(listedEvent(store, consultationId, eventId));
}

export function registerForEvent(
  store: MemoryStore,
  consultationId: string,
  eventId: string,
  input: RegistrationInput,
  options: WriteOptions,
): Promise<RegistrationReceipt> {
  return store.once('registerForEvent', [consultationId, eventId, input], options, () => {
    const event = listedEvent(store, consultationId, eventId);
    if (input.website) throw backendError('forbidden', 'Rejected as spam');
    if (event.registration.kind !== 'inline') {
      // As the server: the client's case (409 closed), with the external registration page when there is one.
      throw backendError(
        'closed',
        'This event takes no registration here',
        event.registration.kind === 'external' ? { url: event.registration.url } : {},
      );
    }
    if (event.status === 'cancelled' || event.status === 'postponed') throw backendError('closed', `This event is ${event.status}`);
    const errors = validateRegistration(input);
    if (errors.length) throw validationError(errors);
    const seats = store.registrations.get(eventId) ?? new Map<string, RegistrationInput>();
    store.registrations.set(eventId, seats);
    const reg = event.registration;
    if (!seats.has(store.participantId)) {
      if (reg.seatsLeft !== null && reg.seatsLeft <= 0) throw backendError('limit-reached', 'This event is full');
      seats.set(store.participantId, { ...input });
      if (reg.seatsLeft !== null) reg.seatsLeft -= 1;
      if (reg.seatsLeft === 0) event.status = 'full';
    }
    return { eventId, seatsLeft: reg.seatsLeft };
  });
}

export function proposeEvent(
  store: MemoryStore,
  consultationId: string,
  input: EventProposal,
  options: WriteOptions,
): Promise<EventReceipt> {
  return store.once('proposeEvent', [consultationId, input], options, () => {
    const consultation = store.consultation(consultationId);
    store.requireOpen(consultation, 'eventProposals');
    if (input.website) throw backendError('forbidden', 'Rejected as spam');
    const errors = validateEventProposal(consultation, input, new Date(store.now()));
    if (errors.length) throw validationError(errors);
    const id = `e-${store.nextSequence()}`;
    const address = input.address?.locality?.trim() ? { ...input.address, locality: input.address.locality.trim() } : undefined;
    const event: MemoryEvent = {
      id,
      consultationId,
      title: input.title.trim(),
      format: input.format,
      description: input.description.trim(),
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
      timeZone: input.timeZone || consultation.timeZone,
      mode: input.mode as MemoryEvent['mode'],
      ...(address && input.mode !== 'online' ? { address } : {}),
      ...(input.onlineUrl?.trim() && input.mode !== 'in-person' ? { onlineUrl: input.onlineUrl.trim() } : {}),
      organiser: { name: input.organiserName.trim() },
      status: 'scheduled',
      registration: input.capacity ? { kind: 'inline', capacity: input.capacity, seatsLeft: input.capacity } : { kind: 'none' },
      moderation: 'pending',
      participantId: store.participantId,
      proposedAt: new Date(store.now()).toISOString(),
    };
    store.events.set(id, event);
    return { event: publicEvent(event), moderation: 'pending' };
  });
}

/** An approved event of the consultation, or `not-found` (pending and hidden events are not there for the public). */
function listedEvent(store: MemoryStore, consultationId: string, eventId: string): MemoryEvent {
  const event = store.events.get(eventId);
  if (!event || event.consultationId !== consultationId || (event.moderation ?? 'approved') !== 'approved')
    throw backendError('not-found', 'No such event');
  return event;
}

function publicEvent(event: MemoryEvent): ConsultationEvent {
  const { moderation: _moderation, participantId: _host, proposedAt: _at, ...rest } = event;
  return structuredClone(rest);
}
