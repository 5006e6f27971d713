/**
 * The organiser console at /admin/ (dist/admin/, built by scripts/build-console.mjs), under a strict CSP:
 * scripts and styles from this origin only (no inline ones), API calls to this origin only, Trusted Types
 * for Lit's templates, never framed.
 */
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { Env } from '../context.js';
import { backendError, problemResponse } from './problem.js';
import { serveStatic, staticMounts } from './static.js';

export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/admin/', import.meta.url));

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export function consoleRoutes(app: Hono<Env>, dir = CONSOLE_DIR): void {
  const mounts = staticMounts({ '/admin': dir });
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/*', async (c) => {
    const file = await serveStatic(c, mounts);
    const res =
      file ??
      problemResponse(
        backendError('not-found', 'The console is not built', { detail: 'Run npm run build (or node scripts/build-console.mjs)' }),
      );
    res.headers.set('content-security-policy', CONSOLE_CSP);
    res.headers.set('referrer-policy', 'no-referrer');
    res.headers.set('cross-origin-opener-policy', 'same-origin');
    return res;
  });
}
