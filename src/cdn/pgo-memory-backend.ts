// CDN entry for demos and host-page tests: `backend="memory"` without a server. Loaded beside
// pgo-widgets.js (before it), it registers the seeded demo backend (src/backends/demo.ts: the
// consultation `plan-action-2017`, in its ideation phase, with proposals and events), shared by every
// element of the page. `?latency=ms` on the script's URL slows every answer down.
import { demoBackend } from '../backends/demo.js';

demoBackend.latency = Number(new URL(import.meta.url).searchParams.get('latency') ?? 0);
(globalThis as unknown as { pgoMemoryBackend: typeof demoBackend }).pgoMemoryBackend = demoBackend;
