/**
 * The server's command line: `node --import tsx server/main.ts [--port 8080] [--host 127.0.0.1]
 * [--data .data/pglite] [--config server/config] [--static /=demo --static /dist=dist]`.
 * Environment: PORT, HOST, DATA_DIR, DATABASE_URL (PostgreSQL instead of PGlite), CONFIG_DIR,
 * ADMIN_TOKEN (generated and printed when absent), TRUST_PROXY=1. Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { setupMessage } from './organisers-cli.js';
import { ConfigError } from './setup/config.js';
import { DEFAULT_CONFIG_DIR, DEFAULT_DATA_DIR, startServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, config: { type: 'string' },
    static: { type: 'string', multiple: true }, quiet: { type: 'boolean' },
  },
});
const env = process.env;
const staticDirs = Object.fromEntries((values.static ?? []).map((pair) => {
  const at = pair.indexOf('=');
  return at > 0 ? [pair.slice(0, at), pair.slice(at + 1)] : ['/', pair];
}));
const log = values.quiet ? () => {} : (line: string) => console.log(line);

try {
  const server = await startServer({
    port: Number(values.port ?? env.PORT ?? 8080),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: values.data ?? env.DATA_DIR ?? DEFAULT_DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    configDir: values.config ?? env.CONFIG_DIR ?? DEFAULT_CONFIG_DIR,
    adminToken: env.ADMIN_TOKEN || undefined,
    staticDirs,
    trustProxy: env.TRUST_PROXY === '1',
    log,
  });
  console.log(`pgo-widgets server: ${server.url}/  (API ${server.url}/api/v1/docs; Ctrl-C to stop)`);
  if (server.setupToken) console.log(setupMessage(server.url, server.setupToken));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    server.close().then(() => process.exit(0), (error) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
