/** The organiser side of the API (issue 19), all under /api/v1/admin (same-origin only, see http/cors.ts). */
import type { Hono } from 'hono';
import type { AppContext, Env } from '../../context.js';
import { clearEndedCookies } from './access.js';
import { accountRoutes } from './accounts.js';
import { consultationRoutes } from './consultations.js';
import { moderationRoutes } from './moderation.js';
import { oidcRoutes } from './oidc.js';
import { sessionRoutes } from './session.js';

export function organiserRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.use('/admin/*', clearEndedCookies(ctx));
  sessionRoutes(app, ctx);
  oidcRoutes(app, ctx);
  accountRoutes(app, ctx);
  moderationRoutes(app, ctx);
  consultationRoutes(app, ctx);
}
