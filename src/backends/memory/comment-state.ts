/**
 * The memory backend's comment rows (issue 20) and how a participant sees one: the store of a backend,
 * shared by every participant's view, the visibility rule (pending to its author, deleted while replies
 * follow) and the public shape. The operations are in comments.ts, the targets' check in comment-targets.ts.
 */
import type { RequestOptions, WriteOptions } from '../../core/backend.js';
import type { CommentStance } from '../../core/comment-rules.js';
import type { Comment } from '../../core/comments.js';
import { backendError } from '../../core/errors.js';
import type { Consultation } from '../../core/schemas.js';
import type { LiveChange } from '../../core/live.js';

/** What this module needs of the memory backend (its store). */
export interface CommentHost {
  participantId: string;
  /** Open streams (issue 23): told how many published comments a target has when that number moves. */
  readonly live?: { emit(consultationId: string, change: LiveChange): void };
  now(): number;
  consultation(id: string): Consultation;
  enter(method: string, args: unknown[], options?: RequestOptions): Promise<void>;
  once<T>(method: string, args: unknown[], options: WriteOptions, write: () => T): Promise<T>;
  readonly proposals: Map<string, { consultationId: string; status: string }>;
  readonly events: Map<string, { consultationId: string; moderation?: string }>;
  readonly documents: {
    readonly docs: ReadonlyMap<string, { meta: { consultationId: string }; versions: { sections: { id: string }[] }[] }>;
    readonly amendments: ReadonlyMap<string, { documentId: string; hidden?: boolean }>;
  };
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
  /** Replies by thread, rebuilt when rows were added (rows are never removed and never change thread). */
  children: { size: number; byParent: Map<string, StoredComment[]> };
}

const STATES = new WeakMap<object, State>();
/** The comment rows of a backend (shared by the views `Object.create(store)` makes for other participants). */
export function commentState(host: object): State {
  let root = host;
  while (!Object.hasOwn(root, 'consultations') && Object.getPrototypeOf(root)) root = Object.getPrototypeOf(root) as object;
  let state = STATES.get(root);
  if (!state)
    STATES.set(
      root,
      (state = { rows: new Map(), helpful: new Set(), reports: new Map(), sequence: 0, children: { size: 0, byParent: new Map() } }),
    );
  return state;
}

export function stored(host: CommentHost, consultationId: string, commentId: string): StoredComment {
  const row = commentState(host).rows.get(commentId);
  if (!row || row.consultationId !== consultationId) throw backendError('not-found', 'No such comment');
  return row;
}

export const isVisible = (host: CommentHost, row: StoredComment): boolean =>
  row.status === 'published' ||
  row.status === 'hidden' ||
  (row.status === 'pending' && row.participantId === host.participantId) ||
  (row.status === 'deleted' && replyCount(host, row) > 0);

/** A thread's replies, from an index of the rows (a discussion's first page counts 20 threads' replies: no scan of every row each). */
function repliesOf(state: State, rootId: string): readonly StoredComment[] {
  const index = state.children;
  if (index.size !== state.rows.size) {
    index.byParent.clear();
    for (const r of state.rows.values()) {
      if (!r.parentId) continue;
      const list = index.byParent.get(r.parentId);
      if (list) list.push(r);
      else index.byParent.set(r.parentId, [r]);
    }
    index.size = state.rows.size;
  }
  return index.byParent.get(rootId) ?? [];
}

/** Oldest first (ISO instants of one form compare as strings; no collation needed), then in the order written. */
export const byTime = (a: StoredComment, b: StoredComment): number =>
  (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) || a.seq - b.seq;

export function visibleReplies(host: CommentHost, root: StoredComment): StoredComment[] {
  return repliesOf(commentState(host), root.id)
    .filter((r) => isVisible(host, r))
    .sort(byTime);
}

/** How many replies the viewer sees (a thread's count: nothing sorted, nothing copied). */
function replyCount(host: CommentHost, root: StoredComment): number {
  let n = 0;
  for (const r of repliesOf(commentState(host), root.id)) if (isVisible(host, r)) n++;
  return n;
}

/** Published comments and replies under a target: what the stream's `count` change says (as the server counts them). */
export function publishedCount(host: object, consultationId: string, target: string): number {
  let n = 0;
  for (const r of commentState(host).rows.values())
    if (r.consultationId === consultationId && r.target === target && r.status === 'published') n++;
  return n;
}

/** Runs a write that may change a target's published count; tells open streams when it did. */
export function tellingCount<T>(host: CommentHost, consultationId: string, target: string, write: () => T): T {
  const before = publishedCount(host, consultationId, target);
  const result = write();
  const count = publishedCount(host, consultationId, target);
  if (count !== before) host.live?.emit(consultationId, { type: 'count', target, kind: 'comment', count });
  return result;
}

export function helpfulCount(host: CommentHost, id: string): number {
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
    replies: row.parentId ? 0 : replyCount(host, row),
    mine: row.participantId === host.participantId,
    helpfulByMe: state.helpful.has(`${host.participantId}|${row.id}`),
    reportedByMe: state.reports.get(row.id)?.has(host.participantId) ?? false,
  };
}
