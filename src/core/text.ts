/**
 * The collaborative writing phase (issue 21): a document in sections, its versions (each a snapshot),
 * amendments written on one version, votes on them, the organisers' decisions. One source of truth for
 * these shapes: `<pgo-text>`, the memory and rest backends, the reference server and its OpenAPI document.
 * The rules that go with them are in text-rules.ts.
 */
import * as z from 'zod/mini';
import { ProposalOrigin } from './reports.js';
import { Instant, VoteChoice, VoteModel, VoteTally } from './schemas.js';
import { WebUrl } from './schemas/primitives.js';

const Id = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_.:-]+$/));

export const Section = z.object({
  id: Id,
  /** The heading it sits under (an axis for a commitment), null at the top. */
  parentId: z.nullable(Id),
  /** Heading level, 1 (an axis) to 6. */
  level: z.int().check(z.gte(1), z.lte(6)),
  title: z.string(),
  body: z.string(),
});

/** A section as the current version shows it, with its counts. */
export const SectionView = z.extend(Section, {
  openAmendments: z.int().check(z.gte(0)),
  /** Its published comments (`section:DOCUMENT/SECTION`, issue 20), where the backend counts them. */
  comments: z.optional(z.int().check(z.gte(0))),
});

export const AmendmentKind = z.enum(['modify', 'add-after', 'delete']);
export const AmendmentState = z.enum(['open', 'accepted', 'accepted-with-changes', 'rejected', 'withdrawn']);
export const DecisionState = z.enum(['accepted', 'accepted-with-changes', 'rejected']);

/** What the organisers decided; `reason` is never empty for `rejected` and `accepted-with-changes`. */
export const AmendmentDecision = z.object({
  state: DecisionState,
  reason: z.string(),
  /** For `accepted-with-changes`: the text that goes into the next version. */
  text: z.nullable(z.string()),
  decidedAt: Instant,
});

export const ChangeLogEntry = z.object({
  amendmentId: Id,
  sectionId: Id,
  kind: AmendmentKind,
  state: z.enum(['accepted', 'accepted-with-changes']),
  /** The section's title (or the new section's) for the list. */
  title: z.string(),
});

export const VersionSummary = z.object({ number: z.int().check(z.gte(1)), publishedAt: Instant, changes: z.int().check(z.gte(0)) });

export const DocumentVersion = z.object({
  documentId: Id,
  number: z.int().check(z.gte(1)),
  publishedAt: Instant,
  sections: z.array(Section),
  /** The amendments this version took in (empty for the first). */
  changelog: z.array(ChangeLogEntry),
});

export const TextDocument = z.object({
  id: Id,
  consultationId: Id,
  title: z.string(),
  /** How amendments are voted on (2017: agree / mixed / disagree = `for-against-mixed`). */
  voteModel: VoteModel,
  /** Ids of the phases in which amendments are written and voted on; reading is always open. */
  amendmentPhases: z.array(Id),
  /** At most one open amendment per participant and section (the default). */
  oneOpenPerSection: z.boolean(),
  /** The current version's number and its sections. */
  version: z.int().check(z.gte(1)),
  sections: z.array(SectionView),
  versions: z.array(VersionSummary),
  /** Where the text is amended when this backend cannot write amendments (a Decidim component's page). */
  url: z.optional(WebUrl),
});

