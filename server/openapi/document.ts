/** The OpenAPI 3.1 document, generated from the zod schemas (core and server) and the route list. */
import * as z from 'zod/mini';
import * as core from '../../src/core/schemas.js';
import { VERSION } from '../../src/core/version.js';
import * as api from '../api-schemas.js';
import { ORGANISER_ANSWERS, ORGANISER_REQUESTS } from './organiser-routes.js';
import { ROUTES, type RouteDoc } from './routes.js';

type JsonSchema = Record<string, unknown>;

/** Answers and the shapes they share: `$ref`ed by name. */
const ANSWERS: Record<string, z.ZodMiniType> = {
  ServerTime: core.ServerTime, Consultation: core.Consultation, Phase: core.Phase, Category: core.Category,
  ConsultationSettings: core.ConsultationSettings, ProposalFieldRules: core.ProposalFieldRules, ExtraField: core.ExtraField,
  EventFormat: core.EventFormat, Participant: core.Participant, Participation: core.Participation, VoteTally: core.VoteTally,
  Proposal: core.Proposal, ProposalPage: core.pageOf(core.Proposal), ProposalReceipt: core.ProposalReceipt, VoteResult: core.VoteResult,
  Address: core.Address, Registration: core.Registration, ConsultationEvent: core.ConsultationEvent, EventPage: core.pageOf(core.ConsultationEvent),
  RegistrationReceipt: core.RegistrationReceipt, EventReceipt: core.EventReceipt, FieldError: core.FieldError, ApiError: core.ApiError,
  ParticipantToken: api.ParticipantToken, ReportReceipt: api.ReportReceipt, ModerationQueue: api.ModerationQueue,
  ModeratedProposal: api.ModeratedProposal, ModeratedEvent: api.ModeratedEvent, OpenDataExport: api.OpenDataExport,
  ...ORGANISER_ANSWERS,
};
/** Request bodies: generated as input (unknown keys are ignored, not refused). */
const REQUESTS: Record<string, z.ZodMiniType> = {
  ProposalDraft: core.ProposalDraft, VoteInput: api.VoteInput, ReportInput: api.ReportInput, RegistrationInput: core.RegistrationInput,
  EventProposal: core.EventProposal, IdentityInput: api.IdentityInput,
  ...ORGANISER_REQUESTS,
};

function componentSchemas(schemas: Record<string, z.ZodMiniType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io, unrepresentable: 'any' }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(out.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out.schemas;
}

const STATUS_OF: Partial<Record<core.ErrorCode, number>> = {
  validation: 422, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409, closed: 409, 'limit-reached': 409,
  'rate-limited': 429, 'too-large': 413, unsupported: 501,
};

function operation(route: RouteDoc): JsonSchema {
  const parameters: JsonSchema[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (route.query) {
    const schema = z.toJSONSchema(route.query, { io: 'input' }) as { properties: Record<string, JsonSchema> };
    for (const [name, prop] of Object.entries(schema.properties)) parameters.push({ name, in: 'query', required: false, schema: prop });
  }
  if (route.write) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (route.cached) parameters.push({ $ref: '#/components/parameters/IfNoneMatch' });
  const okContent = route.ok.schema
    ? { 'application/json': { schema: { $ref: `#/components/schemas/${route.ok.schema}` } } }
    : { [route.ok.contentType ?? 'application/json']: { schema: route.ok.contentType === 'application/json' ? { type: 'object' } : { type: 'string' } } };
  const responses: Record<string, JsonSchema> = {
    [route.ok.status]: { description: route.ok.description, ...(route.ok.status === 204 ? {} : { content: okContent }), ...(route.cached ? { headers: { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' } } } : {}) },
  };
  if (route.cached) responses['304'] = { description: 'Not modified (If-None-Match matched the ETag)' };
  const byStatus = new Map<number, core.ErrorCode[]>();
  for (const code of route.errors) byStatus.set(STATUS_OF[code]!, [...(byStatus.get(STATUS_OF[code]!) ?? []), code]);
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    responses[status] = {
      description: `Problem: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ApiError' } } },
      ...(status === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
    };
  }
  const security = route.auth === 'participant' ? [{ participant: [] }]
    : route.auth === 'optional-participant' ? [{}, { participant: [] }]
    : route.auth === 'admin' ? [{ admin: [] }]
    : route.auth === 'organiser' ? [{ organiserSession: [] }, { admin: [] }] : [];
  return {
    operationId: route.id,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } } } } : {}),
    responses,
    security,
  };
}

let cached: JsonSchema | null = null;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'pgo-widgets consultation API',
      version: VERSION,
      summary: 'The reference consultation server spoken by the pgo-widgets `rest` backend.',
      description: 'Bodies and answers are the zod schemas of src/core/schemas.ts. Errors are `application/problem+json` in the `ApiError` shape. Every write takes an `Idempotency-Key`: a retry with the same key returns the first answer and writes nothing more.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/api/v1' }],
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...componentSchemas(ANSWERS, 'output'), ...componentSchemas(REQUESTS, 'input') },
      securitySchemes: {
        participant: { type: 'http', scheme: 'bearer', description: 'A participant token from POST /participants or POST /consultations/{id}/identity.' },
        admin: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of the server (automation only; rotatable). Admin routes refuse cross-origin requests.' },
        organiserSession: { type: 'apiKey', in: 'cookie', name: 'pgo-organiser', description: 'The organiser session cookie from POST /admin/session (`__Host-pgo-organiser` under HTTPS). Writes also send the session’s `csrfToken` as `X-CSRF-Token`.' },
      },
      parameters: {
        IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: false, description: 'Same key, same request: the first answer is returned and nothing more is written. At most 200 visible ASCII characters.', schema: { type: 'string', maxLength: 200 } },
        IfNoneMatch: { name: 'If-None-Match', in: 'header', required: false, description: 'An ETag from an earlier answer: 304 when unchanged.', schema: { type: 'string' } },
      },
      headers: {
        ETag: { description: 'Strong validator of the answer body', schema: { type: 'string' } },
        CacheControl: { description: 'How long the answer may be reused', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
      },
    },
  };
  return cached;
}
