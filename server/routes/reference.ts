/** The OpenAPI document and its readable page. */
import type { Hono } from 'hono';
import type { Env } from '../context.js';
import { CACHE, cachedBody, cachedJson } from '../http/cache.js';
import { DOCS_STYLE_HASH, docsPage } from '../openapi/docs-page.js';
import type { RouteDoc } from '../openapi/route-doc.js';

/** `document` builds the OpenAPI document (passed in: the document lists these routes, so no import cycle). */
export function referenceRoutes(app: Hono<Env>, document: () => Record<string, unknown>): void {
  app.get('/openapi.json', (c) => cachedJson(c, document(), CACHE.config));
  app.get('/docs', (c) => {
    c.header(
      'content-security-policy',
      `default-src 'none'; style-src '${DOCS_STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    return cachedBody(c, docsPage(document()), 'text/html; charset=utf-8', CACHE.config);
  });
}

/** The OpenAPI description of these routes (server/openapi/document.ts). */
export const REFERENCE_DOCS: RouteDoc[] = [
  {
    id: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Reference',
    summary: 'This document (OpenAPI 3.1)',
    description: 'Generated from the zod schemas and the routes’ own descriptions.',
    auth: 'none',
    ok: { status: 200, description: 'The OpenAPI document', contentType: 'application/json' },
    refusals: {},
    cached: true,
  },
  {
    id: 'getReferencePage',
    method: 'get',
    path: '/docs',
    tag: 'Reference',
    summary: 'A readable reference page',
    description: 'This document as one self-contained HTML page (no script, no outside resource).',
    auth: 'none',
    ok: { status: 200, description: 'HTML', contentType: 'text/html' },
    refusals: {},
    cached: true,
  },
];
