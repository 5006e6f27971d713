/**
 * Open data: the published proposals with their tallies, as CSV and JSON. No e-mail, no author name,
 * no participant id: nothing that identifies a person. Counts stay empty while they are hidden.
 */
import type { Hono } from 'hono';
import { VOTE_CHOICES, type Consultation } from '../../src/core/schemas.js';
import type { ExportProposal } from '../api-schemas.js';
import type { AppContext, Env } from '../context.js';
import { CACHE, cachedBody, cachedJson } from '../http/cache.js';
import { countsHidden, listProposals } from '../store/proposals.js';
import { exportComments } from '../store/comment-export.js';
import { exportedOrigin } from '../store/reports-origin.js';
import type { Db } from '../db/db.js';
import { csvCell } from '../csv.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';

async function exportRows(db: Db, consultation: Consultation, now: number): Promise<ExportProposal[]> {
  const rows: ExportProposal[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProposals(db, consultation, { sort: 'newest', limit: 100, cursor }, now);
    for (const p of page.items) {
      rows.push({
        id: p.id,
        createdAt: p.createdAt,
        categoryId: p.categoryId,
        category: consultation.categories.find((c) => c.id === p.categoryId)?.title ?? null,
        title: p.title,
        body: p.body,
        extra: p.extra,
        total: p.tally.total,
        counts: p.tally.counts,
        answer: p.answer ?? null,
        origin: exportedOrigin(p.origin),
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows.reverse();
}

export function exportRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/export.json', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const now = ctx.now();
    const proposals = await exportRows(ctx.db, consultation, now);
    c.header('content-disposition', `inline; filename="${consultation.id}.json"`);
    return cachedJson(
      c,
      {
        consultation: {
          id: consultation.id,
          title: consultation.title,
          voteModel: consultation.settings.voteModel,
          countsHidden: countsHidden(consultation, now),
          exportedAt: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
        },
        proposals,
        comments: await exportComments(ctx.db, consultation.id),
      },
      CACHE.live,
    );
  });

  app.get('/consultations/:id/export.csv', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const proposals = await exportRows(ctx.db, consultation, ctx.now());
    const extras = consultation.settings.proposalFields.extraFields.map((f) => f.id);
    const choices = VOTE_CHOICES[consultation.settings.voteModel];
    const header = [
      'id',
      'created_at',
      'category_id',
      'category',
      'title',
      'body',
      ...extras.map((id) => `extra_${id}`),
      'total',
      ...choices.map((ch) => `votes_${ch}`),
      'answer_state',
      'answer_text',
      'answer_commitment',
      'answer_merged_into',
      'answered_at',
      'origin',
      'origin_event_id',
      'origin_event',
      'origin_town',
      'room_support',
    ];
    const lines = [header.join(',')];
    for (const p of proposals) {
      lines.push(
        [
          p.id,
          p.createdAt,
          p.categoryId,
          p.category,
          p.title,
          p.body,
          ...extras.map((id) => p.extra[id] ?? null),
          p.total,
          ...choices.map((ch) => p.counts?.[ch] ?? null),
          p.answer?.state ?? null,
          p.answer?.text ?? null,
          p.answer?.commitment ?? null,
          p.answer?.mergedInto ?? null,
          p.answer?.answeredAt ?? null,
          p.origin ? 'workshop' : 'online',
          p.origin?.eventId ?? null,
          p.origin?.eventTitle ?? null,
          p.origin?.town ?? null,
          p.origin?.roomSupport ?? null,
        ]
          .map(csvCell)
          .join(','),
      );
    }
    c.header('content-disposition', `attachment; filename="${consultation.id}.csv"`);
    return cachedBody(c, `${lines.join('\r\n')}\r\n`, 'text/csv; charset=utf-8; header=present', CACHE.live);
  });
}

/** The OpenAPI description of these routes (server/openapi/document.ts). */
export const EXPORT_DOCS: RouteDoc[] = [
  {
    id: 'exportJson',
    method: 'get',
    path: `${C}/export.json`,
    tag: 'Open data',
    summary: 'Published proposals and tallies, and published comments (JSON)',
    description: 'No e-mail, no name, no participant id. Counts are null while hidden. `comments`: the rows of comments.csv.',
    auth: 'none',
    ok: { status: 200, description: 'The export', schema: 'OpenDataExport' },
    refusals: {},
    cached: true,
  },
  {
    id: 'exportCsv',
    method: 'get',
    path: `${C}/export.csv`,
    tag: 'Open data',
    summary: 'Published proposals and tallies (CSV)',
    description:
      'RFC 4180, UTF-8, one column per extra field and per vote choice; a cell starting with = + - @ is prefixed with an apostrophe (no formulas).',
    auth: 'none',
    ok: { status: 200, description: 'The export', contentType: 'text/csv' },
    refusals: {},
    cached: true,
  },
];
