import { executeServerCommand } from '@web/test-runner-commands';
import { toServerConfig } from '../test-utils/contract-fixture.js';
import { runReportContract } from '../test-utils/reports-contract.js';
import { memoryStorage } from './participant-token.js';
import { RestBackend } from './rest.js';

type Started = { id: string } | { unavailable: string };
type Ready = { url: string } | { error: string } | { pending: true };
type Admin = { body: { secret?: string; link?: { id: string } } } | { error: string };

// The rest backend against the real reference server (PGlite in memory), cross-origin as on a host site;
// the organiser's part (host links, decisions) through the admin API.
runReportContract('rest', async (fixture) => {
  const started = await executeServerCommand<Started, unknown>('pgo-server-start', { consultations: toServerConfig(fixture) });
  if ('unavailable' in started) throw new Error(started.unavailable);
  let url = '';
  for (;;) {
    const ready = await executeServerCommand<Ready, unknown>('pgo-server-ready', { id: started.id });
    if ('error' in ready) throw new Error(ready.error);
    if ('url' in ready) {
      url = ready.url;
      break;
    }
  }
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await executeServerCommand<Admin, unknown>('pgo-server-admin', { id: started.id, method, path, body });
    if ('error' in answer) throw new Error(`${method} ${path}: ${answer.error}`);
    return answer.body;
  };
  const links = new Map<string, string>();
  return {
    participant: () => new RestBackend({ endpoint: url, storage: memoryStorage() }),
    async issueHostLink(eventId) {
      const issued = await admin('POST', `/consultations/contract-open/events/${eventId}/host-links`, { eventId });
      links.set(issued.secret!, issued.link!.id);
      return issued.secret!;
    },
    async revokeHostLink(secret) {
      await admin('DELETE', `/consultations/contract-open/host-links/${links.get(secret)}`);
    },
    async decide(target, action) {
      await admin('POST', '/consultations/contract-open/decisions', { targets: [target], action, reason: 'Contrat' });
    },
    async importText(id, markdown) {
      await admin('POST', '/consultations/contract-open/documents', { id, markdown, amendmentPhases: ['ideation'] });
    },
    close: () => executeServerCommand('pgo-server-stop', { id: started.id }),
  };
});
