/** The OpenAPI 3.1 document, generated from the zod schemas (core and server) and the routes' own docs. */
import * as z from 'zod/mini';
import { backendError } from '../../src/core/errors.js';
import type * as core from '../../src/core/schemas.js';
import { VERSION } from '../../src/core/version.js';
import { KEY_LIFE_MS } from '../http/idempotency.js';
import { applyBodyRules } from './body-rules.js';
import { ANSWERS, REQUESTS, example } from './components.js';
import { TEXT_EXAMPLES } from './examples.js';
import { C, type RouteDoc } from './route-doc.js';
import { ROUTES } from './routes.js';

type JsonSchema = Record<string, unknown>;
type Refusals = RouteDoc['refusals'];

function componentSchemas(schemas: Record<string, z.ZodMiniType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io, unrepresentable: 'any' }) as {
    schemas: Record<string, JsonSchema>;
  };
  for (const schema of Object.values(out.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out.schemas;
}

const LOCATION = { description: 'Where the browser goes next.', schema: { type: 'string', format: 'uri-reference' } };
const EMPTY_IS_ABSENT = 'An empty value (`?name=`) is the same as leaving the parameter out.';
const PATH_PARAMS: Record<string, string> = {
  id: 'The consultation’s id.',
  proposalId: 'The proposal’s id.',
  eventId: 'The event’s id.',
  organiserId: 'The organiser’s id.',
  commentId: 'The comment’s id.',
  documentId: 'The document’s id.',
  amendmentId: 'The amendment’s id.',
  number: 'The version’s number (1, 2…).',
  linkId: 'The host link’s id.',
};
const QUERY_PARAMS: Record<string, string> = {
  sort: 'The order. Proposals: `newest` (default), `most-supported` (newest first while counts are hidden), `random` (the same order for the same `seed`). Comments: `oldest` (default), `newest`, `helpful`.',
  target:
    'What the discussion is about: `proposal:ID`, `event:ID`, `amendment:ID`, or `section:DOCUMENT/SECTION` (section ids repeat in every document).',
  seed: 'Any text: the same seed gives the same random order, page after page.',
  categoryId: 'Only the proposals of this category.',
  sectionId: 'Only the amendments of this section.',
  state: 'Only the amendments in this state (`open`, `accepted`…).',
  q: 'Words searched in titles and bodies, case-insensitive.',
  cursor: 'The `nextCursor` of the previous page.',
  limit: 'Items per page, 1 to 100 (20 by default).',
  from: 'Events ending at or after this instant (now by default).',
  to: 'Events starting at or before this instant.',
  format: 'Only this event format (`settings.eventFormats[].id`).',
  mode: 'Only in-person, online or hybrid events.',
  answer: 'Only the proposals with this answer from the organisers (`none`: not answered yet).',
  place: 'A postal-code prefix (`75`, `690`) or a town name, accents ignored.',
  origin: 'Only proposals made `online`, or in a relay `workshop`.',
  eventId: 'Only the contributions of this relay workshop (its event id).',
};

/** Refusals every route, every write, every consultation route or every admin route may give. */
function sharedRefusals(route: RouteDoc): Refusals[] {
  const all: Refusals[] = [{ validation: 'the address contains `%00` (NUL is refused everywhere)' }];
  if (route.path.startsWith('/admin')) {
    if (route.auth !== 'none')
      all.push({
        unauthorized:
          route.auth === 'admin'
            ? 'no admin token, or a wrong one'
            : 'no organiser session or automation token, or an expired or wrong one',
      });
    all.push({
      forbidden: 'any cross-origin request (an `Origin` other than the server’s own, or `Sec-Fetch-Site` cross-site or same-site)',
    });
  } else {
    all.push({
      forbidden: route.path.startsWith(C)
        ? 'a browser `Origin` that the consultation does not allow (`allowedOrigins`)'
        : 'a browser `Origin` that no consultation allows',
    });
  }
  if (route.path.startsWith(C) || route.path.startsWith(`/admin${C}`)) all.push({ 'not-found': 'no consultation with this id' });
  if (route.auth === 'participant')
    all.push({ unauthorized: 'no participant token, or one the server does not know (ask POST /participants for a new one)' });
  if (route.write) {
    all.push({
      validation: 'an invalid `Idempotency-Key`',
      conflict: 'the `Idempotency-Key` was used for another request, or its first request is still running',
      'rate-limited': 'too many writes from this participant or address in a minute (see `Retry-After`)',
    });
  }
  if (route.body)
    all.push({ validation: 'a body that is not JSON, is nested deeper than 8 levels, contains U+0000, or does not match the schema' });
  if (route.method !== 'get') all.push({ 'too-large': 'a body over 64 KB (any method but GET, HEAD and OPTIONS)' });
  return all;
}

function operation(route: RouteDoc): JsonSchema {
  const parameters: JsonSchema[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    description: PATH_PARAMS[m[1]!],
    schema: { type: 'string' },
  }));
  if (route.query) {
    const schema = z.toJSONSchema(route.query, { io: 'input' }) as { properties: Record<string, JsonSchema> };
    for (const [name, prop] of Object.entries(schema.properties)) {
      parameters.push({
        name,
        in: 'query',
        required: false,
        description: `${route.queryNotes?.[name] ?? QUERY_PARAMS[name] ?? ''} ${EMPTY_IS_ABSENT}`.trim(),
        schema: prop,
      });
    }
  }
  if (route.write)
    parameters.push({
      $ref:
        route.id === 'createParticipant' ? '#/components/parameters/ParticipantIdempotencyKey' : '#/components/parameters/IdempotencyKey',
    });
  if (route.cached) parameters.push({ $ref: '#/components/parameters/IfNoneMatch' });
  const contentType = route.ok.contentType ?? 'application/json';
  const okContent = route.ok.schema
    ? { 'application/json': { schema: { $ref: `#/components/schemas/${route.ok.schema}` }, example: example(route.ok.schema) } }
    : {
        [contentType]: {
          schema: contentType === 'application/json' ? { type: 'object' } : { type: 'string' },
          example: contentType === 'application/json' ? { openapi: '3.1.0' } : TEXT_EXAMPLES[contentType],
        },
      };
  const cache = route.cached
    ? { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' } }
    : {};
  const headers = route.cached || route.ok.headers ? { ...cache, ...route.ok.headers } : undefined;
  const responses: Record<string, JsonSchema> = {
    [route.ok.status]: {
      description: route.ok.description,
      // 204 and redirects (the OpenID Connect navigations) have no body; a redirect says where in Location.
      ...(route.ok.status === 204 ? {} : route.ok.status >= 300 ? { headers: { Location: LOCATION } } : { content: okContent }),
      ...(headers ? { headers } : {}),
      ...(route.links ? { links: route.links } : {}),
    },
  };
  if (route.cached) responses['304'] = { description: 'Not modified (If-None-Match matched the ETag)' };
  const byStatus = new Map<number, string[]>();
  const examples = new Map<number, core.ApiError>();
  for (const refusals of [...sharedRefusals(route), route.refusals]) {
    for (const [code, when] of Object.entries(refusals) as [core.ErrorCode, string][]) {
      const problem = backendError(code, when[0]!.toUpperCase() + when.slice(1)).problem;
      byStatus.set(problem.status, [...(byStatus.get(problem.status) ?? []), `\`${code}\`: ${when}`]);
      if (!examples.has(problem.status) || refusals === route.refusals) examples.set(problem.status, problem);
    }
  }
  for (const [status, reasons] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[status] = {
      description: `Refused (problem+json, \`code\` says which): ${reasons.join('; ')}.`,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ApiError' }, example: examples.get(status) } },
      ...(status === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
    };
  }
  const security =
    route.auth === 'participant'
      ? [{ participant: [] }]
      : route.auth === 'optional-participant'
        ? [{}, { participant: [] }]
        : route.auth === 'admin'
          ? [{ admin: [] }]
          : route.auth === 'organiser'
            ? [{ organiserSession: [] }, { admin: [] }]
            : [];
  const requestBody = route.body && {
    required: true,
    description: route.bodyRules,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` }, example: example(route.body) } },
  };
  return {
    operationId: route.id,
    tags: [route.tag],
    summary: route.summary,
    description: route.description,
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    security,
  };
}

const TAGS: Record<RouteDoc['tag'], string> = {
  Comments: 'Discussions on proposals, events, sections and amendments: threads one reply level deep, helpful votes, reports.',
  Consultations: 'The consultations and the server clock.',
  Documents: 'Documents written together: sections, versions, amendments and votes on them (the collaborative writing phase).',
  Events: 'Events (workshops, dialogues), their registrations, and events proposed by participants.',
  Moderation: 'Moderators’ routes (organiser session or automation token), same origin only.',
  'Open data': 'Published proposals and their tallies, without personal data.',
  Organisers: 'Organiser accounts, sessions, the automation token and the audit log (the console’s API).',
  Participants: 'Anonymous and host-verified participants, and what each has done.',
  Proposals: 'Proposals: listing, reading, submitting, reporting.',
  Reference: 'This document and its readable page.',
  Votes: 'Votes on proposals.',
};

const DESCRIPTION = [
  'Bodies and answers are the zod schemas of src/core/schemas.ts; the business rules of each body are in its description and in the consultation document (`settings`).',
  'Refusals are `application/problem+json` in the `ApiError` shape; its `code` says why, each operation lists which codes it gives and when.',
  'Everywhere: a NUL character (`%00` in the address, U+0000 in a body) is 422 `validation`; a method the path does not have is 405 with `Allow`; an absolute-form request target or two `Host` lines is 400; a browser `Origin` the consultation does not allow is 403 `forbidden`. Empty query values count as absent.',
  `Writes may take an optional \`Idempotency-Key\` (1 to 200 visible ASCII characters): a retry with the same key within ${KEY_LIFE_MS / 3_600_000} hours returns the first answer (\`Idempotent-Replayed: true\`) and writes nothing more; after that the key is forgotten. Without a key every request is a new write.`,
].join('\n\n');

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  const requests = componentSchemas(REQUESTS, 'input');
  applyBodyRules(requests);
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'pgo-widgets consultation API',
      version: VERSION,
      summary: 'The reference consultation server spoken by the pgo-widgets `rest` backend.',
      description: DESCRIPTION,
      contact: { name: 'pgo-widgets maintainers', url: 'https://pgo-widgets.dev' },
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/api/v1', description: 'This server' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { ...componentSchemas(ANSWERS, 'output'), ...requests },
      securitySchemes: {
        participant: {
          type: 'http',
          scheme: 'bearer',
          description: 'A participant token from POST /participants or POST /consultations/{id}/identity.',
        },
        admin: {
          type: 'http',
          scheme: 'bearer',
          description: 'The ADMIN_TOKEN of the server (automation only; rotatable). Admin routes refuse cross-origin requests.',
        },
        organiserSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pgo-organiser',
          description:
            'The organiser session cookie from POST /admin/session (`__Host-pgo-organiser` under HTTPS). Writes also send the session’s `csrfToken` as `X-CSRF-Token`.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: `Optional. Same key, same request, within ${KEY_LIFE_MS / 3_600_000} hours: the first answer is returned and nothing more is written. The same key with another method, path or body is 409 \`conflict\`; an invalid key is 422 \`validation\`. A refused write (4xx) is not kept: the key may be retried once the cause is fixed.`,
          schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' },
        },
        ParticipantIdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Optional; at least 16 characters here, because a replay returns a token. Within 5 minutes a retry returns the first answer, the same token; after that the key is spent (a new participant). An invalid or short key is 422 `validation`.',
          schema: { type: 'string', minLength: 16, maxLength: 200, pattern: '^[\\x21-\\x7e]{16,200}$' },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'An ETag from an earlier answer: 304 when unchanged.',
          schema: { type: 'string' },
        },
      },
      headers: {
        ETag: { description: 'Strong validator of the answer body', schema: { type: 'string' } },
        CacheControl: { description: 'How long the answer may be reused', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
      },
    },
  };
  // Plain JSON: what is served, without the keys left undefined.
  cached = JSON.parse(JSON.stringify(document)) as JsonSchema;
  return cached;
}
