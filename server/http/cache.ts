/** Cacheable JSON reads: a strong ETag from the body, Cache-Control, and 304 on If-None-Match. */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export const CACHE = {
  /** Changes only when the server restarts with another configuration. */
  config: 'public, max-age=60',
  /**
   * Changes with every vote. Browsers revalidate each time (cheap with the ETag); a shared cache (a
   * CDN in front of the API) may answer from its copy for 5 s: at a phase opening the readers cost the
   * server one request per URL and 5 s, whatever their number. A voter's own answer (PUT/DELETE) always
   * carries the fresh tally. No stale-while-revalidate: browsers apply it to their own cache too, and a
   * reader's list then missed the proposal they had just sent.
   */
  live: 'public, max-age=0, s-maxage=5',
  /** Depends on the bearer token: never stored by a shared cache. */
  personal: 'private, no-cache',
  none: 'no-store',
} as const;

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export function cachedBody(c: Context, body: string, contentType: string, cacheControl: string): Response {
  const etag = etagOf(body);
  c.header('etag', etag);
  c.header('cache-control', cacheControl);
  if (cacheControl === CACHE.personal) c.header('vary', 'Authorization', { append: true });
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  c.header('content-type', contentType);
  return c.body(body, 200);
}

export function cachedJson(c: Context, value: unknown, cacheControl: string): Response {
  return cachedBody(c, JSON.stringify(value), 'application/json; charset=utf-8', cacheControl);
}
