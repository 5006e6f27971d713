/**
 * Relay-workshop reports (issue 22): what a workshop's host files once it has been held (the facts and
 * the contributions the room produced), and how a contribution says where it comes from. Shapes only;
 * the rules are in reports-rules.ts. Kept out of schemas.ts (one file per kind of contribution).
 */
import * as z from 'zod/mini';

const Id = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_.:-]+$/));
const Instant = z.iso.datetime({ offset: true });

export const ContributionKind = z.enum(['proposal', 'amendment']);

/** One row of the report: a proposal, or an amendment to a section of the collaborative text. */
export const WorkshopContributionInput = z.object({
  kind: z.optional(z.string()),
  title: z.string(),
  body: z.string(),
  categoryId: z.optional(z.nullable(z.string())),
  /** For an amendment: the section of the collaborative text it changes... */
  sectionId: z.optional(z.nullable(z.string())),
  /** ...and that text (#21), when the consultation has more than one. */
  documentId: z.optional(z.nullable(z.string())),
  /** Support counted in the room (shown apart, never added to online tallies). */
  roomSupport: z.optional(z.nullable(z.number())),
});

/** What the host submits. The honeypot `website` must stay empty. */
export const WorkshopReportDraft = z.object({
  /** The day the workshop was held, `YYYY-MM-DD`. */
  heldOn: z.string(),
  attendees: z.nullable(z.number()),
  /** Organisations present, one per line. */
  organisations: z.optional(z.string()),
  summary: z.string(),
  contributions: z.array(WorkshopContributionInput),
  /** The participants agreed that their words are published. */
  consent: z.optional(z.boolean()),
  /** The secret of a host link the organiser issued (absent for the participant who proposed the event). */
  hostKey: z.optional(z.string()),
  website: z.optional(z.string()),
});

export const ReportStatus = z.enum(['pending', 'published', 'hidden']);

export const WorkshopContribution = z.object({
  position: z.int(),
  kind: ContributionKind,
  title: z.string(),
  body: z.string(),
  categoryId: z.nullable(z.string()),
  sectionId: z.nullable(z.string()),
  /** For an amendment: the text it amends. */
  documentId: z.nullable(z.string()),
  roomSupport: z.nullable(z.int()),
  /** The proposal this contribution became (null for an amendment). */
  proposalId: z.nullable(Id),
  /** The amendment of the text (#21) this contribution became (null for a proposal, and for rows filed before amendments existed). */
  amendmentId: z.nullable(Id),
});

export const WorkshopReport = z.object({
  id: Id,
  consultationId: Id,
  eventId: Id,
  heldOn: z.string(),
  attendees: z.int(),
  organisations: z.array(z.string()),
  summary: z.string(),
  status: ReportStatus,
  createdAt: Instant,
  /** Published contributions only in public answers. */
  contributions: z.array(WorkshopContribution),
  /** Contributions counted where they are not listed (a Decidim meeting's closing: `contributionCount`). */
  contributionCount: z.optional(z.int().check(z.gte(0))),
});

export const WorkshopReportReceipt = z.object({ report: WorkshopReport, moderation: z.literal('pending') });

/** Where a proposal or an amendment comes from: absent (online), or a relay workshop's report. */
export const ProposalOrigin = z.object({
  kind: z.literal('workshop'),
  eventId: Id,
  reportId: Id,
  eventTitle: z.string(),
  town: z.nullable(z.string()),
  roomSupport: z.nullable(z.int()),
});

/** The workshop a contribution comes from as its origin line names it (in origin-place.ts: no zod for the elements). */
export { originPlace } from './origin-place.js';

/** A host link as the organiser sees it (the secret itself only once, when issued). */
export const HostLink = z.object({
  id: Id,
  eventId: Id,
  label: z.string(),
  createdAt: Instant,
  revokedAt: z.nullable(Instant),
});
export const HostLinkIssued = z.object({ link: HostLink, secret: z.string() });
export const HostLinkInput = z.object({ eventId: z.string(), label: z.optional(z.string()) });

export type ContributionKind = z.infer<typeof ContributionKind>;
export type WorkshopContributionInput = z.infer<typeof WorkshopContributionInput>;
export type WorkshopReportDraft = z.infer<typeof WorkshopReportDraft>;
export type ReportStatus = z.infer<typeof ReportStatus>;
export type WorkshopContribution = z.infer<typeof WorkshopContribution>;
export type WorkshopReport = z.infer<typeof WorkshopReport>;
export type WorkshopReportReceipt = z.infer<typeof WorkshopReportReceipt>;
export type ProposalOrigin = z.infer<typeof ProposalOrigin>;
export type HostLink = z.infer<typeof HostLink>;
export type HostLinkIssued = z.infer<typeof HostLinkIssued>;
export type HostLinkInput = z.infer<typeof HostLinkInput>;
export const HostLinkList = z.object({ links: z.array(HostLink) });
