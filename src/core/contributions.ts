/**
 * A participant's own contributions and what moderation made of them (issue 19): pending, published, hidden
 * (with the moderators' reason), withdrawn. One shape for the server, the backends, the OpenAPI document and
 * the elements; every kind of the moderation model (proposal, event, comment...) is listed the same way.
 */
import * as z from 'zod/mini';

export const ContributionStatus = z.enum(['pending', 'published', 'hidden', 'withdrawn']);

export const MyContribution = z.object({
  /** `kind:id`, as the moderation model and the live stream's `mine` events write it. */
  target: z.string(),
  kind: z.string(),
  id: z.string(),
  /** The title, or the beginning of the text where a kind has no title. */
  title: z.string(),
  status: ContributionStatus,
  createdAt: z.iso.datetime({ offset: true }),
  /** When the last moderation decision was taken, if any. */
  decidedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** The moderators' reason, given to the author while the contribution is hidden; null otherwise. */
  reason: z.nullable(z.string()),
});
export const MyContributions = z.object({ items: z.array(MyContribution) });

export type ContributionStatus = z.infer<typeof ContributionStatus>;
export type MyContribution = z.infer<typeof MyContribution>;
