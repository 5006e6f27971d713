/** The OpenAPI document and its readable page. */
import type { Hono } from 'hono';
import type { Env } from '../context.js';
import { CACHE, cachedBody, cachedJson } from '../http/cache.js';
import { openApiDocument } from '../openapi/document.js';
import { DOCS_STYLE_HASH, docsPage } from '../openapi/docs-page.js';

export function referenceRoutes(app: Hono<Env>): void {
  app.get('/openapi.json', (c) => cachedJson(c, openApiDocument(), CACHE.config));
  app.get('/docs', (c) => {
    c.header('content-security-policy', `default-src 'none'; style-src '${DOCS_STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    return cachedBody(c, docsPage(openApiDocument()), 'text/html; charset=utf-8', CACHE.config);
  });
}
