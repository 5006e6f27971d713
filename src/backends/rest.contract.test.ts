import { executeServerCommand } from '@web/test-runner-commands';
import { runBackendContract } from '../test-utils/backend-contract.js';
import { toServerConfig } from '../test-utils/contract-fixture.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';

type Started = { id: string; url: string } | { unavailable: string };

// The rest backend against the real reference server (server/), started by the test runner on an
// in-memory PGlite database seeded with the contract fixture; cross-origin, as on a host site.
runBackendContract('rest', async (fixture) => {
  const started = await executeServerCommand<Started, unknown>('pgo-server-start', { consultations: toServerConfig(fixture) });
  if ('unavailable' in started) throw new Error(`The reference server cannot be started: ${started.unavailable}`);
  return {
    // A storage of its own per backend: a new participant each time.
    participant: () => new RestBackend({ endpoint: started.url, storage: memoryStorage() }),
    close: () => executeServerCommand('pgo-server-stop', { id: started.id }),
  };
});
