/**
 * The memory backend's comments (issue 20): threads one reply level deep, edits with their history,
 * deletion leaving "comment deleted" where replies follow, helpful votes (one per participant), reports
 * with a reason (once per participant) hiding a comment at the consultation's threshold, pre- or
 * post-moderation, one pinned comment per target. The same rules as the server (server/store/comments.ts),
 * checked by the same contract (src/test-utils/comments-contract.ts). Rows: comment-state.ts; targets: comment-targets.ts.
 */
import type { RequestOptions, WriteOptions } from '../../core/backend.js';
import { commentColumn, commentRules, commentWindow, COMMENT_PAGE, statusAfterEdit, validateComment } from '../../core/comment-rules.js';
import type {
  Comment,
  CommentDraft,
  CommentEdit,
  CommentPage,
  CommentQuery,
  CommentReceipt,
  CommentReport,
  CommentThread,
  HelpfulResult,
  ReplyQuery,
} from '../../core/comments.js';
import { backendError, validationError } from '../../core/errors.js';
import { pageFrom } from '../../core/query.js';
import {
  byTime,
  commentState,
  helpfulCount,
  isVisible,
  stored,
  toComment,
  visibleReplies,
  type CommentHost,
  type StoredComment,
  publishedCount,
  tellingCount,
} from './comment-state.js';
import { requireTarget } from './comment-targets.js';

export type { CommentHost, StoredComment } from './comment-state.js';

export async function listCommentThreads(
  host: CommentHost,
  consultationId: string,
  query: CommentQuery,
  options?: RequestOptions,
): Promise<CommentPage> {
  await host.enter('listCommentThreads', [consultationId, query], options);
  host.consultation(consultationId);
  requireTarget(host, consultationId, query.target);
  const sort = query.sort ?? 'oldest';
  const rows = [...commentState(host).rows.values()].filter(
    (r) => r.consultationId === consultationId && r.target === query.target && !r.parentId && isVisible(host, r),
  );
  const items = rows
    .map((row) => ({ row, comment: toComment(host, row) }))
    .sort(
      (a, b) =>
        Number(b.comment.pinned) - Number(a.comment.pinned) ||
        (sort === 'helpful' ? b.comment.helpful - a.comment.helpful : 0) ||
        (sort === 'newest' ? byTime(b.row, a.row) : byTime(a.row, b.row)),
    );
  const page = pageFrom(
    items.map((x) => x.comment).filter((c) => !query.stance || commentColumn(c) === query.stance),
    query.cursor,
    query.limit ?? COMMENT_PAGE,
  );
  return query.cursor ? page : { ...page, published: publishedCount(host, consultationId, query.target) };
}

export async function listCommentReplies(
  host: CommentHost,
  consultationId: string,
  commentId: string,
  query: ReplyQuery,
  options?: RequestOptions,
): Promise<CommentPage> {
  await host.enter('listCommentReplies', [consultationId, commentId, query], options);
  const root = stored(host, consultationId, commentId);
  if (root.parentId || !isVisible(host, root)) throw backendError('not-found', 'No such thread');
  return pageFrom(
    visibleReplies(host, root).map((r) => toComment(host, r)),
    query.cursor,
    query.limit ?? COMMENT_PAGE,
  );
}

export async function getCommentThread(
  host: CommentHost,
  consultationId: string,
  commentId: string,
  options?: RequestOptions,
): Promise<CommentThread> {
  await host.enter('getCommentThread', [consultationId, commentId], options);
  const row = stored(host, consultationId, commentId);
  const root = row.parentId ? stored(host, consultationId, row.parentId) : row;
  if (!isVisible(host, root) || !isVisible(host, row)) throw backendError('not-found', 'No such comment');
  return { comment: toComment(host, root), replies: visibleReplies(host, root).map((r) => toComment(host, r)) };
}

