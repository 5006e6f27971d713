/**
 * Relay-workshop reports (issue 22): read an event's published report; its host files it (the participant
 * who proposed the event, or the holder of a live host link); organisers issue and revoke host links.
 */
import type { Context, Hono } from 'hono';
import { validationError } from '../../src/core/errors.js';
import { HostLinkInput, WorkshopReportDraft } from '../../src/core/reports.js';
import { reportOpen, validateWorkshopReport } from '../../src/core/reports-rules.js';
import type { AppContext, Env } from '../context.js';
import { readJson } from '../http/body.js';
import { CACHE, cachedJson } from '../http/cache.js';
import { idempotencyKey } from '../http/idempotency.js';
import { fail } from '../http/problem.js';
import { audit } from '../store/audit.js';
import { eventRow, toEvent } from '../store/events.js';
import { newId } from '../store/ids.js';
import { checkAmendmentRows } from '../store/reports-amendments.js';
import {
  hostLinks,
  insertWorkshopReport,
  issueHostLink,
  liveHostLink,
  reportRow,
  revokeHostLink,
  toReport,
} from '../store/reports-workshop.js';
import { participantWrite } from './helpers.js';
import { caller, requireRole } from './organisers/access.js';

export function workshopReportRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/events/:eventId/report', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const row = await reportRow(ctx.db, consultation.id, c.req.param('eventId'));
    if (!row || row.status !== 'published') fail('not-found', 'This event has no published report');
    return cachedJson(c, await toReport(ctx.db, row, true), CACHE.live);
  });

  app.post('/consultations/:id/events/:eventId/report', (c) =>
    participantWrite(ctx, c, WorkshopReportDraft, async ({ consultation, participant, input, tx }) => {
      // The event row is locked: two sends of one report (two networks, two tokens) are serialised.
      const event = await eventRow(tx, consultation.id, c.req.param('eventId') ?? '', true);
      if (!event || event.moderation !== 'approved') fail('not-found', 'No such event');
      const proposer = (event as { participant_id?: string | null }).participant_id;
      const linkId = proposer === participant.id ? null : await liveHostLink(tx, event.id, input.hostKey ?? '');
      if (proposer !== participant.id && !linkId)
        fail('forbidden', 'Only the workshop’s host may file its report', {
          detail: 'The participant who proposed the event, or the holder of a live host link',
        });
      const key = idempotencyKey(c) ?? newId('k');
      const existing = await reportRow(tx, consultation.id, event.id);
      if (existing) {
        // The same draft sent again after its stored key expired, from another token: the report it filed.
        if (existing.client_key === key)
          return { status: 201, body: { report: await toReport(tx, existing, false), moderation: 'pending' } };
        fail('conflict', 'This workshop already has a report');
      }
      const public_ = toEvent(event);
      if (!reportOpen(public_, ctx.now()))
        fail('closed', 'The workshop has not started yet', { detail: `It starts at ${public_.startsAt}` });
      const errors = validateWorkshopReport(consultation, input, public_, ctx.now());
      if (errors.length) throw validationError(errors);
      // Amendment rows against the consultation's texts: they become #21 amendments, pending with the report.
      const texts = await checkAmendmentRows(tx, consultation.id, input);
      if (texts.errors.length) throw validationError(texts.errors);
      const row = await insertWorkshopReport(tx, {
        consultation,
        eventId: event.id,
        draft: input,
        participant,
        documents: texts.documents,
        hostLinkId: linkId,
        clientKey: key,
        at: ctx.now(),
      });
      return { status: 201, body: { report: await toReport(tx, row, false), moderation: 'pending' } };
    }),
  );

  const organiserEvent = async (c: Context<Env>, eventId: string) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id') ?? '');
    requireRole(who, consultation.id, 'admin');
    const event = await eventRow(ctx.db, consultation.id, eventId);
    if (!event) fail('not-found', 'No such event');
    return { who, consultation };
  };

  app.get('/admin/consultations/:id/events/:eventId/host-links', async (c) => {
    const { consultation } = await organiserEvent(c, c.req.param('eventId'));
    return c.json({ links: await hostLinks(ctx.db, consultation.id, c.req.param('eventId')) });
  });

  app.post('/admin/consultations/:id/events/:eventId/host-links', async (c) => {
    const eventId = c.req.param('eventId');
    const { who, consultation } = await organiserEvent(c, eventId);
    const { data } = await readJson(c, HostLinkInput, ctx.limits.jsonDepth);
    if (data.eventId !== eventId)
      fail('validation', 'eventId does not match the address', {
        fieldErrors: [{ field: 'eventId', code: 'invalid', message: 'eventId must be the event of the address' }],
      });
    const label = (data.label ?? '').trim().slice(0, 200);
    const issued = await ctx.db.transaction(async (tx) => {
      const made = await issueHostLink(tx, consultation.id, eventId, label, who.actor.ref, ctx.now());
      await audit(tx, who.actor, ctx.now(), {
        action: 'host-link.issue',
        consultationId: consultation.id,
        target: `event:${eventId}`,
        reason: label || null,
        details: { link: made.link.id },
      });
      return made;
    });
    return c.json(issued, 201);
  });

  app.delete('/admin/consultations/:id/host-links/:linkId', async (c) => {
    const who = await caller(ctx, c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    requireRole(who, consultation.id, 'admin');
    const link = await ctx.db.transaction(async (tx) => {
      const revoked = await revokeHostLink(tx, consultation.id, c.req.param('linkId'), ctx.now());
      if (!revoked) fail('not-found', 'No such host link');
      await audit(tx, who.actor, ctx.now(), {
        action: 'host-link.revoke',
        consultationId: consultation.id,
        target: `event:${revoked.eventId}`,
        reason: null,
        details: { link: revoked.id },
      });
      return revoked;
    });
    return c.json(link);
  });
}
