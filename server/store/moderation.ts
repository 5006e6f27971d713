/**
 * One moderation model for every kind of contribution. A kind declares where its rows live and how its
 * status column spells the model's statuses; the queue, decisions, reports and the audit trail then work
 * for it unchanged. Targets are written `kind:id` (`proposal:p-1`, `event:e-3`). Reports of every kind
 * share the `reports` table (its `target` column).
 */
import type { ModerationAction, ModerationQueuePage, ModerationStatus, ModerationTab, QueueItem } from '../../src/core/organisers.js';
import type { MyContribution } from '../../src/core/contributions.js';
import type { Queryable, Row } from '../db/db.js';
import { audit, type Actor } from './audit.js';
import { iso } from './ids.js';

export interface ModeratedKind {
  kind: string;
  table: string;
  /** Column expressions, on the table aliased `x`. */
  columns: {
    id: string;
    consultation: string;
    title: string;
    excerpt: string;
    createdAt: string;
    authorName: string;
    authorEmail: string;
    status: string;
    /** The participant who wrote it (their own contributions list); kinds without one are not listed there. */
    author?: string;
  };
  /** How the status column spells each status of the model this kind uses. */
  statuses: Partial<Record<ModerationStatus, string>>;
}

const KINDS = new Map<string, ModeratedKind>();

/** A kind of contribution joins the moderation queue. */
export function declareModeratedKind(kind: ModeratedKind): void {
  if (!/^[a-z][a-z-]*$/.test(kind.kind)) throw new Error(`Bad kind name ${kind.kind}`);
  KINDS.set(kind.kind, kind);
}

export function moderatedKinds(): ModeratedKind[] {
  return [...KINDS.values()];
}

declareModeratedKind({
  kind: 'proposal',
  table: 'proposals',
  columns: {
    id: 'x.id',
    consultation: 'x.consultation_id',
    title: 'x.title',
    excerpt: 'left(x.body, 400)',
    createdAt: 'x.created_at',
    authorName: 'x.author_name',
    authorEmail: 'x.author_email',
    status: 'x.status',
    author: 'x.participant_id',
  },
  statuses: { pending: 'pending', published: 'published', hidden: 'hidden', withdrawn: 'withdrawn' },
});
declareModeratedKind({
  kind: 'event',
  table: 'events',
  columns: {
    id: 'x.id',
    consultation: 'x.consultation_id',
    title: 'x.title',
    excerpt: 'left(x.description, 400)',
    createdAt: 'x.created_at',
    authorName: 'x.organiser_name',
    authorEmail: 'x.organiser_email',
    status: 'x.moderation',
    author: 'x.participant_id',
  },
  statuses: { pending: 'pending', published: 'approved', hidden: 'hidden' },
});

declareModeratedKind({
  kind: 'comment',
  table: 'comments',
  columns: {
    id: 'x.id',
    consultation: 'x.consultation_id',
    title: 'left(x.body, 80)',
    excerpt: 'left(x.body, 400)',
    createdAt: 'x.created_at',
    authorName: 'x.author_name',
    authorEmail: 'NULL::text',
    status: 'x.status',
    author: 'x.participant_id',
  },
  statuses: { pending: 'pending', published: 'published', hidden: 'hidden' },
});

/** Any decision may follow any other (a moderator may change their mind); a withdrawn contribution stays so. */
const NEXT: Record<ModerationAction, ModerationStatus> = { approve: 'published', hide: 'hidden', restore: 'published' };
const DECIDABLE: ModerationStatus[] = ['pending', 'published', 'hidden'];

/** One SELECT per kind, uniform columns, the status spelled the model's way. */
function kindSelect(k: ModeratedKind): string {
  const cases = Object.entries(k.statuses)
    .map(([model, own]) => `WHEN '${own}' THEN '${model}'`)
    .join(' ');
  const c = k.columns;
  return `SELECT '${k.kind}' AS kind, ${c.id} AS id, '${k.kind}:' || ${c.id} AS target, ${c.consultation} AS consultation_id, ${c.title} AS title,
    ${c.excerpt} AS excerpt, ${c.createdAt} AS created_at, ${c.authorName} AS author_name, ${c.authorEmail} AS author_email,
    CASE ${c.status} ${cases} END AS status FROM ${k.table} x`;
}

const ITEMS = () => `(${moderatedKinds().map(kindSelect).join(' UNION ALL ')})`;
/** Reports newer than the last decision on the target. */
const OPEN_REPORTS = `EXISTS (SELECT 1 FROM reports r WHERE r.target = i.target AND r.created_at > COALESCE(d.decided_at, '-infinity'))`;
const TAB_WHERE: Record<ModerationTab, string> = {
  pending: `i.status = 'pending'`,
  reported: `i.status = 'published' AND ${OPEN_REPORTS}`,
  hidden: `i.status = 'hidden'`,
};

interface ItemRow extends Row {
  kind: string;
  id: string;
  target: string;
  consultation_id: string;
  title: string;
  excerpt: string;
  created_at: unknown;
  author_name: string | null;
  author_email: string | null;
  status: ModerationStatus;
  d_status: ModerationStatus | null;
  d_reason: string | null;
  d_actor: string | null;
  d_at: unknown;
  d_name: string | null;
}

