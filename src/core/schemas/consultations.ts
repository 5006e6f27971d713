/** A consultation: its phases, categories and settings (which phase accepts what, the vote model, the proposal form), and the server's clock. */
import * as z from 'zod/mini';
import { Instant, TimeZone, Id, WebUrl, Text } from './primitives.js';
import { VoteModel } from './votes.js';
import { CommentSettings } from '../comment-settings.js';

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
  /** Comments (issue 20): src/core/comment-settings.ts. */
  comments: z.optional(CommentSettings),
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

export const ServerTime = z.object({ now: Instant });

export type PhaseKind = z.infer<typeof PhaseKind>;
export type Phase = z.infer<typeof Phase>;
export type Category = z.infer<typeof Category>;
export type ExtraField = z.infer<typeof ExtraField>;
export type ProposalFieldRules = z.infer<typeof ProposalFieldRules>;
export type EventFormat = z.infer<typeof EventFormat>;
export type ConsultationSettings = z.infer<typeof ConsultationSettings>;
export type Consultation = z.infer<typeof Consultation>;
export type ServerTime = z.infer<typeof ServerTime>;
