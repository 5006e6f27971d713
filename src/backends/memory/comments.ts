/**
 * The memory backend's comments (issue 20): threads one reply level deep, edits with their history,
 * deletion leaving "comment deleted" where replies follow, helpful votes (one per participant), reports
 * with a reason (once per participant) hiding a comment at the consultation's threshold, pre- or
 * post-moderation, one pinned comment per target. The same rules as the server (server/store/comments.ts),
 * checked by the same contract (src/test-utils/comments-contract.ts). Rows live in a map of this module.
 */
import type { RequestOptions, WriteOptions } from '../../core/backend.js';
import {
  commentRules,
  commentWindow,
  COMMENT_PAGE,
  parseTarget,
  statusAfterEdit,
  validateComment,
  type CommentStance,
} from '../../core/comment-rules.js';
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
import type { Consultation } from '../../core/schemas.js';

/** What this module needs of the memory backend (its store). */
export interface CommentHost {
  participantId: string;
  now(): number;
  consultation(id: string): Consultation;
  enter(method: string, args: unknown[], options?: RequestOptions): Promise<void>;
  once<T>(method: string, args: unknown[], options: WriteOptions, write: () => T): Promise<T>;
  readonly proposals: Map<string, { consultationId: string; status: string }>;
  readonly events: Map<string, { consultationId: string; moderation?: string }>;
}

export interface StoredComment {
  id: string;
  seq: number;
  consultationId: string;
  target: string;
  parentId: string | null;
  replyToId: string | null;
  body: string;
  stance: CommentStance | null;
  authorName: string | null;
  organiser: boolean;
  participantId: string;
  status: 'published' | 'pending' | 'hidden' | 'deleted';
  createdAt: string;
  editedAt: string | null;
  pinned: boolean;
  edits: { body: string; stance: CommentStance | null; at: string }[];
}
interface State {
  rows: Map<string, StoredComment>;
  helpful: Set<string>;
  reports: Map<string, Map<string, string>>;
  sequence: number;
}

const STATES = new WeakMap<object, State>();
/** The comment rows of a backend (shared by the views `Object.create(store)` makes for other participants). */
export function commentState(host: object): State {
  let root = host;
  while (!Object.hasOwn(root, 'consultations') && Object.getPrototypeOf(root)) root = Object.getPrototypeOf(root) as object;
  let state = STATES.get(root);
  if (!state) STATES.set(root, (state = { rows: new Map(), helpful: new Set(), reports: new Map(), sequence: 0 }));
  return state;
}

function stored(host: CommentHost, consultationId: string, commentId: string): StoredComment {
  const row = commentState(host).rows.get(commentId);
  if (!row || row.consultationId !== consultationId) throw backendError('not-found', 'No such comment');
  return row;
}

const isVisible = (host: CommentHost, row: StoredComment): boolean =>
  row.status === 'published' ||
  row.status === 'hidden' ||
  (row.status === 'pending' && row.participantId === host.participantId) ||
  (row.status === 'deleted' && visibleReplies(host, row).length > 0);

function visibleReplies(host: CommentHost, root: StoredComment): StoredComment[] {
  return [...commentState(host).rows.values()]
    .filter((r) => r.parentId === root.id && isVisible(host, r))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq);
}

function helpfulCount(host: CommentHost, id: string): number {
  let n = 0;
  for (const key of commentState(host).helpful) if (key.endsWith(`|${id}`)) n++;
  return n;
}

export function toComment(host: CommentHost, row: StoredComment): Comment {
  const state = commentState(host);
  const shown = row.status === 'published' || row.status === 'pending';
  const replyTo = row.replyToId ? state.rows.get(row.replyToId) : undefined;
  return {
    id: row.id,
    consultationId: row.consultationId,
    target: row.target,
    parentId: row.parentId,
    replyTo: replyTo ? { id: replyTo.id, authorName: replyTo.status === 'deleted' ? null : replyTo.authorName } : null,
    body: shown ? row.body : '',
    stance: shown ? row.stance : null,
    authorName: row.status === 'deleted' ? null : row.authorName,
    organiser: row.organiser,
    status: row.status,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    helpful: helpfulCount(host, row.id),
    pinned: row.pinned,
    replies: row.parentId ? 0 : visibleReplies(host, row).length,
    mine: row.participantId === host.participantId,
    helpfulByMe: state.helpful.has(`${host.participantId}|${row.id}`),
    reportedByMe: state.reports.get(row.id)?.has(host.participantId) ?? false,
  };
}

