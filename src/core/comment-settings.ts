/**
 * `settings.comments` of a consultation (issue 20). Apart from comments.ts so that schemas.ts can hold
 * it without an import cycle; every field has a default (comment-rules.ts).
 */
import * as z from 'zod/mini';
import { Id } from './schemas/primitives.js';

export const CommentSettings = z.object({
  /** Phases that take comments; absent: whichever phase is open. */
  phases: z.optional(z.array(Id)),
  /** A stance (for, neutral, against) per comment: off, optional or required. */
  stance: z.optional(z.enum(['off', 'optional', 'required'])),
  /** Show comments for and against side by side. */
  sideBySide: z.optional(z.boolean()),
  /** Characters of a comment (2 to 1,000 by default). */
  length: z.optional(z.object({ min: z.int().check(z.gte(1)), max: z.int().check(z.gte(1), z.lte(20000)) })),
  /** Reports that hide a comment until a moderator decides (3 by default); 0 = never. */
  hideAfterReports: z.optional(z.int().check(z.gte(0))),
  /** `pre`: comments wait for a moderator; `post` (default): published at once, moderated after. */
  moderation: z.optional(z.enum(['pre', 'post'])),
});
export type CommentSettings = z.infer<typeof CommentSettings>;
