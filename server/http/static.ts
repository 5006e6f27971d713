/**
 * Static files for the demo (`{ '/': 'demo', '/dist': 'dist' }`): the longest matching prefix wins,
 * paths are resolved and must stay inside their folder (no `..`, no symlink escape), a folder serves
 * its index.html, and every answer carries a content type and an ETag.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ics': 'text/calendar; charset=utf-8',
};

export interface StaticMount {
  prefix: string;
  dir: string;
}

export function staticMounts(dirs: Record<string, string>): StaticMount[] {
  return Object.entries(dirs)
    .map(([prefix, dir]) => ({ prefix: prefix.replace(/\/+$/, ''), dir: resolve(dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The file a URL path maps to, or null when it is outside every mount. */
export async function staticFile(mounts: StaticMount[], urlPath: string): Promise<string | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  for (const { prefix, dir } of mounts) {
    if (prefix && path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const rest = path.slice(prefix.length);
    if (rest.split('/').some((part) => part === '..')) return null;
    let file = resolve(join(dir, rest));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const real = await realpath(file);
      const realDir = await realpath(dir);
      if (real !== realDir && !real.startsWith(realDir + sep)) return null;
      if ((await stat(real)).isFile()) return real;
    } catch {
      // Not in this mount: a shorter prefix may still have it.
    }
  }
  return null;
}

export async function serveStatic(c: Context, mounts: StaticMount[]): Promise<Response | null> {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null;
  const file = await staticFile(mounts, c.req.path);
  if (!file) return null;
  const body = await readFile(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
  };
  if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(c.req.method === 'HEAD' ? null : body, { status: 200, headers });
}
