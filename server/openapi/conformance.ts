/**
 * Checks answers and examples against the OpenAPI document itself (JSON Schema 2020-12, with Ajv):
 * used by the document's tests (every example validates against its schema) and by the fuzz suite
 * (every answer, refusals included, is one the document describes).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type JsonSchema = Record<string, unknown>;
interface Media {
  schema?: JsonSchema;
  example?: unknown;
}
interface Operation {
  responses: Record<string, { content?: Record<string, Media> }>;
  requestBody?: { content: Record<string, Media> };
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export function conformance(doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: JsonSchema) => {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/');
    let fn = compiled.get(text);
    if (!fn) compiled.set(text, (fn = ajv.compile(JSON.parse(text) as JsonSchema)));
    return fn;
  };
  const templates = Object.keys(doc.paths).map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`),
  }));

  /** Why `value` does not match `schema`, or null. */
  function mismatch(schema: JsonSchema | undefined, value: unknown): string | null {
    if (!schema) return null;
    const fn = validator(schema);
    if (fn(value)) return null;
    return (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');
  }

  return {
    mismatch,
    /** The documented path template (`/consultations/{id}`) an API path (under /api/v1) falls under, or null. */
    template(path: string): string | null {
      return templates.find((t) => t.pattern.test(path))?.path ?? null;
    },
    /**
     * Why an answer is not one the document describes, or null. `path` is under /api/v1, decoded
     * as the server routes it; `body` parsed JSON (or text).
     */
    checkAnswer(method: string, path: string, status: number, contentType: string, body: unknown): string | null {
      const template = this.template(path);
      const head = method === 'HEAD';
      const op = template ? doc.paths[template]![head ? 'get' : method.toLowerCase()] : undefined;
      const problem = /^application\/problem\+json/.test(contentType);
      if (method === 'OPTIONS' && status === 204) return null;
      if (head) return !op || op.responses[String(status)] ? null : `HEAD ${template}: status ${status} is not documented for GET`;
      if (!op) {
        // A path the API does not have (404), or a method this path lacks (405): the shared problem shape.
        if (!problem) return `${method} ${path}: ${status} ${contentType} for an undocumented operation`;
        return mismatch({ $ref: '#/components/schemas/ApiError' }, body);
      }
      const response = op.responses[String(status)];
      if (!response) return `${method} ${template}: status ${status} is not documented`;
      if (!response.content) return body === null || body === '' ? null : `${method} ${template}: ${status} should have no body`;
      const type = contentType.split(';')[0]!.trim();
      const media = response.content[type];
      if (!media) return `${method} ${template}: ${status} answered ${type}, documented ${Object.keys(response.content).join(', ')}`;
      const why = mismatch(media.schema, body);
      return why && `${method} ${template} ${status}: ${why}`;
    },
    /** Every example of every request body and answer, with where it is and why it does not match (null when it does). */
    examples(): { where: string; present: boolean; why: string | null }[] {
      const out: { where: string; present: boolean; why: string | null }[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const media: [string, Media][] = [
            ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]): [string, Media] => [`${method} ${path} body ${type}`, m]),
            ...Object.entries(op.responses).flatMap(([status, r]) =>
              Object.entries(r.content ?? {}).map(([type, m]): [string, Media] => [`${method} ${path} ${status} ${type}`, m]),
            ),
          ];
          for (const [where, m] of media)
            out.push({ where, present: m.example !== undefined, why: m.example === undefined ? null : mismatch(m.schema, m.example) });
        }
      }
      return out;
    },
  };
}
