/**
 * How a route describes itself for the OpenAPI document. Each route file exports its routes' docs
 * beside the handlers (server/routes/*.ts); server/openapi/routes.ts lists them all, and a test checks
 * that list against the routes the server really has.
 */
import type * as z from 'zod/mini';
import type { ErrorCode } from '../../src/core/schemas.js';

export interface RouteLink {
  /** The operation the link leads to. */
  operationId: string;
  /** Its parameters, as runtime expressions (`$request.path.id`, `$response.body#/proposal/id`). */
  parameters: Record<string, string>;
  description: string;
}

export interface RouteDoc {
  /** The operationId: the ConsultationBackend method name where there is one. */
  id: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path under /api/v1, `{param}` style. */
  path: string;
  tag:
    | 'Participants'
    | 'Consultations'
    | 'Proposals'
    | 'Votes'
    | 'Events'
    | 'Comments'
    | 'Documents'
    | 'Open data'
    | 'Moderation'
    | 'Organisers'
    | 'Reference';
  summary: string;
  description: string;
  auth: 'none' | 'participant' | 'optional-participant' | 'admin' | 'organiser';
  query?: z.ZodMiniObject;
  /** What a query parameter of this route means, where the shared description (document.ts) does not fit. */
  queryNotes?: Record<string, string>;
  /** Component name of the JSON request body. */
  body?: string;
  /** What the body must hold beyond its schema: the business rules, and where each consultation sets its own. */
  bodyRules?: string;
  /** `headers`: what the success answer carries beyond ETag and Cache-Control (OpenAPI header objects, by name). */
  ok: { status: number; description: string; schema?: string; contentType?: string; headers?: Record<string, JsonHeader> };
  /** The refusals of this route, by code: when each happens. The generator adds those every route or write shares. */
  refusals: Partial<Record<ErrorCode, string>>;
  /** A write: takes Idempotency-Key, counted by the rate limits. */
  write?: boolean;
  /** A read with ETag / If-None-Match (304). */
  cached?: boolean;
  /** Operations a client can follow from the success answer. */
  links?: Record<string, RouteLink>;
}

export interface JsonHeader {
  description: string;
  schema: { type: 'string' | 'integer'; pattern?: string };
}

export const C = '/consultations/{id}';
