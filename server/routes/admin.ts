/** Moderation, behind the admin token; the CORS layer refuses any cross-origin call to these routes. */
import type { Context, Hono } from 'hono';
import type { ModeratedEvent, ModeratedProposal } from '../api-schemas.js';
import type { AppContext, Env } from '../context.js';
import { requireAdmin } from '../http/auth.js';
import { fail } from '../http/problem.js';
import { consultationOf, decide } from '../store/moderation.js';
import { toEvent, type EventRow } from '../store/events.js';
import { eventById, moderatedProposal, moderationQueue, type ModeratedProposalRow } from '../store/moderated.js';
import { toProposal } from '../store/proposals.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';

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
      ? await ctx.db.transaction((tx) =>
          decide(
            tx,
            consultationId,
            target,
            action,
            'Decided through the admin token (no reason given)',
            { ref: 'token', name: 'automation token' },
            ctx.now(),
          ),
        )
      : null;
    if (!outcome || 'error' in outcome) fail('not-found', `No such ${target.split(':')[0]}`);
  };

  const toModerated = (row: ModeratedProposalRow): ModeratedProposal => {
    const consultation = ctx.consultation(row.consultation_id).consultation;
    return {
      ...toProposal(consultation, row, ctx.now()),
      reports: row.report_reasons.length,
      reportReasons: row.report_reasons,
      authorEmail: row.author_email,
    };
  };
  const moderatedEvent = (row: EventRow): ModeratedEvent => ({
    ...toEvent(row),
    moderation: row.moderation,
    organiserEmail: row.organiser_email,
  });

  app.get('/admin/consultations/:id/moderation', async (c) => {
    await admin(c);
    const { consultation } = ctx.consultation(c.req.param('id'));
    const queue = await moderationQueue(ctx.db, consultation.id);
    return c.json({ proposals: queue.proposals.map(toModerated), events: queue.events.map(moderatedEvent) });
  });

  /** Approve, hide or restore one proposal or event: decided, logged, answered with its moderated view. */
  const moderationRoute = <R>(
    kind: 'proposal' | 'event',
    read: (id: string) => Promise<R | null>,
    view: (row: R) => object,
    state: (row: R) => string,
  ) =>
    app.post(`/admin/${kind}s/:${kind}Id/:action{approve|hide|restore}`, async (c) => {
      await admin(c);
      const id = c.req.param(`${kind}Id`) ?? '';
      await decideAsToken(`${kind}:${id}`, c.req.param('action') as Action);
      const row = (await read(id))!;
      ctx.log(`admin: ${kind} ${id} -> ${state(row)}`);
      return c.json(view(row));
    });
  moderationRoute(
    'proposal',
    (id) => moderatedProposal(ctx.db, id),
    toModerated,
    (row) => row.status,
  );
  moderationRoute(
    'event',
    (id) => eventById(ctx.db, id),
    moderatedEvent,
    (row) => row.moderation,
  );
}

const capital = (action: string) => `${action[0]!.toUpperCase()}${action.slice(1)}`;

/** The OpenAPI description of these routes (server/openapi/document.ts). */
export const ADMIN_DOCS: RouteDoc[] = [
  {
    id: 'getModerationQueue',
    method: 'get',
    path: `/admin${C}/moderation`,
    tag: 'Moderation',
    summary: 'What awaits moderation',
    description: 'Pending, hidden or reported proposals (with report reasons and the author’s e-mail) and proposed or hidden events.',
    auth: 'admin',
    ok: { status: 200, description: 'The moderation queue', schema: 'ModerationQueue' },
    refusals: {},
  },
  ...(['approve', 'hide', 'restore'] as const).flatMap((action): RouteDoc[] => [
    {
      id: `${action}Proposal`,
      method: 'post',
      path: `/admin/proposals/{proposalId}/${action}`,
      tag: 'Moderation',
      summary: `${capital(action)} a proposal`,
      description:
        action === 'hide'
          ? 'Hidden proposals release their votes (they no longer count for their voters) until restored.'
          : `${capital(action)}: the proposal is published.`,
      auth: 'admin',
      ok: { status: 200, description: 'The proposal', schema: 'ModeratedProposal' },
      refusals: { 'not-found': 'no such proposal' },
    },
    {
      id: `${action}Event`,
      method: 'post',
      path: `/admin/events/{eventId}/${action}`,
      tag: 'Moderation',
      summary: `${capital(action)} an event`,
      description:
        action === 'hide' ? 'A hidden event is no longer listed nor open to registration.' : `${capital(action)}: the event is listed.`,
      auth: 'admin',
      ok: { status: 200, description: 'The event', schema: 'ModeratedEvent' },
      refusals: { 'not-found': 'no such event' },
    },
  ]),
];
