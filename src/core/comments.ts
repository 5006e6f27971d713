/**
 * The shapes of comments (issue 20): one source for the elements' types, the memory backend, the
 * reference server's validation and its OpenAPI document. The rules themselves (lengths, stances,
 * windows) are in comment-rules.ts, free of zod for the browser.
 */
import * as z from 'zod/mini';
import {
  COMMENT_AUTHOR_MAX,
  COMMENT_COLUMNS,
  COMMENT_PAGE_MAX,
  COMMENT_SORTS,
  COMMENT_STANCES,
  COMMENT_TARGET,
  REPORT_DETAILS_MAX,
  REPORT_REASONS,
} from './comment-rules.js';
import { Id, Instant } from './schemas/primitives.js';
export { CommentSettings } from './comment-settings.js';

export const CommentTarget = z.string().check(z.regex(COMMENT_TARGET));
export const CommentStance = z.enum(COMMENT_STANCES);
export const CommentStatus = z.enum(['published', 'pending', 'hidden', 'deleted']);

export const Comment = z.object({
  id: Id,
  consultationId: Id,
  target: CommentTarget,
  /** The thread's first comment; null for a first-level comment. */
  parentId: z.nullable(Id),
  /** The reply this one answers, when it is not the thread's first comment (one level: it stays in the thread). */
  replyTo: z.nullable(z.object({ id: Id, authorName: z.nullable(z.string()) })),
  /** Empty when the comment was deleted or hidden by moderation. */
  body: z.string(),
  stance: z.nullable(CommentStance),
  authorName: z.nullable(z.string()),
  /** Written by an organiser of the consultation (a badge). */
  organiser: z.boolean(),
  status: CommentStatus,
  createdAt: Instant,
  editedAt: z.nullable(Instant),
  helpful: z.int().check(z.gte(0)),
  pinned: z.boolean(),
  /** Visible replies (first-level comments; 0 for replies). */
  replies: z.int().check(z.gte(0)),
  /** For the participant who asks (false for anyone else). */
  mine: z.boolean(),
  helpfulByMe: z.boolean(),
  reportedByMe: z.boolean(),
});

export const CommentPage = z.object({
  items: z.array(Comment),
  nextCursor: z.nullable(z.string()),
  /** Threads (or replies) in the list. */
  total: z.optional(z.int()),
  /**
   * On a first page of threads: the published comments and replies under the target when it was read, the number
   * the live stream's `count` change says; what it says beyond this number are new comments (issue 23).
   */
  published: z.optional(z.int()),
});
export const CommentThread = z.object({ comment: Comment, replies: z.array(Comment) });

/** A page's offset in base 36 (what `nextCursor` gives): a forged one is refused, never turned into a huge offset. */
const CommentCursor = z.string().check(z.regex(/^[0-9a-z]{1,10}$/));

export const CommentQuery = z.object({
  target: CommentTarget,
  sort: z.optional(z.enum(COMMENT_SORTS)),
  /** One column of "for and against side by side": threads whose first comment is for, against, or neither (`other`). */
  stance: z.optional(z.enum(COMMENT_COLUMNS)),
  cursor: z.optional(CommentCursor),
  limit: z.optional(z.int().check(z.gte(1), z.lte(COMMENT_PAGE_MAX))),
});
export const ReplyQuery = z.object({
  cursor: z.optional(CommentCursor),
  limit: z.optional(z.int().check(z.gte(1), z.lte(COMMENT_PAGE_MAX))),
});

/** What a citizen posts. The honeypot `website` must stay empty. */
export const CommentDraft = z.object({
  target: CommentTarget,
  body: z.string().check(z.maxLength(20000)),
  stance: z.optional(z.nullable(CommentStance)),
  /** Any comment of the thread: a reply to a reply joins the same thread and says whom it answers. */
  parentId: z.optional(z.nullable(Id)),
  authorName: z.optional(z.string().check(z.maxLength(COMMENT_AUTHOR_MAX * 4))),
  website: z.optional(z.string()),
});
export const CommentEdit = z.object({
  body: z.string().check(z.maxLength(20000)),
  stance: z.optional(z.nullable(CommentStance)),
});
export const CommentReceipt = z.object({ comment: Comment, moderation: z.enum(['pending', 'published']) });
export const HelpfulInput = z.object({ helpful: z.boolean() });
export const HelpfulResult = z.object({ commentId: Id, helpful: z.int().check(z.gte(0)), helpfulByMe: z.boolean() });
export const CommentReport = z.object({
  reason: z.enum(REPORT_REASONS),
  details: z.optional(z.string().check(z.maxLength(REPORT_DETAILS_MAX))),
});

export type CommentStatus = z.infer<typeof CommentStatus>;
export type Comment = z.infer<typeof Comment>;
export type CommentPage = z.infer<typeof CommentPage>;
export type CommentThread = z.infer<typeof CommentThread>;
export type CommentQuery = z.infer<typeof CommentQuery>;
export type ReplyQuery = z.infer<typeof ReplyQuery>;
export type CommentDraft = z.infer<typeof CommentDraft>;
export type CommentEdit = z.infer<typeof CommentEdit>;
export type CommentReceipt = z.infer<typeof CommentReceipt>;
export type HelpfulResult = z.infer<typeof HelpfulResult>;
export type CommentReport = z.infer<typeof CommentReport>;