export const Amendment = z.object({
  id: Id,
  documentId: Id,
  sectionId: Id,
  /** The version it was written on; its `baseText` stays readable after later versions. */
  baseVersion: z.int().check(z.gte(1)),
  kind: AmendmentKind,
  /** The section's title at the base version, or the proposed title of an added section. */
  title: z.string(),
  baseText: z.string(),
  /** The proposed text (empty for a deletion). */
  text: z.string(),
  reason: z.string(),
  authorName: z.nullable(z.string()),
  createdAt: Instant,
  state: AmendmentState,
  decision: z.nullable(AmendmentDecision),
  /** The version that took it in, once published. */
  appliedIn: z.nullable(z.int()),
  /** Written on an older version than the current one. */
  outdated: z.boolean(),
  /** Word-level difference from `baseText` to `text` (src/core/diff.ts), computed by the backend. */
  diff: z.array(z.object({ op: z.enum(['same', 'ins', 'del']), text: z.string() })),
  /** The vote models' tally (`proposalId` holds the amendment's id). */
  tally: VoteTally,
  /** The current participant's vote, null when none (or anonymous). */
  myVote: z.nullable(VoteChoice),
  /** True when the current participant wrote it. */
  mine: z.boolean(),
  /** Where moderation has it: `pending` (pre-moderation) and `hidden` are seen by their author only. */
  moderation: z.optional(z.enum(['pending', 'published', 'hidden'])),
  /** Its published comments (`amendment:ID`, issue 20), where the backend counts them. */
  comments: z.optional(z.int().check(z.gte(0))),
  /** A relay workshop's amendment (issue 22): its event, town and the support counted in the room (never in `tally`). */
  origin: z.optional(ProposalOrigin),
});

/** What a participant sends. The honeypot `website` must stay empty. */
export const AmendmentDraft = z.object({
  sectionId: z.string(),
  kind: AmendmentKind,
  /** For `add-after`: the new section's title. */
  title: z.optional(z.string()),
  text: z.string(),
  reason: z.string(),
  authorName: z.optional(z.string()),
  website: z.optional(z.string()),
});
export const AmendmentReceipt = z.object({ amendment: Amendment });
export const AmendmentQuery = z.object({
  sectionId: z.optional(z.string().check(z.maxLength(120))),
  state: z.optional(AmendmentState),
});
export const AmendmentList = z.object({ items: z.array(Amendment) });
export const AmendmentVoteInput = z.object({ choice: VoteChoice });
export const AmendmentVoteResult = z.object({ amendmentId: Id, tally: VoteTally, myVote: z.nullable(VoteChoice) });

/** Organisers: a decision on one amendment. */
export const AmendmentDecisionInput = z.object({
  state: DecisionState,
  reason: z.string().check(z.maxLength(5000)),
  text: z.optional(z.string().check(z.maxLength(20000))),
});
/** Organisers: a draft imported from Markdown (headings become sections). */
export const MarkdownImport = z.object({
  id: z.optional(Id),
  title: z.optional(z.string().check(z.maxLength(300))),
  markdown: z.string().check(z.maxLength(500_000)),
  voteModel: z.optional(VoteModel),
  amendmentPhases: z.optional(z.array(Id)),
  oneOpenPerSection: z.optional(z.boolean()),
});

export type Section = z.infer<typeof Section>;
export type SectionView = z.infer<typeof SectionView>;
export type AmendmentKind = z.infer<typeof AmendmentKind>;
export type AmendmentState = z.infer<typeof AmendmentState>;
export type DecisionState = z.infer<typeof DecisionState>;
export type AmendmentDecision = z.infer<typeof AmendmentDecision>;
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;
export type VersionSummary = z.infer<typeof VersionSummary>;
export type DocumentVersion = z.infer<typeof DocumentVersion>;
export type TextDocument = z.infer<typeof TextDocument>;
export type Amendment = z.infer<typeof Amendment>;
export type AmendmentDraft = z.infer<typeof AmendmentDraft>;
export type AmendmentReceipt = z.infer<typeof AmendmentReceipt>;
export type AmendmentQuery = z.infer<typeof AmendmentQuery>;
export type AmendmentList = z.infer<typeof AmendmentList>;
export type AmendmentVoteInput = z.infer<typeof AmendmentVoteInput>;
export type AmendmentVoteResult = z.infer<typeof AmendmentVoteResult>;
export type AmendmentDecisionInput = z.infer<typeof AmendmentDecisionInput>;
export type MarkdownImport = z.infer<typeof MarkdownImport>;
