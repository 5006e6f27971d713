// Starts the reference server (server/, TypeScript) inside this Node process, for the browser tests
// (web-test-runner.config.mjs), the demo end-to-end suite and `npm start`. The server's TypeScript
// is loaded through tsx's `tsImport`, which registers nothing globally.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SERVER_MODULE = 'server/server.ts';

/** Why the reference server cannot be started from here, or null when it can. */
export function serverUnavailable(root = process.cwd()) {
  return existsSync(join(root, SERVER_MODULE)) ? null : `${SERVER_MODULE} does not exist yet`;
}

async function loadServer(root) {
  const { tsImport } = await import('tsx/esm/api');
  const module = await tsImport(pathToFileURL(join(root, SERVER_MODULE)).href, import.meta.url);
  if (typeof module.startServer !== 'function') throw new Error(`${SERVER_MODULE} exports no startServer()`);
  return module;
}

/**
 * Starts a server. `consultations`: configuration objects written to a temporary config folder
 * (else `configDir`, else the server's demo configuration). `dataDir`: a PGlite folder, or
 * `memory://` (the default) for a throw-away database.
 */
export async function startReferenceServer({ root = process.cwd(), consultations, configDir, dataDir = 'memory://', databaseUrl, port = 0, host, adminToken, staticDirs, limits, log } = {}) {
  const reason = serverUnavailable(root);
  if (reason) throw new Error(reason);
  const { startServer } = await loadServer(root);
  let tempConfig = null;
  if (consultations) {
    tempConfig = mkdtempSync(join(tmpdir(), 'pgo-config-'));
    consultations.forEach((file, i) => writeFileSync(join(tempConfig, `${String(i).padStart(2, '0')}.json`), JSON.stringify(file, null, 2)));
  }
  try {
    const server = await startServer({ port, host, dataDir, databaseUrl, configDir: tempConfig ?? configDir, staticDirs, limits, log, adminToken });
    return {
      url: server.url,
      adminToken: server.adminToken,
      async close() {
        await server.close();
        if (tempConfig) rmSync(tempConfig, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (tempConfig) rmSync(tempConfig, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A Web Test Runner plugin: browser tests start and stop reference servers with
 * `executeServerCommand('pgo-server-start', { consultations })` -> `{ id, url }` (or `{ unavailable }`),
 * and `executeServerCommand('pgo-server-stop', { id })`. Every server left is stopped with the runner.
 */
export function referenceServerPlugin() {
  const servers = new Map();
  let next = 0;
  return {
    name: 'pgo-reference-server',
    async executeCommand({ command, payload }) {
      if (command === 'pgo-server-start') {
        const unavailable = serverUnavailable();
        if (unavailable) return { unavailable };
        const server = await startReferenceServer({
          consultations: payload?.consultations,
          adminToken: 'test-admin-token-0123456789',
          // Contract tests create many participants and writes from one address.
          limits: { participantsPerMinute: 10_000, writesPerMinute: 10_000, writesPerIpPerMinute: 100_000 },
        });
        const id = String(++next);
        servers.set(id, server);
        return { id, url: server.url };
      }
      if (command === 'pgo-server-stop') {
        const server = servers.get(payload?.id);
        servers.delete(payload?.id);
        await server?.close();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map((s) => s.close()));
      servers.clear();
    },
  };
}
