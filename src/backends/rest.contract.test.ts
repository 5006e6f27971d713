import { executeServerCommand } from '@web/test-runner-commands';
import { runBackendContract } from '../test-utils/backend-contract.js';
import { startReferenceServer as startServer } from '../test-utils/reference-server.js';
import { toServerConfig } from '../test-utils/contract-fixture.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';

// The rest backend against the real reference server (server/), started by the test runner on an
// in-memory PGlite database seeded with the contract fixture; cross-origin, as on a host site.
runBackendContract('rest', async (fixture) => {
  const server = await startServer(toServerConfig(fixture));
  return {
    // A storage of its own per backend: a new participant each time.
    participant: () => new RestBackend({ endpoint: server.url, storage: memoryStorage() }),
    async moderate(proposalId, action) {
      const done = await executeServerCommand<true | { error: string }, unknown>('pgo-server-moderate', {
        id: server.id,
        proposalId,
        action,
      });
      if (done !== true) throw new Error(`moderation failed: ${done.error}`);
    },
    close: () => executeServerCommand('pgo-server-stop', { id: server.id }),
  };
});
