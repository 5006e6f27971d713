/** Comments in the open data (issue 20): the published ones of a consultation, without name or participant (server/routes/comments-export.ts). */
import type { ExportComment } from '../api-schemas.js';
import type { Queryable } from '../db/db.js';
import { iso } from './ids.js';

export async function exportComments(q: Queryable, consultationId: string): Promise<ExportComment[]> {
  const rows = await q.query<{
    id: string;
    target: string;
    parent_id: string | null;
    created_at: unknown;
    edited_at: unknown;
    body: string;
    stance: ExportComment['stance'];
    organiser: boolean;
    helpful: number;
  }>(
    `SELECT c.id, c.target, c.parent_id, c.created_at, c.edited_at, c.body, c.stance, c.organiser_id IS NOT NULL AS organiser,
       (SELECT count(*)::int FROM comment_helpful h WHERE h.comment_id = c.id) AS helpful
     FROM comments c WHERE c.consultation_id = $1 AND c.status = 'published' ORDER BY c.created_at, c.seq`,
    [consultationId],
  );
  return rows.map((r) => ({
    id: r.id,
    target: r.target,
    parentId: r.parent_id,
    createdAt: iso(r.created_at),
    editedAt: r.edited_at ? iso(r.edited_at) : null,
    body: r.body,
    stance: r.stance,
    organiser: r.organiser,
    helpful: r.helpful,
  }));
}
