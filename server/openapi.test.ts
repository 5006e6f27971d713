import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import * as core from '../src/core/schemas.js';
import { createApp } from './app.js';
import type { Db } from './db/db.js';
import { conformance, type OpenApiDoc } from './openapi/conformance.js';
import { openApiDocument } from './openapi/document.js';
import { EXAMPLES } from './openapi/examples.js';

/** The routes of /tmp/api-contract.md, the ones the rest backend calls. */
const CONTRACT = [
  'GET /time',
  'POST /participants',
  'POST /consultations/{id}/identity',
  'GET /consultations/{id}',
  'GET /consultations/{id}/participation',
  'GET /consultations/{id}/proposals',
  'GET /consultations/{id}/proposals/{proposalId}',
  'POST /consultations/{id}/proposals',
  'POST /consultations/{id}/proposals/{proposalId}/reports',
  'PUT /consultations/{id}/proposals/{proposalId}/vote',
  'DELETE /consultations/{id}/proposals/{proposalId}/vote',
  'GET /consultations/{id}/events',
  'GET /consultations/{id}/events/{eventId}',
  'POST /consultations/{id}/events/{eventId}/registrations',
  'POST /consultations/{id}/events',
  'GET /consultations/{id}/export.csv',
  'GET /consultations/{id}/export.json',
  'GET /openapi.json',
  'GET /docs',
  'GET /admin/consultations/{id}/moderation',
  ...['approve', 'hide', 'restore'].flatMap((a) => [`POST /admin/proposals/{proposalId}/${a}`, `POST /admin/events/{eventId}/${a}`]),
];

const { app } = createApp({ db: {} as Db, consultations: [], adminToken: 'x' });
const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
const documented = Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
  .sort();

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
    assert.deepEqual(
      CONTRACT.filter((r) => !documented.includes(r)),
      [],
    );
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('resolves every $ref and generates the schemas from zod', () => {
    const text = JSON.stringify(doc);
    const schemas = (
      doc as unknown as { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } }
    ).components.schemas;
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

  /** Spectral's `spectral:oas` ruleset (what `spectral lint` runs with `extends: spectral:oas`), or all its rules. */
  async function lint(all: boolean): Promise<string[]> {
    const spectral = new spectralCore.Spectral();
    spectral.setRuleset({ extends: [all ? [oas, 'all'] : oas] } as unknown as spectralCore.RulesetDefinition);
    const results = await spectral.run(new spectralCore.Document(JSON.stringify(doc, null, 2), spectralParsers.Json, 'openapi.json'));
    return results.map((r) => `${['error', 'warn', 'info', 'hint'][r.severity]} ${r.code} ${r.path.join('.')}: ${r.message}`);
  }

  it('lints clean with Spectral’s spectral:oas rules (0 errors, 0 warnings, nothing else either)', async () => {
    assert.deepEqual(await lint(false), []);
  });

  it('with every Spectral oas rule, only the warning justified in server/API-CHANGES.md remains', async () => {
    assert.deepEqual(await lint(true), ['warn contact-properties info.contact: Contact object must have "name", "url" and "email".']);
  });

  it('has an example for every request body and answer, each valid against its schema', () => {
    const examples = conformance(doc as unknown as OpenApiDoc).examples();
    assert.ok(examples.length > 100, String(examples.length));
    assert.deepEqual(
      examples.filter((e) => !e.present).map((e) => e.where),
      [],
    );
    assert.deepEqual(
      examples.filter((e) => e.why).map((e) => `${e.where}: ${e.why}`),
      [],
    );
  });

  it('the examples are also valid for the zod schemas the server uses', () => {
    const zod = { ...core, ProposalPage: core.pageOf(core.Proposal), EventPage: core.pageOf(core.ConsultationEvent) } as unknown as Record<
      string,
      { safeParse(v: unknown): { success: boolean } }
    >;
    for (const [name, example] of Object.entries(EXAMPLES)) {
      const schema = zod[name];
      if (schema) assert.equal(schema.safeParse(example).success, true, name);
    }
  });

  it('states the rules the server enforces: key syntax, fixed body rules, statuses, links', () => {
    const text = JSON.stringify(doc);
    const params = (doc as unknown as { components: { parameters: Record<string, { required: boolean; schema: { pattern: string } }> } })
      .components.parameters;
    assert.equal(params.IdempotencyKey!.required, false);
    assert.equal(params.IdempotencyKey!.schema.pattern, '^[\\x21-\\x7e]{1,200}$');
    assert.doesNotMatch(text, /Every write takes an/);
    const schemas = (
      doc as unknown as {
        components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }> };
      }
    ).components.schemas;
    assert.equal(schemas.RegistrationInput!.properties.consent!.const, true);
    assert.equal(schemas.EventProposal!.properties.title!.maxLength, 150);
    assert.ok(schemas.EventProposal!.required!.includes('consent'));
    const ops = doc.paths as unknown as Record<
      string,
      Record<string, { responses: Record<string, { description: string; links?: object }> }>
    >;
    const vote = ops['/consultations/{id}/proposals/{proposalId}/vote']!.put!;
    assert.match(vote.responses['409']!.description, /`limit-reached`/);
    assert.match(vote.responses['403']!.description, /Origin/);
    assert.match(vote.responses['422']!.description, /%00/);
    assert.ok(ops['/consultations/{id}/proposals']!.post!.responses['201']!.links);
    assert.equal(ops['/consultations/{id}/events/{eventId}/registrations']!.post!.responses['501'], undefined);
  });

  it('the answer check the fuzz suite uses refuses what the document does not describe', () => {
    const check = conformance(doc as unknown as OpenApiDoc);
    const problem = { type: 'https://pgo-widgets.dev/problems/closed', title: 'Closed', status: 409, code: 'closed' };
    assert.equal(check.checkAnswer('GET', '/time', 200, 'application/json; charset=utf-8', { now: '2026-03-02T09:00:00Z' }), null);
    assert.match(check.checkAnswer('GET', '/time', 200, 'application/json', { now: 'yesterday' })!, /now/);
    assert.match(check.checkAnswer('GET', '/time', 404, 'application/problem+json', problem)!, /not documented/);
    assert.match(check.checkAnswer('GET', '/consultations/x', 200, 'text/html', '<p>')!, /answered text\/html/);
    assert.equal(check.checkAnswer('PUT', '/consultations/x/proposals/p/vote', 409, 'application/problem+json', problem), null);
    assert.match(
      check.checkAnswer('PUT', '/consultations/x/proposals/p/vote', 409, 'application/problem+json', { title: 'x' })!,
      /required/,
    );
    assert.equal(
      check.checkAnswer('PATCH', '/time', 405, 'application/problem+json', { ...problem, status: 405, code: 'unsupported' }),
      null,
    );
    assert.match(check.checkAnswer('PATCH', '/time', 405, 'text/plain', 'no')!, /undocumented/);
  });
});
