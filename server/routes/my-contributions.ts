/**
 * A participant's own contributions and their moderation status (issue 19): `GET
 * /consultations/{id}/my-contributions` with the participant's token. A visitor without one has none.
 */
import type { Hono } from 'hono';
import type * as z from 'zod/mini';
import { MyContributions } from '../../src/core/contributions.js';
import type { AppContext, Env } from '../context.js';
import { currentParticipant } from '../http/auth.js';
import { C, type RouteDoc } from '../openapi/route-doc.js';
import { contributionsOf } from '../store/moderation.js';

export function myContributionRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get('/consultations/:id/my-contributions', async (c) => {
    const { consultation } = ctx.consultation(c.req.param('id'));
    const participant = await currentParticipant(ctx, c);
    c.header('cache-control', 'private, no-store');
    c.header('vary', 'Authorization');
    const body: z.infer<typeof MyContributions> = {
      items: participant ? await contributionsOf(ctx.db, consultation.id, participant.id) : [],
    };
    return c.json(body);
  });
}

export const MY_CONTRIBUTION_DOCS: RouteDoc[] = [
  {
    id: 'listMyContributions',
    method: 'get',
    path: `${C}/my-contributions`,
    tag: 'Participants',
    summary: 'The participant’s own contributions and what moderation made of them',
    description:
      'Every kind of contribution of the moderation model that names its author (proposals, proposed events, comments, amendments, workshop reports), newest first (200 at most): `pending` (awaiting moderation), `published`, `hidden` (with the moderators’ `reason`), `withdrawn`. Without a token: an empty list. The live stream’s `mine` events say when one of them is decided.',
    auth: 'optional-participant',
    ok: { status: 200, description: 'The contributions', schema: 'MyContributions' },
    refusals: { 'not-found': 'no such consultation' },
  },
];

export const MY_CONTRIBUTION_ANSWERS: Record<string, z.ZodMiniType> = { MyContributions };
export const MY_CONTRIBUTION_EXAMPLES: Record<string, unknown> = {
  MyContributions: {
    items: [
      {
        target: 'proposal:p-8H2kLq0vXy1mN3pR',
        kind: 'proposal',
        id: 'p-8H2kLq0vXy1mN3pR',
        title: 'Ouvrir les données des marchés publics',
        status: 'hidden',
        createdAt: '2026-03-02T09:00:00.000Z',
        decidedAt: '2026-03-03T10:30:00.000Z',
        reason: 'Doublon de « Publier les marchés publics »',
      },
    ],
  },
};
