import { executeServerCommand } from '@web/test-runner-commands';
import { runBackendContract } from '../test-utils/backend-contract.js';
import { toServerConfig } from '../test-utils/contract-fixture.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';

type Started = { id: string } | { unavailable: string };
type Ready = { url: string } | { error: string } | { pending: true };

/** Starts a reference server seeded with `consultations` and waits until it listens. */
async function startServer(consultations: unknown[]): Promise<{ id: string; url: string }> {
  const started = await executeServerCommand<Started, unknown>('pgo-server-start', { consultations });
  if ('unavailable' in started) throw new Error(`The reference server cannot be started: ${started.unavailable}`);
  for (;;) {
    const ready = await executeServerCommand<Ready, unknown>('pgo-server-ready', { id: started.id });
    if ('url' in ready) return { id: started.id, url: ready.url };
    if ('error' in ready) throw new Error(`The reference server failed to start: ${ready.error}`);
  }
}

// The rest backend against the real reference server (server/), started by the test runner on an
// in-memory PGlite database seeded with the contract fixture; cross-origin, as on a host site.
runBackendContract('rest', async (fixture) => {
  const server = await startServer(toServerConfig(fixture));
  return {
    // A storage of its own per backend: a new participant each time.
    participant: () => new RestBackend({ endpoint: server.url, storage: memoryStorage() }),
    async moderate(proposalId, action) {
      const done = await executeServerCommand<true | { error: string }, unknown>('pgo-server-moderate', { id: server.id, proposalId, action });
      if (done !== true) throw new Error(`moderation failed: ${done.error}`);
    },
    close: () => executeServerCommand('pgo-server-stop', { id: server.id }),
  };
});
