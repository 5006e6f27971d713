/** Request and answer shapes that only the HTTP API has (the rest come from src/core/schemas.ts). */
import * as z from 'zod/mini';
import { ConsultationEvent, Participant, Proposal, ProposalAnswer, VoteChoice } from '../src/core/schemas.js';

export const ParticipantToken = z.object({
  /** Send it back as `Authorization: Bearer <token>`; the server keeps only its hash. */
  token: z.string(),
  participant: Participant,
});
export const IdentityInput = z.object({
  /** A JWT (HS256) signed by the host site with the consultation's key: `sub` required, `name` optional, `exp` required. */
  assertion: z.string().check(z.minLength(1), z.maxLength(4096)),
});
export const VoteInput = z.object({ choice: VoteChoice });
export const ReportInput = z.object({ reason: z.string().check(z.maxLength(1000)) });
export const ReportReceipt = z.object({ received: z.literal(true) });

export const ModeratedProposal = z.extend(Proposal, {
  reports: z.int(),
  reportReasons: z.array(z.string()),
  authorEmail: z.nullable(z.string()),
});
export const ModeratedEvent = z.extend(ConsultationEvent, {
  moderation: z.enum(['pending', 'approved', 'hidden']),
  organiserEmail: z.nullable(z.string()),
});
export const ModerationQueue = z.object({
  /** Pending, hidden or reported proposals. */
  proposals: z.array(ModeratedProposal),
  /** Proposed events awaiting approval, and hidden ones. */
  events: z.array(ModeratedEvent),
});

/** Where an exported proposal or amendment comes from (issue 22): a relay workshop, its room support apart from `total`. */
export const ExportOrigin = z.object({
  kind: z.literal('workshop'),
  eventId: z.string(),
  eventTitle: z.string(),
  town: z.nullable(z.string()),
  roomSupport: z.nullable(z.int()),
});

export const ExportProposal = z.object({
  id: z.string(),
  createdAt: z.string(),
  categoryId: z.nullable(z.string()),
  category: z.nullable(z.string()),
  title: z.string(),
  body: z.string(),
  extra: z.record(z.string(), z.string()),
  total: z.nullable(z.int()),
  counts: z.nullable(z.partialRecord(VoteChoice, z.int())),
  /** The organisers' answer (issue 19), null before there is one. */
  answer: z.nullable(ProposalAnswer),
  /** Null when made online; a relay workshop's contribution otherwise (issue 22), its room support apart from `total`. */
  origin: z.nullable(ExportOrigin),
});
/** A published comment in the open data (issue 20): no name, no participant. */
export const ExportComment = z.object({
  id: z.string(),
  /** `proposal:ID`, `event:ID`, `amendment:ID` or `section:DOCUMENT/SECTION`. */
  target: z.string(),
  /** The thread's first comment, null for a first-level comment. */
  parentId: z.nullable(z.string()),
  createdAt: z.string(),
  editedAt: z.nullable(z.string()),
  body: z.string(),
  stance: z.nullable(z.enum(['for', 'neutral', 'against'])),
  /** Written by an organiser (the badge). */
  organiser: z.boolean(),
  helpful: z.int(),
});
export const OpenDataExport = z.object({
  consultation: z.object({ id: z.string(), title: z.string(), voteModel: z.string(), countsHidden: z.boolean(), exportedAt: z.string() }),
  proposals: z.array(ExportProposal),
  /** Published comments and replies (issue 20), oldest first; also as comments.csv. */
  comments: z.array(ExportComment),
});

export type ModeratedProposal = z.infer<typeof ModeratedProposal>;
export type ModeratedEvent = z.infer<typeof ModeratedEvent>;
export type ExportProposal = z.infer<typeof ExportProposal>;
export type ExportComment = z.infer<typeof ExportComment>;
