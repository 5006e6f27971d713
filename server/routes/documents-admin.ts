/**
 * The organisers' side of the collaborative writing phase (issue 21), under /api/v1/admin (same-origin,
 * CSRF for cookie writes: routes/organisers/access.ts): importing a draft from Markdown, deciding on an
 * amendment (a reason required to reject or change it), publishing version n+1. Each write is audited.
 */
import type { Hono } from 'hono';
import { AmendmentDecisionInput, MarkdownImport } from '../../src/core/text.js';
import type { AppContext, Env } from '../context.js';
import { readJson } from '../http/body.js';
import { decideAmendment } from '../store/amendments.js';
import { audit } from '../store/audit.js';
import { importDocument, publishVersion, readDocument } from '../store/documents.js';
import { caller, requireRole } from './organisers/access.js';

export function documentAdminRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.post('/admin/consultations/:id/documents', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'admin');
    const { data } = await readJson(c, MarkdownImport, ctx.limits.jsonDepth);
    const doc = await ctx.db.transaction(async (tx) => {
      const id = await importDocument(tx, consultation, data, ctx.now());
      await audit(tx, who.actor, ctx.now(), {
        action: 'document.import',
        consultationId: consultation.id,
        target: `document:${id}`,
        reason: null,
        details: { bytes: data.markdown.length },
      });
      return readDocument(tx, consultation.id, id);
    });
    return c.json(doc, 201);
  });

  app.put('/admin/consultations/:id/amendments/:amendmentId/decision', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'moderator');
    const { data } = await readJson(c, AmendmentDecisionInput, ctx.limits.jsonDepth);
    const amendmentId = c.req.param('amendmentId');
    const amendment = await ctx.db.transaction(async (tx) => {
      const decided = await decideAmendment(tx, consultation, amendmentId, data, who.actor.ref, ctx.now());
      await audit(tx, who.actor, ctx.now(), {
        action: 'amendment.decide',
        consultationId: consultation.id,
        target: `amendment:${amendmentId}`,
        reason: data.reason || null,
        details: { state: data.state },
      });
      return decided;
    });
    return c.json(amendment);
  });

  app.post('/admin/consultations/:id/documents/:documentId/versions', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'admin');
    const documentId = c.req.param('documentId');
    const version = await ctx.db.transaction(async (tx) => {
      const published = await publishVersion(tx, consultation.id, documentId, ctx.now());
      await audit(tx, who.actor, ctx.now(), {
        action: 'document.publish',
        consultationId: consultation.id,
        target: `document:${documentId}`,
        reason: null,
        details: { version: published.number, changes: published.changelog.length },
      });
      return published;
    });
    return c.json(version, 201);
  });
}
