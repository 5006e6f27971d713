/**
 * The one source of truth for data shapes: used by the elements (validation in the browser), the
 * backends, the reference server (request validation) and the generated OpenAPI document.
 * Built on `zod/mini` because everything here ships to the browser.
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from './error-codes.js';
import { ProposalOrigin } from './reports.js';

/** An absolute instant, ISO 8601 with an offset (`2027-03-15T00:00:00+01:00` or `...Z`). */
export const Instant = z.iso.datetime({ offset: true });
/** An IANA time zone such as `Europe/Paris`. */
export const TimeZone = z.string().check(
  z.minLength(1),
  z.refine((tz) => isTimeZone(tz), { message: 'Unknown time zone' }),
);
const Id = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_.:-]+$/));
const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain });
const Text = (max: number) => z.string().check(z.maxLength(max));

export const VoteModel = z.enum(['support', 'for-against-mixed', 'interest']);
export const VoteChoice = z.enum(['support', 'for', 'mixed', 'against', 'interest']);
/** The choices each vote model offers (import it from vote-choices.js in browser code: no zod there). */
export { VOTE_CHOICES } from './vote-choices.js';

export const PhaseKind = z.enum(['ideation', 'collaborative-writing', 'voting', 'call-for-sessions', 'programme', 'other']);
export const Phase = z.object({
  id: Id,
  title: Text(200),
  kind: PhaseKind,
  description: z.optional(Text(2000)),
  startsAt: Instant,
  endsAt: Instant,
});

export const Category = z.object({
  id: Id,
  title: Text(200),
  description: z.optional(Text(2000)),
});

/** A field a consultation adds to its proposal form (a session format, a commune, a postal code...). */
export const ExtraField = z.object({
  id: Id,
  label: Text(200),
  type: z.enum(['text', 'select', 'postal-code']),
  required: z.boolean(),
  maxLength: z.optional(z.int().check(z.gte(1), z.lte(500))),
  options: z.optional(z.array(z.object({ value: Id, label: Text(200) }))),
  hint: z.optional(Text(500)),
});

const LengthRule = z.object({ min: z.int().check(z.gte(0)), max: z.int().check(z.gte(1), z.lte(20000)) });

export const ProposalFieldRules = z.object({
  title: LengthRule,
  body: LengthRule,
  categoryRequired: z.boolean(),
  authorName: z.enum(['hidden', 'optional', 'required']),
  email: z.enum(['none', 'optional', 'required']),
  extraFields: z.array(ExtraField),
  /** The consent text the citizen must accept, and the privacy notice it links to. */
  consent: z.nullable(z.object({ text: Text(1000), privacyUrl: z.optional(WebUrl) })),
});

export const EventFormat = z.object({ id: Id, label: Text(120) });

export const ConsultationSettings = z.object({
  /** Ids of the phases that accept new proposals. */
  proposalPhases: z.array(Id),
  /** Ids of the phases in which proposals may be voted on. */
  votePhases: z.array(Id),
  /** Ids of the phases in which anyone may propose an event (a relay workshop). */
  eventProposalPhases: z.array(Id),
  voteModel: VoteModel,
  /** How many proposals one participant may vote for; null means no limit. */
  votesPerParticipant: z.nullable(z.int().check(z.gte(1))),
  voteWithdrawal: z.boolean(),
  /** Supports a proposal needs to be retained; null when none is set. */
  supportThreshold: z.nullable(z.int().check(z.gte(1))),
  /** Hide vote counts until the last phase ends. */
  hideCountsUntilEnd: z.boolean(),
  /** `pre`: proposals wait for a moderator; `post`: published at once, moderated after. */
  moderation: z.enum(['pre', 'post']),
  /** An answered proposal (other than "under study") takes no more votes (src/core/answers.ts). */
  closeVotingWhenAnswered: z.optional(z.boolean()),
  proposalFields: ProposalFieldRules,
  eventFormats: z.array(EventFormat),
});

export const Consultation = z.object({
  id: Id,
  title: Text(300),
  description: Text(5000),
  url: z.optional(WebUrl),
  timeZone: TimeZone,
  phases: z.array(Phase),
  categories: z.array(Category),
  settings: ConsultationSettings,
  /**
   * Actions the backend cannot judge (Decidim's API does not say which steps accept proposals or votes),
   * each with the page where the participant can do it: for these, the settings' phase lists are not
   * authoritative, so elements never say "closed" from them and link to this page when they cannot act.
   */
  linkOut: z.optional(z.partialRecord(z.enum(['proposals', 'votes', 'eventProposals']), WebUrl)),
});

/** Counts are null when the consultation hides them (or the backend does not say). */
export const VoteTally = z.object({
  proposalId: Id,
  hidden: z.boolean(),
  total: z.nullable(z.int().check(z.gte(0))),
  counts: z.nullable(z.partialRecord(VoteChoice, z.int().check(z.gte(0)))),
});

