/**
 * 405 Method Not Allowed: a path the API has, asked with a method it does not take, is answered 405
 * with `Allow` (RFC 9110 §15.5.6) before any route or token check (under /admin too). Same-origin
 * OPTIONS on such a path answers 204 with `Allow`; cross-origin preflights are the CORS layer's.
 * The paths and methods are read from the app's own routes, so new routes are covered as they come.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { backendError, problemResponse } from './problem.js';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** `/a/:id/x{1|2}` as a regular expression over a whole path. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => {
      const param = /^:\w+(?:\{(.+)\})?$/.exec(part);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function allowedMethods(app: Hono<any>): MiddlewareHandler {
  let table: { pattern: RegExp; methods: Set<string> }[] | null = null;
  const build = () => {
    const byPath = new Map<string, Set<string>>();
    for (const route of app.routes) {
      if (route.method === 'ALL') continue;
      const methods = byPath.get(route.path) ?? new Set<string>();
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
      byPath.set(route.path, methods);
    }
    return [...byPath].map(([path, methods]) => ({ pattern: patternOf(path), methods }));
  };
  return async (c, next) => {
    // The common case first: the router already found a route of this method for this path (a HEAD is
    // routed as a GET). Testing the ~150 path patterns of the table below cost more than routing itself.
    if (matchedRoutes(c).some((route) => route.method !== 'ALL')) return next();
    table ??= build();
    const allowed = new Set<string>();
    for (const { pattern, methods } of table) if (pattern.test(c.req.path)) methods.forEach((m) => allowed.add(m));
    if (!allowed.size || allowed.has(c.req.method)) return next();
    allowed.add('OPTIONS');
    const allow = ORDER.filter((m) => allowed.has(m)).join(', ');
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow, 'cache-control': 'no-store' } });
    return problemResponse(
      backendError('unsupported', `${c.req.method} is not a method of this path`, { status: 405, detail: `Allowed: ${allow}` }),
      { allow },
    );
  };
}
