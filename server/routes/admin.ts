/** Moderation, behind the admin token; the CORS layer refuses any cross-origin call to these routes. */
import type { Context, Hono } from 'hono';
import type { ModeratedEvent, ModeratedProposal } from '../api-schemas.js';
import type { AppContext, Env } from '../context.js';
import { requireAdmin } from '../http/auth.js';
import { fail } from '../http/problem.js';
import { consultationOf, decide } from '../store/moderation.js';
import { EVENT_SELECT, toEvent, type EventRow } from '../store/events.js';
import { PROPOSAL_SELECT, toProposal, type ProposalRow } from '../store/proposals.js';

type Action = 'approve' | 'hide' | 'restore';

export function adminRoutes(app: Hono<Env>, ctx: AppContext): void {
  // Per route, not `use('/admin/*')`: the organiser routes (routes/organisers) share the prefix and take sessions too.
  const admin = async (c: Context<Env>) => {
    await requireAdmin(ctx, c);
    c.header('cache-control', 'no-store');
  };
  /** Through the one moderation model (store/moderation.ts): audited as the automation token. */
  const decideAsToken = async (target: string, action: Action) => {
    const consultationId = await consultationOf(ctx.db, target);
    const outcome = consultationId
      ? await ctx.db.transaction((tx) => decide(tx, consultationId, target, action, 'Decided through the admin token (no reason given)', { ref: 'token', name: 'automation token' }, ctx.now()))
      : null;
    if (!outcome || 'error' in outcome) fail('not-found', `No such ${target.split(':')[0]}`);
  };

  const moderatedProposal = async (row: ProposalRow): Promise<ModeratedProposal> => {
    const reasons = await ctx.db.query<{ reason: string }>('SELECT reason FROM reports WHERE target = $1 ORDER BY created_at, id', [`proposal:${row.id}`]);
    const consultation = ctx.consultation(row.consultation_id).consultation;
    return { ...toProposal(consultation, row, ctx.now()), reports: reasons.length, reportReasons: reasons.map((r) => r.reason), authorEmail: row.author_email };
  };
  const moderatedEvent = (row: EventRow): ModeratedEvent => ({ ...toEvent(row), moderation: row.moderation, organiserEmail: row.organiser_email });

  app.get('/admin/consultations/:id/moderation', async (c) => {
    await admin(c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    const proposals = await ctx.db.query<ProposalRow>(
      `${PROPOSAL_SELECT} WHERE p.consultation_id = $1 AND (p.status IN ('pending', 'hidden') OR EXISTS (SELECT 1 FROM reports r WHERE r.target = 'proposal:' || p.id))
       ORDER BY p.created_at, p.id`,
      [consultation.id],
    );
    const events = await ctx.db.query<EventRow>(`${EVENT_SELECT} WHERE e.consultation_id = $1 AND e.moderation <> 'approved' ORDER BY e.starts_at, e.id`, [consultation.id]);
    return c.json({ proposals: await Promise.all(proposals.map(moderatedProposal)), events: events.map(moderatedEvent) });
  });

  app.post('/admin/proposals/:proposalId/:action{approve|hide|restore}', async (c) => {
    await admin(c);
    await decideAsToken(`proposal:${c.req.param('proposalId')}`, c.req.param('action') as Action);
    const row = (await ctx.db.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = $1`, [c.req.param('proposalId')]))[0]!;
    ctx.log(`admin: proposal ${row.id} -> ${row.status}`);
    return c.json(await moderatedProposal(row));
  });

  app.post('/admin/events/:eventId/:action{approve|hide|restore}', async (c) => {
    await admin(c);
    await decideAsToken(`event:${c.req.param('eventId')}`, c.req.param('action') as Action);
    const row = (await ctx.db.query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1`, [c.req.param('eventId')]))[0]!;
    ctx.log(`admin: event ${row.id} -> ${row.moderation}`);
    return c.json(moderatedEvent(row));
  });
}
