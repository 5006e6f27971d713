// `npm start`: builds the library, then starts the reference server on its embedded database
// (PGlite in .data/pglite: the demo consultations are seeded on the first run, and what visitors do
// survives a restart), serving the demo pages (demo/) and the builds (dist/) from the same origin.
// PORT (default 8080), HOST, DATA_DIR and DATABASE_URL are honoured. Ctrl-C stops everything cleanly.
// WORKERS=N (with DATABASE_URL: PGlite is one process only) runs N server processes on one PostgreSQL:
// the server's own command line, `server/main.ts --workers N` (Node's cluster, one port).
import { execFileSync, spawn } from 'node:child_process';
import { build } from 'esbuild';
import { startReferenceServer } from '../test/reference-server.mjs';

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
// The no-server demo (demo/memory.html) runs on the in-memory backend, bundled with its seed data.
await build({
  entryPoints: ['demo/memory-demo.ts'],
  bundle: true,
  format: 'esm',
  outfile: 'dist/demo/memory-demo.js',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
  // package.json's sideEffects names dist/ files only; from sources the define modules must be kept.
  ignoreAnnotations: true,
});

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const workers = Number(process.env.WORKERS ?? 1);
if (workers > 1) {
  if (!process.env.DATABASE_URL) {
    console.error('pgo-widgets: WORKERS needs DATABASE_URL (PostgreSQL): PGlite can be opened by one process only');
    process.exit(1);
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--workers', String(workers), '--static', '/=demo', '--static', '/dist=dist'],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await startOne();
}

async function startOne() {
  let server;
  try {
    server = await startReferenceServer({
      port,
      host,
      dataDir: process.env.DATA_DIR ?? '.data/pglite',
      databaseUrl: process.env.DATABASE_URL || undefined,
      adminToken: process.env.ADMIN_TOKEN || undefined,
      staticDirs: { '/': 'demo', '/dist': 'dist' },
      log: (line) => {
        // Request lines are noise here; set DEBUG=1 to see them.
        if (process.env.DEBUG || !/^(GET|POST|PUT|DELETE|HEAD|OPTIONS) /.test(line)) console.log(`  ${line}`);
      },
    });
  } catch (error) {
    console.error(`pgo-widgets: the server could not start: ${error.message ?? error}`);
    if (error.code === 'EADDRINUSE') console.error(`Port ${port} is taken: run PORT=8081 npm start`);
    process.exit(1);
  }

  console.log(`
pgo-widgets demo: ${server.url}/
  the town hall's consultation page  ${server.url}/
  the summit's call for sessions     ${server.url}/sommet.html
  the same widgets without a server  ${server.url}/memory.html
  API reference                      ${server.url}/api/v1/docs
  organiser console                  ${server.url}/admin/
  admin token (automation only)      ${server.adminToken || 'the last rotated one'}
Ctrl-C to stop.`);
  if (server.setupToken) {
    const { tsImport } = await import('tsx/esm/api');
    const { setupMessage } = await tsImport('../server/organisers-cli.ts', import.meta.url);
    console.log(`\n${setupMessage(server.url, server.setupToken)}`);
  }

  let stopping = false;
  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the server and closing the database…`);
    try {
      await server.close();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
