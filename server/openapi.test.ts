import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createApp } from './app.js';
import type { Db } from './db/db.js';
import { openApiDocument } from './openapi/document.js';

/** The routes of /tmp/api-contract.md, the ones the rest backend calls. */
const CONTRACT = [
  'GET /time', 'POST /participants', 'POST /consultations/{id}/identity', 'GET /consultations/{id}', 'GET /consultations/{id}/participation',
  'GET /consultations/{id}/proposals', 'GET /consultations/{id}/proposals/{proposalId}', 'POST /consultations/{id}/proposals',
  'POST /consultations/{id}/proposals/{proposalId}/reports', 'PUT /consultations/{id}/proposals/{proposalId}/vote',
  'DELETE /consultations/{id}/proposals/{proposalId}/vote', 'GET /consultations/{id}/events', 'GET /consultations/{id}/events/{eventId}',
  'POST /consultations/{id}/events/{eventId}/registrations', 'POST /consultations/{id}/events', 'GET /consultations/{id}/export.csv',
  'GET /consultations/{id}/export.json', 'GET /openapi.json', 'GET /docs', 'GET /admin/consultations/{id}/moderation',
  ...['approve', 'hide', 'restore'].flatMap((a) => [`POST /admin/proposals/{proposalId}/${a}`, `POST /admin/events/{eventId}/${a}`]),
];

const { app } = createApp({ db: {} as Db, consultations: [], adminToken: 'x' });
const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();

/** Hono's routes as `METHOD /path` in OpenAPI style (`:id` -> `{id}`, alternatives expanded). */
function servedRoutes(): string[] {
  return app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
    .flatMap((r) => {
      const path = r.path.slice('/api/v1'.length);
      const choice = /:(\w+)\{([\w|]+)\}/.exec(path);
      const paths = choice ? choice[2]!.split('|').map((alt) => path.replace(choice[0], alt)) : [path];
      return paths.map((p) => `${r.method} ${p.replace(/:(\w+)/g, '{$1}')}`);
    })
    .sort();
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    assert.equal(validator.version, '3.1');
    assert.deepEqual(result.errors, undefined);
    assert.equal(result.valid, true);
  });

  it('documents exactly the routes the server has, and every route of the contract', () => {
    assert.deepEqual(documented, servedRoutes());
    assert.deepEqual(CONTRACT.filter((r) => !documented.includes(r)), []);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('resolves every $ref and generates the schemas from zod', () => {
    const text = JSON.stringify(doc);
    const schemas = (doc as unknown as { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } }).components.schemas;
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) assert.ok(schemas[name!], name);
    assert.deepEqual(schemas.VoteTally!.required, ['proposalId', 'hidden', 'total', 'counts']);
    assert.ok(schemas.ProposalDraft!.properties!.website);
    assert.ok(schemas.ApiError!.properties!.fieldErrors);
  });

  it('is served with an ETag, with a self-contained reference page', async () => {
    const json = await app.request('/api/v1/openapi.json');
    assert.equal(json.status, 200);
    assert.ok(json.headers.get('etag'));
    assert.deepEqual(await json.json(), doc);
    const page = await app.request('/api/v1/docs');
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.match(page.headers.get('content-security-policy')!, /default-src 'none'; style-src 'sha256-/);
    const html = await page.text();
    for (const path of Object.keys(doc.paths)) assert.ok(html.includes(`<code>${path}</code>`), path);
    assert.ok(html.includes('id="schema-Proposal"'));
    assert.doesNotMatch(html, /<script|<link|src=|href="https?:|url\(/);
  });
});
