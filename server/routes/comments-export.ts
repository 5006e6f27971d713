/**
 * Comments in the open data (issue 20): the published comments of a consultation, without the author's name,
 * participant or organiser identity (only whether an organiser wrote it). In export.json (`comments`) and as
 * their own CSV file, `comments.csv`, beside the proposals' export.csv.
 */
import type { Hono } from 'hono';
import type { AppContext, Env } from '../context.js';
import { CACHE, cachedBody } from '../http/cache.js';
import { exportComments } from '../store/comment-export.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';
import { csvCell } from '../csv.js';

const COLUMNS = ['id', 'target', 'parent_id', 'created_at', 'edited_at', 'body', 'stance', 'organiser', 'helpful'];

export function commentExportRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/comments.csv', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const lines = [COLUMNS.join(',')];
    for (const x of await exportComments(ctx.db, consultation.id))
      lines.push(
        [x.id, x.target, x.parentId, x.createdAt, x.editedAt, x.body, x.stance, String(x.organiser), x.helpful].map(csvCell).join(','),
      );
    c.header('content-disposition', `attachment; filename="${consultation.id}-comments.csv"`);
    return cachedBody(c, `${lines.join('\r\n')}\r\n`, 'text/csv; charset=utf-8; header=present', CACHE.live);
  });
}

export const COMMENT_EXPORT_DOCS: RouteDoc[] = [
  {
    id: 'exportCommentsCsv',
    method: 'get',
    path: `${C}/comments.csv`,
    tag: 'Open data',
    summary: 'Published comments (CSV)',
    description:
      'One row per published comment or reply, oldest first: its target (`proposal:ID`…), the thread it belongs to (`parent_id`), its text and stance, whether an organiser wrote it, its helpful votes. No name, no participant, no e-mail; hidden, pending and deleted comments are left out. RFC 4180, UTF-8; a cell starting with = + - @ is prefixed with an apostrophe. The same rows are the `comments` of export.json.',
    auth: 'none',
    ok: { status: 200, description: 'The export', contentType: 'text/csv' },
    refusals: {},
    cached: true,
  },
];
