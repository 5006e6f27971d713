/**
 * What the memory backend's comments offer beside the contract (issue 20): a moderator's decision and an
 * organiser's pin (tests, demos), seeded discussions (stories, demos), the count a proposal list shows.
 */
import type { CommentStance } from '../../core/comment-rules.js';
import { backendError } from '../../core/errors.js';
import { commentState, tellingCount, type CommentHost, type StoredComment } from './comment-state.js';

/** A moderator's decision on a comment (tests and demos): publish a pending one, hide or restore. */
export function moderateComment(host: CommentHost, commentId: string, action: 'approve' | 'hide' | 'restore'): void {
  const row = commentState(host).rows.get(commentId);
  if (!row || row.status === 'deleted') return;
  tellingCount(host, row.consultationId, row.target, () => (row.status = action === 'hide' ? 'hidden' : 'published'));
  if (action !== 'hide') commentState(host).reports.delete(commentId);
}

/** An organiser pins a comment (the target's pinned one before is unpinned), or unpins it. */
export function pinComment(host: CommentHost, commentId: string, pinned = true): void {
  const rows = commentState(host).rows;
  const row = rows.get(commentId);
  if (!row || row.parentId || row.status !== 'published')
    throw backendError('conflict', 'Only a published first-level comment can be pinned');
  for (const other of rows.values()) if (other.target === row.target && other.consultationId === row.consultationId) other.pinned = false;
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
