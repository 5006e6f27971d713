/** The `rest` backend's comments (issue 20): the routes of server/routes/comments.ts. */
import type { RequestOptions, WriteOptions } from '../core/backend.js';
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
} from '../core/comments.js';
import { queryString, shaped, type HttpRequest } from './http.js';

/** What this module needs of the rest backend. */
export interface RestHost {
  path(consultationId: string, ...parts: string[]): string;
  readAs(consultationId: string, url: string, options?: RequestOptions): Promise<unknown>;
  write(consultationId: string, method: HttpRequest['method'], url: string, body: unknown, options: WriteOptions): Promise<unknown>;
}

export async function listCommentThreads(
  rest: RestHost,
  consultationId: string,
  query: CommentQuery,
  options?: RequestOptions,
): Promise<CommentPage> {
  return shaped(await rest.readAs(consultationId, rest.path(consultationId, 'comments') + queryString(query), options), ['items']);
}

export async function listCommentReplies(
  rest: RestHost,
  consultationId: string,
  commentId: string,
  query: ReplyQuery,
  options?: RequestOptions,
): Promise<CommentPage> {
  return shaped(
    await rest.readAs(consultationId, rest.path(consultationId, 'comments', commentId, 'replies') + queryString(query), options),
    ['items'],
  );
}

export async function getCommentThread(
  rest: RestHost,
  consultationId: string,
  commentId: string,
  options?: RequestOptions,
): Promise<CommentThread> {
  return shaped(await rest.readAs(consultationId, rest.path(consultationId, 'comments', commentId, 'thread'), options), [
    'comment',
    'replies',
  ]);
}

export async function postComment(
  rest: RestHost,
  consultationId: string,
  draft: CommentDraft,
  options: WriteOptions,
): Promise<CommentReceipt> {
  return shaped(await rest.write(consultationId, 'POST', rest.path(consultationId, 'comments'), draft, options), ['comment', 'moderation']);
}

export async function editComment(
  rest: RestHost,
  consultationId: string,
  commentId: string,
  edit: CommentEdit,
  options: WriteOptions,
): Promise<Comment> {
  return shaped(await rest.write(consultationId, 'PUT', rest.path(consultationId, 'comments', commentId), edit, options), ['id', 'status']);
}

export async function deleteComment(rest: RestHost, consultationId: string, commentId: string, options: WriteOptions): Promise<Comment> {
  return shaped(await rest.write(consultationId, 'DELETE', rest.path(consultationId, 'comments', commentId), undefined, options), [
    'id',
    'status',
  ]);
}

export async function markHelpful(
  rest: RestHost,
  consultationId: string,
  commentId: string,
  helpful: boolean,
  options: WriteOptions,
): Promise<HelpfulResult> {
  const url = rest.path(consultationId, 'comments', commentId, 'helpful');
  return shaped(await rest.write(consultationId, helpful ? 'PUT' : 'DELETE', url, undefined, options), ['commentId', 'helpful']);
}

export async function reportComment(
  rest: RestHost,
  consultationId: string,
  commentId: string,
  report: CommentReport,
  options: WriteOptions,
): Promise<void> {
  await rest.write(consultationId, 'POST', rest.path(consultationId, 'comments', commentId, 'reports'), report, options);
}
