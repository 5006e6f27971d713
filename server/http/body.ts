/** Reading a JSON body: size (by the body-limit middleware), nesting depth, syntax, then the zod schema. */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import '../setup/zod-english.js';
import { validationError } from '../../src/core/errors.js';
import { fieldErrorsOf } from '../../src/core/field-errors.js';
import { fail } from './problem.js';

export const DEFAULT_BODY_BYTES = 64 * 1024;
export const DEFAULT_JSON_DEPTH = 8;

/** The deepest nesting of arrays and objects, counted without parsing (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return max;
}

/** Zod issues as field errors: one mapping in src/core/field-errors.ts. */
export { fieldErrorsOf };

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(fieldErrorsOf(parsed.error));
  return parsed.data as z.infer<S>;
}

/** True when a string (or key) anywhere in a parsed JSON value contains U+0000. */
export function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone UTF-16 surrogates (valid JSON, not UTF-8: PGlite refuses them) become U+FFFD, as UTF-8 encoders do. */
export function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(LONE_SURROGATE, '\uFFFD'), wellFormed(v)]));
  return value;
}

/**
 * The body's text. A body that announced its length (checked by the body-limit middleware) is read
 * straight from Node's request: through Hono it became a Web Request with a ReadableStream and an
 * AbortController, which cost more than the rest of a vote's JavaScript (issue 25, CPU profile). A chunked
 * body goes through Hono, where the body-limit middleware counts its bytes.
 */
async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const announced = incoming?.headers['content-length'] !== undefined && incoming.headers['transfer-encoding'] === undefined;
  if (!incoming || !announced || incoming.readableDidRead) return c.req.text();
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  // As the Fetch API's text() does: a byte order mark is not part of the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The parsed and validated body, plus its canonical text (for idempotency fingerprints). */
export async function readJson<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
  maxDepth = DEFAULT_JSON_DEPTH,
): Promise<{ data: z.infer<S>; canonical: string }> {
  const text = await bodyText(c);
  if (!text.trim()) fail('validation', 'A JSON body is required', { detail: 'Send a JSON object with Content-Type: application/json' });
  if (jsonDepth(text) > maxDepth)
    fail('validation', 'The JSON body is nested too deeply', { detail: `At most ${maxDepth} levels of nesting are accepted` });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail('validation', 'The body is not valid JSON', { detail: (error as Error).message });
  }
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database (500).
  if (hasNul(json)) fail('validation', 'The body contains a NUL character', { detail: 'Text may not contain the character U+0000' });
  const data = parseWith(schema, wellFormed(json));
  return { data, canonical: JSON.stringify(data) };
}
