/**
 * The consultations an organiser acts on, the moderation queue (every kind of contribution), decisions
 * (bulk, with a reason), answers to proposals and the audit log (JSON or CSV).
 */
import type { Hono } from 'hono';
import { AnswerInput, AuditQuery, DecisionInput, QueueQuery } from '../../../src/core/organisers.js';
import type { AppContext, Env } from '../../context.js';
import { parseWith, readJson } from '../../http/body.js';
import { fail } from '../../http/problem.js';
import { saveAnswer } from '../../store/answers.js';
import { audit, auditCsv, auditEntries } from '../../store/audit.js';
import { decide, moderationQueue, type DecisionOutcome } from '../../store/moderation.js';
import { roleOn } from '../../store/organisers.js';
import { caller, requireRole } from './access.js';

export function moderationRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/admin/consultations', async (c) => {
    const who = await caller(ctx, c);
    const list = ctx.consultations
      .map(({ consultation }) => ({
        id: consultation.id,
        title: consultation.title,
        role: who.kind === 'token' ? 'admin' : roleOn(who.organiser, consultation.id),
      }))
      .filter((x) => x.role);
    return c.json({ consultations: list });
  });

  app.get('/admin/consultations/:id/queue', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'moderator');
    const { tab } = parseWith(QueueQuery, c.req.query());
    return c.json(await moderationQueue(ctx.db, consultation.id, tab));
  });

  app.post('/admin/consultations/:id/decisions', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'moderator');
    const { data } = await readJson(c, DecisionInput, ctx.limits.jsonDepth);
    const outcomes: DecisionOutcome[] = await ctx.db.transaction(async (tx) => {
      const done: DecisionOutcome[] = [];
      for (const target of new Set(data.targets))
        done.push(await decide(tx, consultation.id, target, data.action, data.reason, who.actor, ctx.now()));
      // All or nothing: one unknown target refuses the whole batch.
      const missing = done.find((o) => 'error' in o);
      if (missing)
        fail('error' in missing && missing.error === 'conflict' ? 'conflict' : 'not-found', `Cannot ${data.action} ${missing.target}`);
      return done;
    });
    return c.json({ decided: outcomes });
  });

  app.put('/admin/consultations/:id/proposals/:proposalId/answer', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'moderator');
    const { data } = await readJson(c, AnswerInput, ctx.limits.jsonDepth);
    const proposalId = c.req.param('proposalId');
    const answer = await ctx.db.transaction(async (tx) => {
      const saved = await saveAnswer(tx, consultation.id, proposalId, data, who.actor.ref, ctx.now());
      await audit(tx, who.actor, ctx.now(), {
        action: 'proposal.answer',
        consultationId: consultation.id,
        target: `proposal:${proposalId}`,
        reason: data.text || null,
        details: { state: data.state, mergedInto: saved.mergedInto, commitment: saved.commitment },
      });
      return saved;
    });
    return c.json(answer);
  });

  app.get('/admin/audit', async (c) => {
    const who = await caller(ctx, c);
    const query = parseWith(AuditQuery, c.req.query());
    if (query.consultation) requireRole(who, ctx.consultation(query.consultation).consultation.id, 'admin');
    else requireRole(who, '*', 'admin');
    const entries = await auditEntries(ctx.db, { consultationId: query.consultation });
    if (query.format === 'csv') {
      c.header('content-disposition', `attachment; filename="audit${query.consultation ? `-${query.consultation}` : ''}.csv"`);
      return c.body(auditCsv(entries), 200, { 'content-type': 'text/csv; charset=utf-8' });
    }
    return c.json({ entries });
  });
}
