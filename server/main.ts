/**
 * The server's command line: `node --import tsx server/main.ts [--port 8080] [--host 127.0.0.1]
 * [--data .data/pglite] [--config server/config] [--static /=demo --static /dist=dist] [--workers N]`.
 * Environment: PORT, HOST, DATA_DIR, DATABASE_URL (PostgreSQL instead of PGlite), CONFIG_DIR,
 * ADMIN_TOKEN (generated and printed when absent), TRUST_PROXY=1, WORKERS (processes, PostgreSQL only),
 * LIMITS (JSON, e.g. {"writesPerMinute":60}), DB_POOL_SIZE, DB_WAIT_MS, DB_QUEUE (db/db.ts, DatabaseBounds),
 * LIVE (JSON, live/hub.ts LiveSettings, e.g. {"streamsPerAddress":64} behind a NAT),
 * OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_LABEL, OIDC_SCOPE, OIDC_REDIRECT_URI, OIDC_TRUST_EMAIL=1,
 * OIDC_AUTHORIZATION_PARAMS (JSON): organisers' OpenID Connect sign-in (routes/organisers/oidc-settings.ts).
 * Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { isWorker, reportListening, startCluster } from './cluster.js';
import type { Limits } from './context.js';
import { lineLog } from './http/log.js';
import type { LiveSettings } from './live/hub.js';
import { setupMessage } from './organisers-cli.js';
import { oidcFromEnv } from './routes/organisers/oidc-settings.js';
import { ConfigError } from './setup/config.js';
import { DEFAULT_CONFIG_DIR, DEFAULT_DATA_DIR, startServer, type ServerOptions } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    config: { type: 'string' },
    static: { type: 'string', multiple: true },
    quiet: { type: 'boolean' },
    workers: { type: 'string' },
  },
});
const env = process.env;
const staticDirs = Object.fromEntries(
  (values.static ?? []).map((pair) => {
    const at = pair.indexOf('=');
    return at > 0 ? [pair.slice(0, at), pair.slice(at + 1)] : ['/', pair];
  }),
);
const lines = lineLog();
process.on('exit', lines.flush);
const log = values.quiet ? () => {} : lines;
const workers = Math.max(1, Number.parseInt(values.workers ?? env.WORKERS ?? '1', 10) || 1);

try {
  const options: ServerOptions = {
    port: Number(values.port ?? env.PORT ?? 8080),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: values.data ?? env.DATA_DIR ?? DEFAULT_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    configDir: values.config ?? env.CONFIG_DIR ?? DEFAULT_CONFIG_DIR,
    adminToken: env.ADMIN_TOKEN || undefined,
    limits: env.LIMITS ? (JSON.parse(env.LIMITS) as Partial<Limits>) : undefined,
    live: env.LIVE ? (JSON.parse(env.LIVE) as Partial<LiveSettings>) : undefined,
    database: {
      ...(env.DB_POOL_SIZE ? { poolSize: Number(env.DB_POOL_SIZE) } : {}),
      ...(env.DB_WAIT_MS ? { waitMs: Number(env.DB_WAIT_MS) } : {}),
      ...(env.DB_QUEUE ? { queue: Number(env.DB_QUEUE) } : {}),
    },
    staticDirs,
    trustProxy: env.TRUST_PROXY === '1',
    oidc: oidcFromEnv(env),
    log,
  };
  let server: { url: string; setupToken: string | null; close(): Promise<void> };
  if (workers > 1 && !isWorker()) {
    server = await startCluster(workers, options, process.argv.slice(2));
    log(`${workers} server processes on one PostgreSQL`);
  } else if (isWorker()) {
    // The primary chose the admin token (env) and issued the setup token.
    const running = await startServer({ ...options, issueSetupToken: false, log: (line) => log(`[${process.pid}] ${line}`) });
    reportListening(running.url);
    server = running;
  } else {
    server = await startServer(options);
  }
  if (!isWorker()) {
    lines.flush(); // the lines of the start, before the address
    console.log(`pgo-widgets server: ${server.url}/  (API ${server.url}/api/v1/docs; Ctrl-C to stop)`);
    if (server.setupToken) console.log(setupMessage(server.url, server.setupToken));
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!isWorker()) log(`${signal}: stopping…`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
