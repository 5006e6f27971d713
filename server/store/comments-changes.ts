/**
 * Comments (issue 20): the writes, in the caller's transaction — insert, edit (the replaced version kept), delete,
 * helpful votes, reports with the auto-hide at the consultation's threshold (counted under the comment's row lock, so
 * it happens exactly once) and pinning. The reads are in comments.ts; the integrity rules in migration 050.
 */
import type { CommentStance } from '../../src/core/comment-rules.js';
import type { CommentStatus } from '../../src/core/comments.js';
import type { Queryable, Row } from '../db/db.js';
import { audit } from './audit.js';

export interface StoredComment extends Row {
  id: string;
  consultation_id: string;
  target: string;
  parent_id: string | null;
  participant_id: string | null;
  status: CommentStatus;
  body: string;
  stance: CommentStance | null;
  created_at: unknown;
  edited_at: unknown;
}

/** The row, locked for the rest of the transaction (writes on one comment run one after another). */
export async function lockComment(q: Queryable, consultationId: string, commentId: string): Promise<StoredComment | null> {
  return (
    (
      await q.query<StoredComment>('SELECT * FROM comments WHERE id = $1 AND consultation_id = $2 FOR UPDATE', [commentId, consultationId])
    )[0] ?? null
  );
}

export interface NewComment {
  id: string;
  consultationId: string;
  target: string;
  parentId: string | null;
  replyToId: string | null;
  body: string;
  stance: CommentStance | null;
  authorName: string | null;
  participantId: string | null;
  organiserId: string | null;
  status: 'published' | 'pending';
  at: number;
}

export async function insertComment(q: Queryable, c: NewComment): Promise<void> {
  await q.query(
    `INSERT INTO comments (id, consultation_id, target, parent_id, reply_to_id, body, stance, author_name, participant_id, organiser_id, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      c.id,
      c.consultationId,
      c.target,
      c.parentId,
      c.replyToId,
      c.body,
      c.stance,
      c.authorName,
      c.participantId,
      c.organiserId,
      c.status,
      new Date(c.at),
    ],
  );
}

/** Keeps the version being replaced, then writes the new one. */
export async function updateComment(
  q: Queryable,
  row: StoredComment,
  body: string,
  stance: CommentStance | null,
  status: CommentStatus,
  at: number,
): Promise<void> {
  await q.query('INSERT INTO comment_edits (comment_id, body, stance, written_at, replaced_at) VALUES ($1, $2, $3, $4, $5)', [
    row.id,
    row.body,
    row.stance,
    row.edited_at ?? row.created_at,
    new Date(at),
  ]);
  await q.query('UPDATE comments SET body = $2, stance = $3, edited_at = $4, status = $5 WHERE id = $1', [
    row.id,
    body,
    stance,
    new Date(at),
    status,
  ]);
}

/** What a participant wrote goes (text, name, earlier versions); "comment deleted" stays where replies follow. */
export async function markDeleted(q: Queryable, commentId: string): Promise<void> {
  await q.query('DELETE FROM comment_edits WHERE comment_id = $1', [commentId]);
  await q.query("UPDATE comments SET status = 'deleted', body = '', stance = NULL, author_name = NULL, pinned = false WHERE id = $1", [
    commentId,
  ]);
}

export async function setHelpful(q: Queryable, commentId: string, participantId: string, helpful: boolean): Promise<number> {
  if (helpful)
    await q.query('INSERT INTO comment_helpful (comment_id, participant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      commentId,
      participantId,
    ]);
  else await q.query('DELETE FROM comment_helpful WHERE comment_id = $1 AND participant_id = $2', [commentId, participantId]);
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM comment_helpful WHERE comment_id = $1', [commentId]))[0]!.n;
}

/**
 * A report, once per participant; at `threshold` reports since the last moderation decision (0 = never)
 * the comment is hidden until a moderator decides. The caller holds the comment's row lock.
 */
export async function reportComment(
  q: Queryable,
  row: StoredComment,
  participantId: string,
  reason: string,
  threshold: number,
  at: number,
): Promise<boolean> {
  const target = `comment:${row.id}`;
  const added = await q.query(
    `INSERT INTO reports (target, participant_id, reason, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (target, participant_id) WHERE target LIKE 'comment:%' DO NOTHING RETURNING id`,
    [target, participantId, reason, new Date(at)],
  );
  if (!added.length || threshold <= 0) return false;
  const [open] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM reports r WHERE r.target = $1
       AND r.created_at > COALESCE((SELECT d.decided_at FROM moderation_decisions d WHERE d.target = $1), '-infinity')`,
    [target],
  );
  if ((open?.n ?? 0) < threshold) return false;
  await q.query("UPDATE comments SET status = 'hidden', pinned = false WHERE id = $1", [row.id]);
  await audit(q, { ref: 'system', name: 'automatic moderation' }, at, {
    action: 'moderation.auto-hide',
    consultationId: row.consultation_id,
    target,
    reason: `${threshold} reports`,
    details: { from: 'published', to: 'hidden' },
  });
  return true;
}

/** One pinned comment per target: pinning one unpins the other. */
export async function pin(q: Queryable, row: StoredComment, pinned: boolean): Promise<void> {
  if (pinned)
    await q.query('UPDATE comments SET pinned = false WHERE target = $1 AND consultation_id = $2 AND pinned', [
      row.target,
      row.consultation_id,
    ]);
  await q.query('UPDATE comments SET pinned = $2 WHERE id = $1', [row.id, pinned]);
}
