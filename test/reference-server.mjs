// Starts the reference server (server/, TypeScript) inside this Node process, for the browser tests
// (web-test-runner.config.mjs), the demo end-to-end suite and `npm start`. The server's TypeScript
// is loaded through tsx's `tsImport`, which registers nothing globally.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
export async function startReferenceServer({
  root = process.cwd(),
  consultations,
  configDir,
  dataDir = 'memory://',
  databaseUrl,
  port = 0,
  host,
  adminToken,
  staticDirs,
  limits,
  log,
  oidc,
} = {}) {
  const reason = serverUnavailable(root);
  if (reason) throw new Error(reason);
  const { startServer } = await loadServer(root);
  let tempConfig = null;
  if (consultations) {
    tempConfig = mkdtempSync(join(tmpdir(), 'pgo-config-'));
    consultations.forEach((file, i) =>
      writeFileSync(join(tempConfig, `${String(i).padStart(2, '0')}.json`), JSON.stringify(file, null, 2)),
    );
  }
  try {
    const server = await startServer({
      port,
      host,
      dataDir,
      databaseUrl,
      configDir: tempConfig ?? configDir,
      staticDirs,
      limits,
      log,
      adminToken,
      oidc,
    });
    return {
      url: server.url,
      adminToken: server.adminToken,
      setupToken: server.setupToken,
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
 * The same, in a child process: starting PGlite (WebAssembly) and compiling the server block their
 * event loop for seconds, which the test runner's own process cannot afford. Resolves once it listens.
 */
export function spawnReferenceServer(options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PGO_REFERENCE_SERVER: JSON.stringify(options) },
    });
    let out = '';
    const exited = new Promise((done) => child.once('exit', done));
    child.once('exit', (code) => reject(new Error(`the reference server exited (${code}) before listening`)));
    child.stdout.on('data', (data) => {
      out += data;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const { url, adminToken, setupToken } = JSON.parse(line);
      resolve({
        url,
        adminToken,
        setupToken,
        async close() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

// Run as a script (by spawnReferenceServer): start, print `{url}` as one JSON line, stop on SIGTERM.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.env.PGO_REFERENCE_SERVER) {
  const server = await startReferenceServer(JSON.parse(process.env.PGO_REFERENCE_SERVER));
  process.stdout.write(`${JSON.stringify({ url: server.url, adminToken: server.adminToken, setupToken: server.setupToken })}\n`);
  const stop = () =>
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Never outlive the test runner, even when it is killed.
  const parent = process.ppid;
  globalThis
    .setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        stop();
      }
    }, 2000)
    .unref();
}

/**
 * A Web Test Runner plugin: browser tests start reference servers with
 * `executeServerCommand('pgo-server-start', { consultations })` -> `{ id }` (or `{ unavailable }`), each
 * in a child process (spawnReferenceServer),
 * then poll `executeServerCommand('pgo-server-ready', { id })` -> `{ url }`, `{ error }` or `{ pending: true }`
 * (a runner command must answer within 20 s, and starting a server on a busy machine may take longer),
 * hide or restore a proposal with `executeServerCommand('pgo-server-moderate', { id, proposalId, action })`,
 * and stop them with `executeServerCommand('pgo-server-stop', { id })`. Every server left is stopped
 * with the runner.
 */
export function referenceServerPlugin() {
  const servers = new Map();
  let next = 0;
  const settle = (id, ms) => Promise.race([servers.get(id)?.started, new Promise((resolve) => setTimeout(resolve, ms))]);
  return {
    name: 'pgo-reference-server',
    async executeCommand({ command, payload }) {
      if (command === 'pgo-server-start') {
        const unavailable = serverUnavailable();
        if (unavailable) return { unavailable };
        const id = String(++next);
        const entry = { server: null, error: null };
        entry.started = spawnReferenceServer({
          consultations: payload?.consultations,
          adminToken: 'test-admin-token-0123456789',
          // Contract tests create many participants and writes from one address.
          limits: { participantsPerMinute: 10_000, writesPerMinute: 10_000, writesPerIpPerMinute: 100_000 },
        }).then(
          (server) => {
            entry.server = server;
          },
          (error) => {
            entry.error = error;
          },
        );
        servers.set(id, entry);
        return { id };
      }
      if (command === 'pgo-server-ready') {
        const entry = servers.get(payload?.id);
        if (!entry) return { error: `no server ${payload?.id}` };
        await settle(payload.id, 10_000);
        if (entry.error) return { error: String(entry.error.message ?? entry.error) };
        return entry.server ? { url: entry.server.url } : { pending: true };
      }
      if (command === 'pgo-server-moderate') {
        // A moderator's action through the admin API (same origin: no Origin header from Node).
        const server = servers.get(payload?.id)?.server;
        if (!server) return { error: `no server ${payload?.id}` };
        const res = await fetch(`${server.url}/api/v1/admin/proposals/${encodeURIComponent(payload.proposalId)}/${payload.action}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.adminToken}` },
        });
        return res.ok ? true : { error: `${res.status} ${await res.text()}` };
      }
      if (command === 'pgo-server-admin') {
        // Any organiser route with the automation token (issue 21: import a document, decide, publish).
        const server = servers.get(payload?.id)?.server;
        if (!server) return { error: `no server ${payload?.id}` };
        const res = await fetch(`${server.url}/api/v1/admin${payload.path}`, {
          method: payload.method,
          headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
          ...(payload.body === undefined ? {} : { body: JSON.stringify(payload.body) }),
        });
        const text = await res.text();
        return res.ok ? { body: text ? JSON.parse(text) : null } : { error: `${res.status} ${text}` };
      }
      if (command === 'pgo-server-stop') {
        const entry = servers.get(payload?.id);
        servers.delete(payload?.id);
        await entry?.started;
        await entry?.server?.close();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      const entries = [...servers.values()];
      servers.clear();
      await Promise.all(
        entries.map(async (entry) => {
          await entry.started;
          await entry.server?.close();
        }),
      );
    },
  };
}
