import { runCommentContract } from '../test-utils/comments-contract.js';
import { toServerConfig } from '../test-utils/contract-fixture.js';
import { startReferenceServer, stopReferenceServer } from '../test-utils/reference-server.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';

// The rest backend's comments against the real reference server (server/) on an in-memory PGlite.
runCommentContract('rest', async (fixture) => {
  const server = await startReferenceServer(toServerConfig(fixture));
  return {
    participant: () => new RestBackend({ endpoint: server.url, storage: memoryStorage() }),
    close: async () => void (await stopReferenceServer(server.id)),
  };
});
