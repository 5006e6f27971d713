/**
 * The one source of truth for data shapes: used by the elements (validation in the browser), the
 * backends, the reference server (request validation) and the generated OpenAPI document.
 * Built on `zod/mini` because everything here ships to the browser.
 *
 * One module per kind of data, each with its zod schemas and the types inferred from them:
 * a new kind (comments, amendments, workshop reports...) adds `schemas/<kind>.ts` (building blocks from
 * `primitives.ts`) and one `export *` line below. Import from `core/schemas.js` as before.
 */
export { Instant, TimeZone, pageOf, type Page } from './primitives.js';
export * from './votes.js';
export * from './consultations.js';
export * from './proposals.js';
export * from './events.js';
export * from './errors.js';