export function postComment(
  host: CommentHost,
  consultationId: string,
  draft: CommentDraft,
  options: WriteOptions,
  organiser = false,
): Promise<CommentReceipt> {
  return host.once('postComment', [consultationId, draft], options, () =>
    tellingCount(host, consultationId, draft.target, () => {
      const consultation = host.consultation(consultationId);
      const now = host.now();
      if (!organiser && !commentWindow(consultation, now).open) throw backendError('closed', 'The current phase does not accept comments');
      if (draft.website) throw backendError('forbidden', 'Rejected as spam');
      requireTarget(host, consultationId, draft.target);
      const state = commentState(host);
      let parent: StoredComment | null = null;
      if (draft.parentId) {
        parent = state.rows.get(draft.parentId) ?? null;
        if (
          !parent ||
          parent.consultationId !== consultationId ||
          parent.target !== draft.target ||
          !['published', 'hidden', 'deleted'].includes(parent.status)
        ) {
          throw backendError('not-found', 'No such comment to reply to');
        }
      }
      const errors = validateComment(consultation, draft, !!parent);
      if (errors.length) throw validationError(errors);
      const pre = !organiser && commentRules(consultation).moderation === 'pre';
      const row: StoredComment = {
        id: `c-${++state.sequence}-${Math.random().toString(36).slice(2, 8)}`,
        seq: state.sequence,
        consultationId,
        target: draft.target,
        parentId: parent ? (parent.parentId ?? parent.id) : null,
        replyToId: parent?.parentId ? parent.id : null,
        body: draft.body.trim(),
        stance: draft.stance ?? null,
        authorName: draft.authorName?.trim() || null,
        organiser,
        participantId: host.participantId,
        status: pre ? 'pending' : 'published',
        createdAt: new Date(now).toISOString(),
        editedAt: null,
        pinned: false,
        edits: [],
      };
      state.rows.set(row.id, row);
      return { comment: toComment(host, row), moderation: pre ? ('pending' as const) : ('published' as const) };
    }),
  );
}

function own(host: CommentHost, consultationId: string, commentId: string): StoredComment {
  const row = stored(host, consultationId, commentId);
  if (row.participantId !== host.participantId) throw backendError('forbidden', 'Only its author may change a comment');
  if (row.status === 'deleted' || row.status === 'hidden') throw backendError('conflict', `This comment is ${row.status}`);
  return row;
}

export function editComment(
  host: CommentHost,
  consultationId: string,
  commentId: string,
  edit: CommentEdit,
  options: WriteOptions,
): Promise<Comment> {
  return host.once('editComment', [consultationId, commentId, edit], options, () => {
    const consultation = host.consultation(consultationId);
    if (!commentWindow(consultation, host.now()).open) throw backendError('closed', 'The current phase does not accept comments');
    const row = own(host, consultationId, commentId);
    const errors = validateComment(consultation, { body: edit.body, stance: edit.stance ?? null }, !!row.parentId);
    if (errors.length) throw validationError(errors);
    const at = new Date(host.now()).toISOString();
    row.edits.push({ body: row.body, stance: row.stance, at: row.editedAt ?? row.createdAt });
    const status = statusAfterEdit(consultation, row.status);
    tellingCount(host, consultationId, row.target, () =>
      Object.assign(row, { body: edit.body.trim(), stance: edit.stance ?? null, editedAt: at, status }),
    );
    return toComment(host, row);
  });
}

export function deleteComment(host: CommentHost, consultationId: string, commentId: string, options: WriteOptions): Promise<Comment> {
  return host.once('deleteComment', [consultationId, commentId], options, () => {
    const row = own(host, consultationId, commentId);
    tellingCount(host, consultationId, row.target, () => Object.assign(row, { status: 'deleted', pinned: false }));
    return toComment(host, row);
  });
}

export function markHelpful(
  host: CommentHost,
  consultationId: string,
  commentId: string,
  helpful: boolean,
  options: WriteOptions,
): Promise<HelpfulResult> {
  return host.once('markHelpful', [consultationId, commentId, helpful], options, () => {
    const row = stored(host, consultationId, commentId);
    if (row.status !== 'published') throw backendError('closed', `This comment is ${row.status}`);
    if (row.participantId === host.participantId && helpful) throw backendError('forbidden', 'One’s own comment cannot be marked helpful');
    const key = `${host.participantId}|${row.id}`;
    if (helpful) commentState(host).helpful.add(key);
    else commentState(host).helpful.delete(key);
    return { commentId: row.id, helpful: helpfulCount(host, row.id), helpfulByMe: helpful };
  });
}

export function reportComment(
  host: CommentHost,
  consultationId: string,
  commentId: string,
  report: CommentReport,
  options: WriteOptions,
): Promise<void> {
  return host.once('reportComment', [consultationId, commentId, report], options, () => {
    const row = stored(host, consultationId, commentId);
    if (row.status !== 'published') throw backendError('not-found', 'No such published comment');
    const state = commentState(host);
    const reports = state.reports.get(row.id) ?? new Map<string, string>();
    state.reports.set(row.id, reports);
    if (reports.has(host.participantId)) return;
    reports.set(host.participantId, report.details?.trim() ? `${report.reason}: ${report.details.trim()}` : report.reason);
    const threshold = commentRules(host.consultation(consultationId)).hideAfterReports;
    if (threshold > 0 && reports.size >= threshold)
      tellingCount(host, consultationId, row.target, () => Object.assign(row, { status: 'hidden', pinned: false }));
  });
}
