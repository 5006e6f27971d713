/**
 * Decidim's comments in the ConsultationBackend contract (issue 20): what Decidim's API allows. Read a
 * proposal's threads and their replies (one level shown; deeper ones are on Decidim's page) and add a
 * comment with its alignment, or a reply. Not possible through the API, so `unsupported` with the
 * proposal's Decidim page, and declared in the capabilities: editing, deleting, "helpful" votes (Decidim
 * has up and down votes), reporting, and opening one thread by a comment's id alone.
 */
import type { RequestOptions } from '../../core/backend.js';
import { commentColumn, COMMENT_PAGE, parseTarget } from '../../core/comment-rules.js';
import type { Comment, CommentDraft, CommentPage, CommentQuery, CommentReceipt } from '../../core/comments.js';
import { backendError } from '../../core/errors.js';
import { pageFrom } from '../../core/query.js';
import type { CommentDraft as DecidimDraft, CommentThread as DecidimThread, DecidimComment } from './comments.js';

export interface DecidimCommentSource {
  listComments(consultationId: string, proposalId: string, options?: RequestOptions): Promise<DecidimThread>;
}

/** Which proposal each comment seen belongs to (replies are read through their proposal). */
const proposalOf = new Map<string, string>();

function toComment(consultationId: string, target: string, raw: DecidimComment, parentId: string | null): Comment {
  return {
    id: raw.id,
    consultationId,
    target,
    parentId,
    replyTo: null,
    body: raw.body,
    stance: raw.alignment,
    authorName: raw.authorName,
    organiser: false,
    status: 'published',
    createdAt: raw.createdAt,
    editedAt: null,
    helpful: raw.upVotes,
    pinned: false,
    replies: parentId ? 0 : raw.replies.length,
    mine: false,
    helpfulByMe: raw.upVoted,
    reportedByMe: false,
  };
}

function proposalTarget(target: string): string {
  const parsed = parseTarget(target);
  // A participatory text's sections and amendments are proposals too (participatory-text.ts: their ids are the proposals').
  if (!parsed || parsed.kind === 'event') throw backendError('unsupported', 'Decidim’s API gives comments on proposals only');
  return parsed.id;
}

export async function listThreads(
  source: DecidimCommentSource,
  consultationId: string,
  query: CommentQuery,
  options?: RequestOptions,
): Promise<CommentPage> {
  const proposalId = proposalTarget(query.target);
  const thread = await source.listComments(consultationId, proposalId, options);
  for (const c of thread.comments) proposalOf.set(c.id, proposalId);
  const items = thread.comments
    .map((c) => toComment(consultationId, query.target, c, null))
    .filter((c) => !query.stance || commentColumn(c) === query.stance);
  if (query.sort === 'newest') items.reverse();
  if (query.sort === 'helpful') items.sort((a, b) => b.helpful - a.helpful);
  return pageFrom(items, query.cursor, query.limit ?? COMMENT_PAGE);
}

export async function listReplies(
  source: DecidimCommentSource,
  consultationId: string,
  commentId: string,
  query: { cursor?: string; limit?: number },
  options?: RequestOptions,
): Promise<CommentPage> {
  const proposalId = proposalOf.get(commentId);
  if (!proposalId) throw backendError('not-found', 'No such thread');
  const thread = await source.listComments(consultationId, proposalId, options);
  const root = thread.comments.find((c) => c.id === commentId);
  if (!root) throw backendError('not-found', 'No such thread');
  const items = root.replies.map((r) => toComment(consultationId, `proposal:${proposalId}`, r, commentId));
  return pageFrom(items, query.cursor, query.limit ?? COMMENT_PAGE);
}

/** The Decidim draft of a contract draft (the proposal, the alignment, the comment replied to). */
export function decidimDraft(draft: CommentDraft): { proposalId: string; draft: DecidimDraft } {
  const proposalId = proposalTarget(draft.target);
  return {
    proposalId,
    draft: {
      body: draft.body,
      ...(draft.stance ? { alignment: draft.stance } : {}),
      ...(draft.parentId ? { replyTo: draft.parentId } : {}),
    },
  };
}

export function receipt(consultationId: string, draft: CommentDraft, added: DecidimComment): CommentReceipt {
  return { comment: toComment(consultationId, draft.target, added, draft.parentId ?? null), moderation: 'published' };
}
