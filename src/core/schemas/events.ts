/** Events (relay workshops, sessions): what is listed, the list query, registration, and an event proposed by anyone. */
import * as z from 'zod/mini';
import { Instant, TimeZone, Id, WebUrl, Text } from './primitives.js';

export const EventMode = z.enum(['in-person', 'online', 'hybrid']);
export const EventStatus = z.enum(['scheduled', 'cancelled', 'postponed', 'full']);
export const Address = z.object({
  placeName: z.optional(Text(200)),
  street: z.optional(Text(200)),
  postalCode: z.optional(Text(20)),
  locality: Text(120),
  country: z.optional(Text(2)),
});
export const Registration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('external'), url: WebUrl }),
  z.object({
    kind: z.literal('inline'),
    capacity: z.nullable(z.int().check(z.gte(1))),
    seatsLeft: z.nullable(z.int().check(z.gte(0))),
  }),
]);

export const ConsultationEvent = z.object({
  id: Id,
  consultationId: Id,
  title: z.string(),
  format: Id,
  description: z.string(),
  startsAt: Instant,
  endsAt: Instant,
  timeZone: TimeZone,
  mode: EventMode,
  address: z.optional(Address),
  geo: z.optional(z.object({ lat: z.number().check(z.gte(-90), z.lte(90)), lon: z.number().check(z.gte(-180), z.lte(180)) })),
  onlineUrl: z.optional(WebUrl),
  organiser: z.object({ name: z.string(), url: z.optional(WebUrl) }),
  status: EventStatus,
  registration: Registration,
  url: z.optional(WebUrl),
});

export const EventQuery = z.object({
  from: z.optional(Instant),
  to: z.optional(Instant),
  format: z.optional(z.string()),
  mode: z.optional(EventMode),
  /** A postal-code prefix (`75`, `690`) or a town name. */
  place: z.optional(z.string().check(z.maxLength(120))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
});

export const RegistrationInput = z.object({
  name: z.string(),
  email: z.string(),
  consent: z.optional(z.boolean()),
  website: z.optional(z.string()),
});
export const RegistrationReceipt = z.object({ eventId: Id, seatsLeft: z.nullable(z.int().check(z.gte(0))) });

/** A relay workshop (or any event) proposed by anyone; it awaits moderation. */
export const EventProposal = z.object({
  title: z.string(),
  format: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.optional(z.string()),
  mode: z.string(),
  address: z.optional(
    z.object({
      placeName: z.optional(z.string()),
      street: z.optional(z.string()),
      postalCode: z.optional(z.string()),
      locality: z.optional(z.string()),
    }),
  ),
  onlineUrl: z.optional(z.string()),
  capacity: z.optional(z.nullable(z.number())),
  organiserName: z.string(),
  organiserEmail: z.string(),
  consent: z.optional(z.boolean()),
  website: z.optional(z.string()),
});
/** `pending` while the consultation moderates proposed events before publication (`moderation.event`, the default). */
export const EventReceipt = z.object({ event: ConsultationEvent, moderation: z.enum(['pending', 'published']) });

export type EventMode = z.infer<typeof EventMode>;
export type EventStatus = z.infer<typeof EventStatus>;
export type Address = z.infer<typeof Address>;
export type Registration = z.infer<typeof Registration>;
export type ConsultationEvent = z.infer<typeof ConsultationEvent>;
export type EventQuery = z.infer<typeof EventQuery>;
export type RegistrationInput = z.infer<typeof RegistrationInput>;
export type RegistrationReceipt = z.infer<typeof RegistrationReceipt>;
export type EventProposal = z.infer<typeof EventProposal>;
export type EventReceipt = z.infer<typeof EventReceipt>;
