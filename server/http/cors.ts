/**
 * Per-consultation CORS: a host page may call the API of a consultation whose `allowedOrigins` lists
 * its origin (or `*`). Routes not tied to one consultation (time, participants, OpenAPI) accept the
 * origins of any consultation. Admin routes refuse every cross-origin request, preflights included.
 * No cookies are used, so credentials are never allowed.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppContext, Env } from '../context.js';
import { CALLBACK_PATH } from '../routes/organisers/oidc-settings.js';
import { backendError, problemResponse } from './problem.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID';
const ALLOW_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
/** What the rest backend reads from answers. */
const EXPOSE_HEADERS = 'ETag, Retry-After, Date, Idempotent-Replayed, Content-Length, X-Live-Id';

function allowedOrigins(ctx: AppContext, path: string): string[] {
  const id = /^\/api\/v1\/consultations\/([^/]+)/.exec(path)?.[1];
  let one: ReturnType<AppContext['find']>;
  try {
    one = id ? ctx.find(decodeURIComponent(id)) : undefined;
  } catch {
    // Malformed percent-encoding: no such consultation (the route answers 404).
  }
  return one ? one.allowedOrigins : ctx.consultations.flatMap((c) => c.allowedOrigins);
}

export function cors(ctx: AppContext): MiddlewareHandler<Env> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    // The OpenID Connect provider sends the browser back from its own site: that one GET is a cross-site
    // navigation by design, defended by the state bound to the browser's cookie (routes/organisers/oidc.ts).
    const oidcCallback = c.req.method === 'GET' && c.req.path === CALLBACK_PATH;
    const admin = c.req.path.startsWith('/api/v1/admin') && !oidcCallback;
    const crossSite = c.req.header('sec-fetch-site');
    const sameOrigin = !origin || origin === ctx.ownOrigin(c);
    if (admin) {
      if (!sameOrigin || crossSite === 'cross-site' || crossSite === 'same-site') {
        return problemResponse(backendError('forbidden', 'Admin routes refuse cross-origin requests'));
      }
      return next();
    }
    if (sameOrigin) {
      await next();
      // Caches must not give a same-origin answer (no CORS headers) to a cross-origin page.
      c.res.headers.append('vary', 'Origin');
      return;
    }
    const list = allowedOrigins(ctx, c.req.path);
    const allow = list.includes(origin) ? origin : list.includes('*') ? '*' : null;
    if (!allow) return problemResponse(backendError('forbidden', `Origin ${origin} may not call this API`), { vary: 'Origin' });
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': allow,
          'access-control-allow-methods': ALLOW_METHODS,
          'access-control-allow-headers': ALLOW_HEADERS,
          'access-control-max-age': '600',
          vary: 'Origin',
        },
      });
    }
    await next();
    c.res.headers.set('access-control-allow-origin', allow);
    c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS);
    c.res.headers.append('vary', 'Origin');
  };
}
