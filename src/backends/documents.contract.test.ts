import { executeServerCommand } from '@web/test-runner-commands';
import { toMemoryFixture, toServerConfig } from '../test-utils/contract-fixture.js';
import { runDocumentsContract } from '../test-utils/documents-contract.js';
import { MemoryBackend } from './memory.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';

// The memory backend: one store, each participant a view of it under its own id.
runDocumentsContract('memory', async (fixture) => {
  const store = new MemoryBackend(toMemoryFixture(fixture), { now: () => fixture.now });
  let count = 0;
  return {
    participant: () => {
      const view = Object.assign(Object.create(store) as MemoryBackend, { participantId: `contract-${++count}` });
      // The documents act for the view's participant too.
      return Object.assign(view, { documents: Object.assign(Object.create(store.documents), { host: view }) });
    },
    importMarkdown: async (consultationId, input) => void store.documents.importMarkdown(consultationId, input),
    decide: async (_c, amendmentId, input) => void store.documents.decide(amendmentId, input),
    publish: async (_c, documentId) => void store.documents.publish(documentId),
  };
});

type Started = { id: string } | { unavailable: string };
type Ready = { url: string } | { error: string } | { pending: true };

// The rest backend against the real reference server, the organisers' side through its admin routes.
runDocumentsContract('rest', async (fixture) => {
  const started = await executeServerCommand<Started, unknown>('pgo-server-start', { consultations: toServerConfig(fixture) });
  if ('unavailable' in started) throw new Error(started.unavailable);
  let url = '';
  while (!url) {
    const ready = await executeServerCommand<Ready, unknown>('pgo-server-ready', { id: started.id });
    if ('error' in ready) throw new Error(ready.error);
    if ('url' in ready) url = ready.url;
  }
  const admin = async (method: string, path: string, body?: unknown) => {
    const done = await executeServerCommand<{ body: unknown } | { error: string }, unknown>('pgo-server-admin', {
      id: started.id,
      method,
      path,
      body,
    });
    if ('error' in done) throw new Error(done.error);
  };
  return {
    participant: () => new RestBackend({ endpoint: url, storage: memoryStorage() }),
    importMarkdown: (consultationId, input) => admin('POST', `/consultations/${consultationId}/documents`, input),
    decide: (consultationId, amendmentId, input) =>
      admin('PUT', `/consultations/${consultationId}/amendments/${amendmentId}/decision`, input),
    publish: (consultationId, documentId) => admin('POST', `/consultations/${consultationId}/documents/${documentId}/versions`),
    close: () => executeServerCommand('pgo-server-stop', { id: started.id }).then(() => undefined),
  };
});
