/** The reference server (server/) started by the test runner's commands (test/reference-server.mjs), for browser tests. */
import { executeServerCommand } from '@web/test-runner-commands';

type Started = { id: string } | { unavailable: string };
type Ready = { url: string } | { error: string } | { pending: true };

/** Starts a reference server seeded with `consultations` and waits until it listens. */
export async function startReferenceServer(consultations: unknown[]): Promise<{ id: string; url: string }> {
  const started = await executeServerCommand<Started, unknown>('pgo-server-start', { consultations });
  if ('unavailable' in started) throw new Error(`The reference server cannot be started: ${started.unavailable}`);
  for (;;) {
    const ready = await executeServerCommand<Ready, unknown>('pgo-server-ready', { id: started.id });
    if ('url' in ready) return { id: started.id, url: ready.url };
    if ('error' in ready) throw new Error(`The reference server failed to start: ${ready.error}`);
  }
}

export function stopReferenceServer(id: string): Promise<unknown> {
  return executeServerCommand('pgo-server-stop', { id });
}