/** The target must exist and be public (a proposal published, an event approved); texts' sections and amendments are taken as named. */
function requireTarget(host: CommentHost, consultationId: string, target: string): void {
  const parsed = parseTarget(target);
  if (!parsed)
    throw validationError([
      { field: 'target', code: 'invalid', message: 'target must be proposal:ID, event:ID, section:ID or amendment:ID' },
    ]);
  const proposal = parsed.kind === 'proposal' ? host.proposals.get(parsed.id) : null;
  const event = parsed.kind === 'event' ? host.events.get(parsed.id) : null;
  if (
    (parsed.kind === 'proposal' && (!proposal || proposal.consultationId !== consultationId || proposal.status !== 'published')) ||
    (parsed.kind === 'event' && (!event || event.consultationId !== consultationId || (event.moderation ?? 'approved') !== 'approved'))
  ) {
    throw backendError('not-found', `No such ${parsed.kind}`);
  }
}

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
  const order = (a: StoredComment, b: StoredComment) => a.createdAt.localeCompare(b.createdAt) || a.seq - b.seq;
  const items = rows
    .map((row) => ({ row, comment: toComment(host, row) }))
    .sort(
      (a, b) =>
        Number(b.comment.pinned) - Number(a.comment.pinned) ||
        (sort === 'helpful' ? b.comment.helpful - a.comment.helpful : 0) ||
        (sort === 'newest' ? order(b.row, a.row) : order(a.row, b.row)),
    );
  return pageFrom(
    items.map((x) => x.comment),
    query.cursor,
    query.limit ?? COMMENT_PAGE,
  );
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
  return host.once('postComment', [consultationId, draft], options, () => {
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
    return { comment: toComment(host, row), moderation: pre ? 'pending' : 'published' };
  });
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
    Object.assign(row, {
      body: edit.body.trim(),
      stance: edit.stance ?? null,
      editedAt: at,
      status: statusAfterEdit(consultation, row.status),
    });
    return toComment(host, row);
  });
}

export function deleteComment(host: CommentHost, consultationId: string, commentId: string, options: WriteOptions): Promise<Comment> {
  return host.once('deleteComment', [consultationId, commentId], options, () => {
    const row = own(host, consultationId, commentId);
    Object.assign(row, { status: 'deleted', pinned: false });
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
    if (threshold > 0 && reports.size >= threshold) Object.assign(row, { status: 'hidden', pinned: false });
  });
}

/** A moderator's decision on a comment (tests and demos): publish a pending one, hide or restore. */
export function moderateComment(host: CommentHost, commentId: string, action: 'approve' | 'hide' | 'restore'): void {
  const row = commentState(host).rows.get(commentId);
  if (!row || row.status === 'deleted') return;
  row.status = action === 'hide' ? 'hidden' : 'published';
  if (action !== 'hide') commentState(host).reports.delete(commentId);
}

/** An organiser pins a comment (the target's pinned one before is unpinned), or unpins it. */
export function pinComment(host: CommentHost, commentId: string, pinned = true): void {
  const rows = commentState(host).rows;
  const row = rows.get(commentId);
  if (!row || row.parentId || row.status !== 'published')
    throw backendError('conflict', 'Only a published first-level comment can be pinned');
  for (const other of rows.values()) if (other.target === row.target) other.pinned = false;
  row.pinned = pinned;
}

/** A seeded comment (stories, demos): by another participant unless `mine`; `replies` are its thread's. */
export interface SeedComment {
  body: string;
  authorName?: string;
  stance?: CommentStance;
  organiser?: boolean;
  pinned?: boolean;
  mine?: boolean;
  status?: StoredComment['status'];
  helpfulVotes?: number;
  minutesAgo?: number;
  replies?: SeedComment[];
}

/** Stores comments at once, without the write rules (a demo's or a story's past discussion). */
export function seedComments(
  host: CommentHost,
  consultationId: string,
  target: string,
  items: SeedComment[],
  parentId: string | null = null,
): void {
  const state = commentState(host);
  for (const item of items) {
    const id = `c-${++state.sequence}`;
    const at = new Date(host.now() - (item.minutesAgo ?? 60) * 60_000).toISOString();
    state.rows.set(id, {
      id,
      seq: state.sequence,
      consultationId,
      target,
      parentId,
      replyToId: null,
      body: item.body,
      stance: item.stance ?? null,
      authorName: item.authorName ?? null,
      organiser: !!item.organiser,
      participantId: item.mine ? host.participantId : `seed-${id}`,
      status: item.status ?? 'published',
      createdAt: at,
      editedAt: null,
      pinned: !!item.pinned,
      edits: [],
    });
    for (let i = 0; i < (item.helpfulVotes ?? 0); i++) state.helpful.add(`seed-${i}|${id}`);
    if (item.replies) seedComments(host, consultationId, target, item.replies, id);
  }
}

/** Published comments on a target (the count a proposal list shows). */
export function commentCount(host: object, target: string): number {
  let n = 0;
  for (const row of commentState(host).rows.values()) if (row.target === target && row.status === 'published') n++;
  return n;
}