export const ProposalStatus = z.enum(['published', 'pending', 'hidden', 'withdrawn']);
/** What became of a proposal (organisers answer it: src/core/organisers.ts). */
export const AnswerState = z.enum(['under-study', 'kept', 'merged', 'not-kept']);
export const ProposalAnswer = z.object({
  state: AnswerState,
  text: z.string(),
  /** For `kept`: the commitment it became. */
  commitment: z.nullable(z.string()),
  /** For `merged`: the proposal it joined. */
  mergedInto: z.nullable(z.string()),
  answeredAt: Instant,
});
export const Proposal = z.object({
  id: Id,
  consultationId: Id,
  title: z.string(),
  body: z.string(),
  categoryId: z.nullable(Id),
  extra: z.record(z.string(), z.string()),
  authorName: z.nullable(z.string()),
  createdAt: Instant,
  status: ProposalStatus,
  tally: VoteTally,
  url: z.optional(WebUrl),
  /** The organisers' answer, once there is one. */
  answer: z.optional(z.nullable(ProposalAnswer)),
  /** A relay workshop's contribution (src/core/reports.ts); absent for one made online. */
  origin: z.optional(ProposalOrigin),
});

/** What a citizen submits. The honeypot `website` must stay empty. */
export const ProposalDraft = z.object({
  title: z.string(),
  body: z.string(),
  categoryId: z.optional(z.nullable(z.string())),
  extra: z.optional(z.record(z.string(), z.string())),
  authorName: z.optional(z.string()),
  email: z.optional(z.string()),
  consent: z.optional(z.boolean()),
  website: z.optional(z.string()),
});

export const ProposalReceipt = z.object({
  proposal: Proposal,
  /** `pending`: awaits moderation; `published`: visible now. */
  moderation: z.enum(['pending', 'published']),
});

export const ProposalSort = z.enum(['newest', 'most-supported', 'random']);
export const ProposalQuery = z.object({
  sort: z.optional(ProposalSort),
  seed: z.optional(z.string().check(z.maxLength(64))),
  categoryId: z.optional(z.string()),
  q: z.optional(z.string().check(z.maxLength(200))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
  /** Made online, or in a relay workshop (issue 22); `eventId`: that workshop's only. */
  origin: z.optional(z.enum(['online', 'workshop'])),
  eventId: z.optional(z.string().check(z.maxLength(120))),
});

export const Participant = z.object({
  id: Id,
  displayName: z.nullable(z.string()),
  /** True when a host site vouched for this person with a signed identity. */
  verified: z.boolean(),
});

/** One participant's standing in a consultation: their votes, what is left, their registrations. */
export const Participation = z.object({
  participant: z.nullable(Participant),
  votes: z.record(Id, VoteChoice),
  votesLeft: z.nullable(z.int().check(z.gte(0))),
  registrations: z.array(Id),
});

export const VoteResult = z.object({ tally: VoteTally, participation: Participation });

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
  address: z.optional(z.object({
    placeName: z.optional(z.string()),
    street: z.optional(z.string()),
    postalCode: z.optional(z.string()),
    locality: z.optional(z.string()),
  })),
  onlineUrl: z.optional(z.string()),
  capacity: z.optional(z.nullable(z.number())),
  organiserName: z.string(),
  organiserEmail: z.string(),
  consent: z.optional(z.boolean()),
  website: z.optional(z.string()),
});
export const EventReceipt = z.object({ event: ConsultationEvent, moderation: z.literal('pending') });

export const ServerTime = z.object({ now: Instant });

export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()), total: z.optional(z.int()) });
}

export const ErrorCode = z.enum(ERROR_CODES);
export const FieldError = z.object({
  /** Dotted path of the field (`title`, `extra.format`, `address.locality`). */
  field: z.string(),
  /** A stable code (`required`, `too_short`, `too_long`, `invalid`, `consent`...) the elements translate. */
  code: z.string(),
  message: z.string(),
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});
/** One error shape for every failure, shaped after RFC 9457 problem+json. */
export const ApiError = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: ErrorCode,
  detail: z.optional(z.string()),
  /** Seconds to wait before retrying (rate limits). */
  retryAfter: z.optional(z.number()),
  /** Where the participant can do this instead, when it is `unsupported` here (a proposal's Decidim page). */
  url: z.optional(WebUrl),
  fieldErrors: z.optional(z.array(FieldError)),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type VoteModel = z.infer<typeof VoteModel>;
export type VoteChoice = z.infer<typeof VoteChoice>;
export type PhaseKind = z.infer<typeof PhaseKind>;
export type Phase = z.infer<typeof Phase>;
export type Category = z.infer<typeof Category>;
export type ExtraField = z.infer<typeof ExtraField>;
export type ProposalFieldRules = z.infer<typeof ProposalFieldRules>;
export type EventFormat = z.infer<typeof EventFormat>;
export type ConsultationSettings = z.infer<typeof ConsultationSettings>;
export type Consultation = z.infer<typeof Consultation>;
export type VoteTally = z.infer<typeof VoteTally>;
export type ProposalStatus = z.infer<typeof ProposalStatus>;
export type Proposal = z.infer<typeof Proposal>;
export type AnswerState = z.infer<typeof AnswerState>;
export type ProposalAnswer = z.infer<typeof ProposalAnswer>;
export type ProposalDraft = z.infer<typeof ProposalDraft>;
export type ProposalReceipt = z.infer<typeof ProposalReceipt>;
export type ProposalSort = z.infer<typeof ProposalSort>;
export type ProposalQuery = z.infer<typeof ProposalQuery>;
export type Participant = z.infer<typeof Participant>;
export type Participation = z.infer<typeof Participation>;
export type VoteResult = z.infer<typeof VoteResult>;
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
export type ServerTime = z.infer<typeof ServerTime>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type FieldError = z.infer<typeof FieldError>;
export type ApiError = z.infer<typeof ApiError>;
export interface Page<T> { items: T[]; nextCursor: string | null; total?: number }
