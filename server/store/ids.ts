import { createHash, randomBytes } from 'node:crypto';

/** A random id with a readable prefix (`p-…` proposal, `e-…` event, `pt-…` participant). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('base64url')}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Timestamps come back as Date (pg, PGlite) or text: always give ISO 8601. */
export function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
