// Bench entry: `backend="memory"` holding the seed consultation with `?proposals=N` proposals (10,000 by
// default), for the long-list benchmark. Like src/cdn/pgo-memory-backend.ts, with a count; with
// `?one-page` every list request is answered with all the proposals at once, whatever its limit (the
// element asks for 100 at most), so the list holds all of them after its first request.
import { registerBackend } from '../../src/core/backend.js';
import { memoryBackendFixture } from '../../src/test-utils/fixtures.js';

const params = new URL(import.meta.url).searchParams;
const count = Number(params.get('proposals') ?? 10_000);
const { backend } = memoryBackendFixture({ proposals: count, events: 0 });
if (params.has('one-page')) {
  const listProposals = backend.listProposals.bind(backend);
  backend.listProposals = (consultationId, query, options) => listProposals(consultationId, { ...query, limit: count }, options);
}
registerBackend('memory', () => backend);
(globalThis as unknown as { pgoMemoryBackend: typeof backend }).pgoMemoryBackend = backend;
