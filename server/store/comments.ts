/**
 * Comments (issue 20) in SQL: threads, replies and one thread, read as a participant sees them (their
 * own pending comments, what they marked helpful or reported). The writes (and the auto-hide at the
 * report threshold) are in comments-changes.ts, re-exported here; the integrity rules in migration 050.
 */
import { COMMENT_PAGE, type CommentColumn, type CommentSort, type CommentStance } from '../../src/core/comment-rules.js';
import type { Comment, CommentPage, CommentStatus, CommentThread } from '../../src/core/comments.js';
import type { Queryable, Row } from '../db/db.js';
import { iso } from './ids.js';

interface CommentRow extends Row {
  id: string;
  consultation_id: string;
  target: string;
  parent_id: string | null;
  reply_to_id: string | null;
  body: string;
  stance: CommentStance | null;
  author_name: string | null;
  participant_id: string | null;
  organiser_id: string | null;
  status: CommentStatus;
  pinned: boolean;
  created_at: unknown;
  edited_at: unknown;
  helpful: number;
  replies: number;
  helpful_by_me: boolean;
  reported_by_me: boolean;
  reply_to_name: string | null;
  reply_to_status: string | null;
}

/** Visible to the viewer ($1): published, hidden (a placeholder), their own pending ones, deleted ones replies follow. */
const visible = (c: string) => `(${c}.status IN ('published', 'hidden') OR (${c}.status = 'pending' AND ${c}.participant_id = $1)
  OR (${c}.status = 'deleted' AND EXISTS (SELECT 1 FROM comments v WHERE v.parent_id = ${c}.id AND (v.status IN ('published', 'hidden') OR (v.status = 'pending' AND v.participant_id = $1)))))`;

/** Every column the answer needs; `$1` is the viewer's participant id (or null). */
const SELECT = `
  SELECT c.*, (SELECT count(*)::int FROM comment_helpful h WHERE h.comment_id = c.id) AS helpful,
    EXISTS (SELECT 1 FROM comment_helpful h WHERE h.comment_id = c.id AND h.participant_id = $1) AS helpful_by_me,
    EXISTS (SELECT 1 FROM reports r WHERE r.target = 'comment:' || c.id AND r.participant_id = $1) AS reported_by_me,
    CASE WHEN c.parent_id IS NULL THEN (SELECT count(*)::int FROM comments r WHERE r.parent_id = c.id AND ${visible('r')}) ELSE 0 END AS replies,
    a.author_name AS reply_to_name, a.status AS reply_to_status
  FROM comments c LEFT JOIN comments a ON a.id = c.reply_to_id`;

export function toComment(row: CommentRow, viewer: string | null): Comment {
  const shown = row.status === 'published' || row.status === 'pending';
  return {
    id: row.id,
    consultationId: row.consultation_id,
    target: row.target,
    parentId: row.parent_id,
    replyTo: row.reply_to_id ? { id: row.reply_to_id, authorName: row.reply_to_status === 'deleted' ? null : row.reply_to_name } : null,
    body: shown ? row.body : '',
    stance: shown ? row.stance : null,
    authorName: row.status === 'deleted' ? null : row.author_name,
    organiser: row.organiser_id !== null,
    status: row.status,
    createdAt: iso(row.created_at),
    editedAt: row.edited_at ? iso(row.edited_at) : null,
    helpful: row.helpful,
    pinned: row.pinned,
    replies: row.replies,
    mine: viewer !== null && row.participant_id === viewer,
    helpfulByMe: row.helpful_by_me,
    reportedByMe: row.reported_by_me,
  };
}

const ORDER: Record<CommentSort, string> = {
  oldest: 'c.pinned DESC, c.created_at, c.seq',
  newest: 'c.pinned DESC, c.created_at DESC, c.seq DESC',
  helpful: 'c.pinned DESC, helpful DESC, c.created_at, c.seq',
};

function offsetOf(cursor: string | undefined): number {
  return cursor ? Math.max(0, Number.parseInt(cursor, 36) || 0) : 0;
}

async function page(
  q: Queryable,
  where: string,
  order: string,
  params: unknown[],
  viewer: string | null,
  cursor: string | undefined,
  limit = COMMENT_PAGE,
): Promise<CommentPage> {
  const start = offsetOf(cursor);
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments c WHERE ${where}`, [viewer, ...params]);
  const rows = await q.query<CommentRow>(`${SELECT} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${start}`, [viewer, ...params]);
  const total = count?.n ?? 0;
  return { items: rows.map((r) => toComment(r, viewer)), nextCursor: start + limit < total ? (start + limit).toString(36) : null, total };
}

/** The stance a reader sees on a comment (none once deleted or hidden), as commentColumn (core/comment-rules.ts) reads it. */
const SHOWN_STANCE = `CASE WHEN c.status IN ('published', 'pending') THEN c.stance END`;
const COLUMN: Record<CommentColumn, string> = {
  for: `${SHOWN_STANCE} = 'for'`,
  against: `${SHOWN_STANCE} = 'against'`,
  other: `COALESCE(${SHOWN_STANCE}, 'neutral') NOT IN ('for', 'against')`,
};

export function listThreads(
  q: Queryable,
  consultationId: string,
  target: string,
  query: { sort?: CommentSort; stance?: CommentColumn; cursor?: string; limit?: number },
  viewer: string | null,
): Promise<CommentPage> {
  const column = query.stance ? ` AND ${COLUMN[query.stance]}` : '';
  const where = `c.consultation_id = $2 AND c.target = $3 AND c.parent_id IS NULL AND ${visible('c')}${column}`;
  const threads = page(q, where, ORDER[query.sort ?? 'oldest'], [consultationId, target], viewer, query.cursor, query.limit);
  // A first page says how many comments and replies are published under the target, as the live stream counts them
  // (live/changes.ts): the discussion announces what the stream says beyond it (issue 23).
  const sql = `SELECT count(*)::int AS n FROM comments WHERE consultation_id = $1 AND target = $2 AND status = 'published'`;
  const published = async (first: CommentPage) => ({
    ...first,
    published: (await q.query<{ n: number }>(sql, [consultationId, target]))[0]!.n,
  });
  return query.cursor ? threads : threads.then(published);
}

export function listReplies(
  q: Queryable,
  rootId: string,
  query: { cursor?: string; limit?: number },
  viewer: string | null,
): Promise<CommentPage> {
  return page(q, `c.parent_id = $2 AND ${visible('c')}`, 'c.created_at, c.seq', [rootId], viewer, query.cursor, query.limit);
}

/** One comment as the viewer sees it, or null when they may not see it (`any`: whatever its state, for its author's answers). */
export async function commentFor(
  q: Queryable,
  consultationId: string,
  commentId: string,
  viewer: string | null,
  any = false,
): Promise<Comment | null> {
  const rows = await q.query<CommentRow>(`${SELECT} WHERE c.id = $2 AND c.consultation_id = $3 AND ${any ? 'true' : visible('c')}`, [
    viewer,
    commentId,
    consultationId,
  ]);
  return rows[0] ? toComment(rows[0], viewer) : null;
}

export async function threadOf(
  q: Queryable,
  consultationId: string,
  commentId: string,
  viewer: string | null,
): Promise<CommentThread | null> {
  const comment = await commentFor(q, consultationId, commentId, viewer);
  const root = comment?.parentId ? await commentFor(q, consultationId, comment.parentId, viewer) : comment;
  if (!comment || !root) return null;
  const replies = await listReplies(q, root.id, { limit: 100_000 }, viewer);
  return { comment: root, replies: replies.items };
}

export * from './comments-changes.js';
