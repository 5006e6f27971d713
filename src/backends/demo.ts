/**
 * The seeded demo backend: `import 'pgo-widgets/backends/demo.js'` (or the CDN file
 * `pgo-memory-backend.js`) registers `backend="memory"` holding the demo consultation
 * `plan-action-2017` (in its ideation phase, dates relative to now) with proposals and events, shared by
 * every element of the page. Nothing is sent anywhere: for prototypes, docs, tests and offline demos.
 *
 * ```html
 * <pgo-consultation backend="memory" consultation="plan-action-2017">…</pgo-consultation>
 * ```
 *
 * Importing it is a side effect (listed in `sideEffects`, so bundlers keep it in production builds).
 */
import { registerBackend } from '../core/backend.js';
import { memoryBackendFixture, type FixtureOptions } from '../test-utils/fixtures.js';
import type { MemoryBackend } from './memory.js';

/** The consultation id the demo backend holds. */
export const DEMO_CONSULTATION = 'plan-action-2017';

/** A new seeded memory backend (12 proposals and 4 events unless `options` say otherwise). */
export function createDemoBackend(options: FixtureOptions = {}): MemoryBackend {
  return memoryBackendFixture({ proposals: 12, events: 4, ...options }).backend;
}

/** The backend `backend="memory"` uses once this module is imported: read or change its data, latency, failures. */
export const demoBackend: MemoryBackend = createDemoBackend();

registerBackend('memory', () => demoBackend);
