// CDN entry for demos and host-page tests: `backend="memory"` without a server. Loaded beside
// pgo-widgets.js (before it), it registers one in-memory backend holding the seed consultation
// (`consultation="plan-action-2017"`, in its ideation phase) with proposals and events, shared by every
// element of the page. `?latency=ms` on the script's URL slows every answer down.
import { registerBackend } from '../core/backend.js';
import { memoryBackendFixture } from '../test-utils/fixtures.js';

const latency = Number(new URL(import.meta.url).searchParams.get('latency') ?? 0);
const { backend } = memoryBackendFixture({ proposals: 12, events: 4, latency });
registerBackend('memory', () => backend);
(globalThis as unknown as { pgoMemoryBackend: typeof backend }).pgoMemoryBackend = backend;