export async function moderationQueue(q: Queryable, consultationId: string, tab: ModerationTab): Promise<ModerationQueuePage> {
  const from = `FROM ${ITEMS()} i LEFT JOIN moderation_decisions d ON d.target = i.target WHERE i.consultation_id = $1`;
  const countRows = await q.query<Record<ModerationTab, number>>(
    `SELECT count(*) FILTER (WHERE ${TAB_WHERE.pending})::int AS pending, count(*) FILTER (WHERE ${TAB_WHERE.reported})::int AS reported,
       count(*) FILTER (WHERE ${TAB_WHERE.hidden})::int AS hidden ${from}`,
    [consultationId],
  );
  const rows = await q.query<ItemRow>(
    `SELECT i.*, d.status AS d_status, d.reason AS d_reason, d.actor AS d_actor, d.decided_at AS d_at,
       (SELECT a.actor_name FROM audit_log a WHERE a.target = i.target AND a.action LIKE 'moderation.%' ORDER BY a.at DESC, a.id DESC LIMIT 1) AS d_name
     ${from} AND ${TAB_WHERE[tab]} ORDER BY i.created_at, i.target LIMIT 500`,
    [consultationId],
  );
  const reports = rows.length
    ? await q.query<{ target: string; reason: string; created_at: unknown }>(
        'SELECT target, reason, created_at FROM reports WHERE target = ANY($1) ORDER BY created_at, id',
        [rows.map((r) => r.target)],
      )
    : [];
  const items: QueueItem[] = rows.map((r) => ({
    target: r.target,
    kind: r.kind,
    id: r.id,
    consultationId: r.consultation_id,
    title: r.title,
    excerpt: r.excerpt,
    status: r.status,
    createdAt: iso(r.created_at),
    authorName: r.author_name,
    authorEmail: r.author_email,
    reports: reports.filter((x) => x.target === r.target).map((x) => ({ reason: x.reason, at: iso(x.created_at) })),
    lastDecision: r.d_status ? { status: r.d_status, reason: r.d_reason ?? '', by: r.d_name ?? r.d_actor ?? '', at: iso(r.d_at) } : null,
  }));
  return { tab, counts: countRows[0]!, items };
}

export type DecisionOutcome = { target: string; status: ModerationStatus } | { target: string; error: 'not-found' | 'conflict' };

/** Applies one decision to one target of the consultation (in the caller's transaction), audited. */
export async function decide(
  q: Queryable,
  consultationId: string,
  target: string,
  action: ModerationAction,
  reason: string,
  actor: Actor,
  at: number,
): Promise<DecisionOutcome> {
  const at_ = target.indexOf(':');
  const kind = KINDS.get(target.slice(0, at_));
  const id = target.slice(at_ + 1);
  if (!kind || at_ < 0) return { target, error: 'not-found' };
  const rows = await q.query<{ status: ModerationStatus }>(
    `SELECT status FROM (${kindSelect(kind)} WHERE ${kind.columns.id} = $1 AND ${kind.columns.consultation} = $2 FOR UPDATE) s`,
    [id, consultationId],
  );
  const current = rows[0]?.status;
  if (!current) return { target, error: 'not-found' };
  const to = NEXT[action];
  if (!DECIDABLE.includes(current)) return { target, error: 'conflict' };
  const column = kind.columns.status.replace(/^x\./, '');
  const idColumn = kind.columns.id.replace(/^x\./, '');
  await q.query(`UPDATE ${kind.table} SET ${column} = $2 WHERE ${idColumn} = $1`, [id, kind.statuses[to]]);
  await q.query(
    `INSERT INTO moderation_decisions (target, consultation_id, status, reason, actor, decided_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (target) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, actor = EXCLUDED.actor, decided_at = EXCLUDED.decided_at`,
    [target, consultationId, to, reason, actor.ref, new Date(at)],
  );
  await audit(q, actor, at, { action: `moderation.${action}`, consultationId, target, reason, details: { from: current, to } });
  return { target, status: to };
}

/** The consultation a target belongs to (for routes that name only the target). */
export async function consultationOf(q: Queryable, target: string): Promise<string | null> {
  const kind = KINDS.get(target.slice(0, target.indexOf(':')));
  if (!kind) return null;
  const rows = await q.query<{ consultation_id: string }>(
    `SELECT ${kind.columns.consultation} AS consultation_id FROM ${kind.table} x WHERE ${kind.columns.id} = $1`,
    [target.slice(target.indexOf(':') + 1)],
  );
  return rows[0]?.consultation_id ?? null;
}

/**
 * A participant's own contributions of every kind that names its author, newest first, each with its status and,
 * while hidden, the last decision's reason (the moderators give it with the decision).
 */
export async function contributionsOf(q: Queryable, consultationId: string, participantId: string): Promise<MyContribution[]> {
  const kinds = moderatedKinds().filter((k) => k.columns.author);
  if (!kinds.length) return [];
  const mine = kinds
    .map((k) => `${kindSelect(k).replace(/ FROM (\S+) x$/, `, ${k.columns.author} AS author FROM $1 x`)}`)
    .join(' UNION ALL ');
  const rows = await q.query<ItemRow & { author: string }>(
    `SELECT i.*, d.reason AS d_reason, d.decided_at AS d_at FROM (${mine}) i LEFT JOIN moderation_decisions d ON d.target = i.target
     WHERE i.consultation_id = $1 AND i.author = $2 AND i.status IS NOT NULL ORDER BY i.created_at DESC, i.target LIMIT 200`,
    [consultationId, participantId],
  );
  return rows.map((r) => ({
    target: r.target,
    kind: r.kind,
    id: r.id,
    title: r.title,
    status: r.status,
    createdAt: iso(r.created_at),
    decidedAt: r.d_at ? iso(r.d_at) : null,
    reason: r.status === 'hidden' ? r.d_reason : null,
  }));
}
