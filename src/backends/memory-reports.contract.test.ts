import { runReportContract } from '../test-utils/reports-contract.js';
import { toMemoryFixture } from '../test-utils/contract-fixture.js';
import { MemoryBackend } from './memory.js';

runReportContract('memory', async (fixture) => {
  const store = new MemoryBackend(toMemoryFixture(fixture));
  let count = 0;
  return {
    participant: () => Object.assign(Object.create(store) as MemoryBackend, { participantId: `report-${++count}` }),
    issueHostLink: async (eventId) => store.workshops.issueLink(eventId),
    revokeHostLink: async (secret) => store.workshops.revokeLink(secret),
    decide: async (target, action) => {
      const id = target.slice(target.indexOf(':') + 1);
      if (action === 'approve') store.approve(id);
      else store.hide(id);
    },
    importText: async (id, markdown) =>
      void store.documents.importMarkdown('contract-open', { id, markdown, amendmentPhases: ['ideation'] }),
  };
});
