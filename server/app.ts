/**
 * The HTTP application (Hono): /api/v1 routes, CORS, limits, problem+json errors, optional static
 * files for the demo. `createApp` takes an open database and loaded consultations; `startServer`
 * (server.ts) opens them and listens.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BackendError } from '../src/core/errors.js';
import { AppContext, type AppOptions, type Env } from './context.js';
import { isDatabaseUnavailable } from './db/db.js';
import { consoleRoutes } from './http/console.js';
import { cors } from './http/cors.js';
import { compression } from './http/compress.js';
import { allowedMethods } from './http/methods.js';
import { backendError, problemResponse } from './http/problem.js';
import { serveStatic, staticMounts } from './http/static.js';
import { openApiDocument } from './openapi/document.js';
import { liveRoutes } from './live/routes.js';
import { adminRoutes } from './routes/admin.js';
import { commentRoutes } from './routes/comments.js';
import { commentExportRoutes } from './routes/comments-export.js';
import { organiserCommentRoutes } from './routes/comments-organisers.js';
import { documentAdminRoutes } from './routes/documents-admin.js';
import { documentRoutes } from './routes/documents.js';
import { eventRoutes } from './routes/events.js';
import { exportRoutes } from './routes/exports.js';
import { organiserRoutes } from './routes/organisers/index.js';
import { myContributionRoutes } from './routes/my-contributions.js';
import { participantRoutes } from './routes/participants.js';
import { proposalRoutes } from './routes/proposals.js';
import { referenceRoutes } from './routes/reference.js';
import { workshopReportRoutes } from './routes/workshop-reports.js';

export const API_BASE = '/api/v1';

/** An error from reading the body of a request whose client has gone (reset, broken framing). */
function clientWentAway(c: Context<Env>, error: unknown): boolean {
  const incoming = c.env?.incoming;
  return Boolean(incoming && (incoming.readableAborted || incoming.aborted)) && (error as { code?: unknown }).code === 'ECONNRESET';
}

export function createApp(options: AppOptions): { app: Hono<Env>; ctx: AppContext } {
  const ctx = new AppContext(options);
  const app = new Hono<Env>();
  const mounts = staticMounts(options.staticDirs ?? {});

  app.onError((error, c) => {
    if (error instanceof BackendError) return problemResponse(error);
    if (clientWentAway(c, error)) {
      // The client reset the connection or broke its chunk framing mid-body (Node: ECONNRESET "aborted"):
      // the client's fault, not a database outage; nobody reads the answer.
      ctx.log(`client went away: ${c.req.method} ${c.req.path}: the request body was cut off`);
      return problemResponse(
        backendError('validation', 'The request body was cut off', {
          status: 400,
          detail: 'The connection closed before the whole body arrived',
        }),
      );
    }
    if (isDatabaseUnavailable(error)) {
      // PostgreSQL restarting: the pool reconnects by itself; the client retries (same idempotency key).
      ctx.log(`database unavailable: ${c.req.method} ${c.req.path}: ${error.message}`);
      return problemResponse(
        backendError('server', 'The database is briefly unavailable', { status: 503, retryAfter: 1, detail: 'Try again in a moment' }),
      );
    }
    ctx.log(`error: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return problemResponse(backendError('server', 'Internal server error'));
  });
  app.notFound(async (c) => {
    if (!c.req.path.startsWith(`${API_BASE}/`) && mounts.length) {
      const file = await serveStatic(c, mounts);
      if (file) return file;
    }
    return problemResponse(backendError('not-found', `No route for ${c.req.method} ${c.req.path}`));
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    if (options.log) ctx.log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)} ms`);
  });
  app.use('*', compression({ apiBase: API_BASE }));
  // Consultations edited by another process (a worker of the cluster) before CORS reads their origins.
  app.use(`${API_BASE}/*`, async (_c, next) => {
    try {
      await ctx.refreshConsultations();
    } catch (error) {
      // Serve the copy in memory; the route itself meets the database problem if it is one.
      ctx.log(`consultations not reloaded: ${(error as Error).message}`);
    }
    return next();
  });
  app.use(`${API_BASE}/*`, cors(ctx));
  app.use(`${API_BASE}/*`, allowedMethods(app));
  // PostgreSQL text cannot hold NUL: an address carrying one is refused before any query (not a 500).
  app.use(`${API_BASE}/*`, async (c, next) => {
    if (!/%00/.test(c.req.url)) return next();
    return problemResponse(
      backendError('validation', 'The address contains a NUL character', { detail: 'Paths and query strings may not contain %00' }),
    );
  });
  app.use(`${API_BASE}/*`, async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    // A relay workshop's report carries up to 200 contributions (issue 22): eight times the limit, on that route only.
    const maxSize = /\/events\/[^/]+\/report$/.test(c.req.path) ? ctx.limits.bodyBytes * 8 : ctx.limits.bodyBytes;
    const tooLarge = () =>
      problemResponse(backendError('too-large', 'The request body is too large', { detail: `At most ${maxSize} bytes are accepted` }));
    // A body that announces its length is judged by the header, as bodyLimit does, without the Web Request
    // that bodyLimit builds to look at it (issue 25: the costliest JavaScript of a vote; http/body.ts reads it).
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(length, 10) > maxSize ? tooLarge() : next();
    return bodyLimit({ maxSize, onError: tooLarge })(c, next);
  });

  consoleRoutes(app, options.consoleDir);
  const api = app.basePath(API_BASE);
  participantRoutes(api, ctx);
  myContributionRoutes(api, ctx);
  proposalRoutes(api, ctx);
  eventRoutes(api, ctx);
  commentRoutes(api, ctx);
  organiserCommentRoutes(api, ctx);
  exportRoutes(api, ctx);
  commentExportRoutes(api, ctx);
  adminRoutes(api, ctx);
  organiserRoutes(api, ctx);
  liveRoutes(api, ctx);
  // Issue 21: documents and amendments.
  documentRoutes(api, ctx);
  documentAdminRoutes(api, ctx);
  workshopReportRoutes(api, ctx);
  referenceRoutes(api, openApiDocument);
  return { app, ctx };
}
