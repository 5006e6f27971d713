// The demo without a server: the same page, fed by the in-memory backend and the seed fixtures.
import { memoryBackendFixture } from '../src/test-utils/fixtures.js';
import '../src/define/index.js';
import type { PgoConsultation } from '../src/elements/consultation/consultation.js';

const { backend } = memoryBackendFixture({ proposals: 12, events: 4, latency: 200 });
for (const provider of document.querySelectorAll<PgoConsultation>('pgo-consultation')) provider.customBackend = backend;
