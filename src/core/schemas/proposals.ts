/** Proposals: what is listed, what a citizen submits, the receipt, the list query, the organisers' answer. */
import * as z from 'zod/mini';
import { Instant, Id, WebUrl } from './primitives.js';
import { ProposalOrigin } from '../reports.js';
import { VoteTally } from './votes.js';

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
  /** Its published comments (issue 20), where the backend counts them. */
  comments: z.optional(z.int().check(z.gte(0))),
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
  /** What the organisers answered (issue 19); `none`: not answered yet. */
  answer: z.optional(z.enum(['none', ...AnswerState.options])),
});

export type ProposalStatus = z.infer<typeof ProposalStatus>;
export type AnswerState = z.infer<typeof AnswerState>;
export type ProposalAnswer = z.infer<typeof ProposalAnswer>;
export type Proposal = z.infer<typeof Proposal>;
export type ProposalDraft = z.infer<typeof ProposalDraft>;
export type ProposalReceipt = z.infer<typeof ProposalReceipt>;
export type ProposalSort = z.infer<typeof ProposalSort>;
export type ProposalQuery = z.infer<typeof ProposalQuery>;
