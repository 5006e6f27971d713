// The reference server for the server benchmark, in its own process (so autocannon's load does not
// share its event loop): started with `startServer` on PostgreSQL (`databaseUrl`) or in-memory PGlite,
// with raised rate limits, a consultation of PROPOSALS proposals and PARTICIPANTS participants with
// known tokens. Answers the parent's messages: capture (the SQL of one request), count (vote rows),
// replay (the captured SQL straight on the database, no HTTP: PGlite's own limit), close.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { quantile } from '../lib/stats.mjs';
import { ROOT } from '../lib/paths.mjs';
import { BENCH_LIMITS, bindings, PROPOSALS, consultationFile, SEED_PARTICIPANTS } from './population.mjs';

const options = JSON.parse(process.argv[2]);
const { startServer } = await tsImport(pathToFileURL(join(ROOT, 'server/server.ts')).href, import.meta.url);
const configDir = mkdtempSync(join(tmpdir(), 'pgo-bench-config-'));
const base = JSON.parse(readFileSync(join(ROOT, 'server/config/plan-action-2017.json'), 'utf8'));
writeFileSync(join(configDir, 'bench.json'), JSON.stringify(consultationFile(base)));

const server = await startServer({
  port: 0,
  configDir,
  adminToken: 'bench-admin-token-0123456789',
  ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: 'memory://' }),
  limits: BENCH_LIMITS,
});
const { db } = server;
if (!options.seeded) await db.exec(SEED_PARTICIPANTS);

/** The statements the server runs, recorded while `capturing`: { sql, params, tx: 'begin'|'in'|'out'|'commit' }. */
let capturing = null;
const query = db.query.bind(db);
const transaction = db.transaction.bind(db);
db.query = (sql, params) => {
  capturing?.push({ sql, params: params ?? [], tx: 'out' });
  return query(sql, params);
};
db.transaction = (work) => {
  capturing?.push({ tx: 'begin' });
  return transaction((tx) =>
    work({
      query: (sql, params) => {
        capturing?.push({ sql, params: params ?? [], tx: 'in' });
        return tx.query(sql, params);
      },
    }),
  ).then((result) => {
    capturing?.push({ tx: 'commit' });
    return result;
  });
};

/** The captured statements run straight on the database by `clients` callers for `seconds`. */
async function replay({ statements, probe, seconds, clients, from, to }) {
  const latencies = [];
  let failed = 0;
  let sequence = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = async () => {
    const values = bindings(
      probe,
      from + Math.floor(Math.random() * (to - from + 1)),
      1 + Math.floor(Math.random() * PROPOSALS),
      `replay-${++sequence}`,
    );
    const bind = (params) => params.map((p) => (p in values ? values[p] : p));
    const outside = statements.filter((s) => s.tx === 'out');
    const inside = statements.filter((s) => s.tx === 'in');
    for (const s of outside) await query(s.sql, bind(s.params));
    await transaction(async (tx) => {
      for (const s of inside) await tx.query(s.sql, bind(s.params));
    });
  };
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await one();
          latencies.push(performance.now() - started);
        } catch {
          failed++;
        }
      }
    }),
  );
  return { done: latencies.length, failed, tps: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

const handlers = {
  start: () => {
    capturing = [];
  },
  stop: () => {
    const statements = capturing;
    capturing = null;
    return statements;
  },
  count: async () => (await query("SELECT count(*)::int AS n FROM votes WHERE consultation_id = 'bench'"))[0].n,
  replay,
  close: async () => {
    await server.close();
    rmSync(configDir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
  },
};

process.on('message', async ({ id, command, args }) => {
  try {
    process.send({ id, result: await handlers[command](args) });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true, url: server.url, kind: db.kind });
