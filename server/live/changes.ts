/**
 * Reading the live change log (migration 080): the topics of a consultation changed after a sequence
 * number, turned into the changes a reader may see (src/core/live.ts). Tallies, and the counts of
 * comments and amendments, are read at the time of reading, so the number sent is always the latest.
 */
import type { LiveChange } from '../../src/core/live.js';
import type { Consultation, ProposalStatus } from '../../src/core/schemas.js';
import type { Queryable, Row } from '../db/db.js';
import { countsHidden, tallyOf } from '../store/proposals.js';

export interface ChangeRow extends Row {
  seq: number;
  kind: 'tally' | 'proposal' | 'consultation' | 'mine' | 'count';
  ref: string | null;
  participant_id: string | null;
  data: Record<string, unknown>;
  counts: Record<string, number> | null;
  /** A `count` topic's number, counted when read (migration 081): always the latest. */
  n: number | null;
  status: ProposalStatus | null;
}

const CHANGES = `
  SELECT l.seq::float8 AS seq, l.kind, l.ref, l.participant_id, l.data, p.status,
    CASE WHEN l.kind = 'tally' THEN (SELECT jsonb_object_agg(t.choice, t.n) FILTER (WHERE t.n > 0) FROM proposal_tallies t WHERE t.proposal_id = l.ref) END AS counts,
    CASE WHEN l.kind = 'count' AND l.data->>'kind' = 'comment' THEN
        (SELECT count(*)::int FROM comments k WHERE k.consultation_id = l.consultation_id AND k.target = l.ref AND k.status = 'published')
      WHEN l.kind = 'count' AND l.data->>'kind' = 'amendment' THEN
        (SELECT count(*)::int FROM amendments a WHERE a.document_id = l.data->>'document' AND a.section_id = l.data->>'section'
          AND a.state = 'open' AND a.moderation = 'published') END AS n
  FROM live_changes l LEFT JOIN proposals p ON l.kind = 'tally' AND p.id = l.ref
  WHERE l.consultation_id = $1 AND l.seq > $2 AND l.seq <= $3
  ORDER BY l.seq`;

/** The changes with after < seq <= upTo, oldest first. */
export async function changesSince(
  q: Queryable,
  consultationId: string,
  after: number,
  upTo = Number.MAX_SAFE_INTEGER,
): Promise<ChangeRow[]> {
  return q.query<ChangeRow>(CHANGES, [consultationId, after, upTo]);
}

/**
 * The consultation's horizon (migration 102): every change of it numbered up to the horizon is committed,
 * and seen by a statement run after this call; later changes get higher numbers. Waits for the writes
 * committing at this instant. `q` must not be inside a transaction (the lock would last until its end).
 */
export async function horizon(q: Queryable, consultationId: string): Promise<number> {
  const rows = await q.query<{ n: number }>('SELECT pgo_live_horizon($1)::float8 AS n', [consultationId]);
  return rows[0]?.n ?? 0;
}

/**
 * Records a change from application code (in the caller's transaction). Consultations changed in the
 * console call this with `consultation`; other kinds may call it with `count`.
 */
export async function recordChange(
  q: Queryable,
  consultationId: string,
  topic: string,
  kind: ChangeRow['kind'],
  ref: string | null,
  data: object = {},
  participantId: string | null = null,
): Promise<void> {
  await q.query('SELECT pgo_live_change($1, $2, $3, $4, $5, $6::jsonb)', [
    consultationId,
    topic,
    kind,
    ref,
    participantId,
    JSON.stringify(data),
  ]);
}

/** What `participantId` may see of a row; null when nothing (another's private change, an unpublished proposal's tally). */
export function visibleChange(consultation: Consultation, row: ChangeRow, participantId: string | null, now: number): LiveChange | null {
  if (row.participant_id && row.participant_id !== participantId) return null;
  const data = row.data ?? {};
  switch (row.kind) {
    case 'tally':
      // Hidden counts stay hidden: not even the rhythm of the votes is sent.
      if (row.status !== 'published' || !row.ref || countsHidden(consultation, now)) return null;
      return { type: 'tally', proposalId: row.ref, tally: tallyOf(consultation, row.ref, row.counts, now) };
    case 'proposal':
      return row.ref ? { type: 'proposal', id: row.ref, status: data.status as ProposalStatus } : null;
    case 'consultation':
      return { type: 'consultation' };
    case 'mine':
      return { type: 'mine', target: String(data.target ?? row.ref), status: String(data.status ?? '') };
    case 'count':
      return {
        type: 'count',
        target: String(data.target ?? row.ref),
        kind: String(data.kind ?? ''),
        count: Number(row.n ?? data.count ?? 0),
      };
    default:
      return null;
  }
}
