/**
 * Several server processes on one PostgreSQL, with Node's cluster: the primary prepares the database
 * once (migrations, demo seed), then forks `workers` processes that each run `startServer` on the same
 * port (the primary hands connections to them in turn). Workers keep no state of their own that others
 * need: rate limits and idempotency keys live in PostgreSQL. A worker that dies is replaced. PGlite is
 * one process only (its folder can be opened by one process at a time): asking for more is an error.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './db/db.js';
import { loadConsultations } from './setup/config.js';
import { DEFAULT_CONFIG_DIR, prepareDatabase, type ServerOptions } from './server.js';
import { adminTokenRotated, newSetupToken } from './store/admin-tokens.js';
import { countOrganisers } from './store/organisers.js';

export interface ClusterHandle {
  url: string;
  /** The one-time token to create the first organiser, when there is none yet. */
  setupToken: string | null;
  workers: number;
  /** Stops every worker (SIGTERM, each closes its server and pool), then resolves. */
  close(): Promise<void>;
}

/** In the primary: prepares the database, forks the workers, resolves once all of them listen. */
export async function startCluster(workers: number, options: ServerOptions, workerArgs: string[]): Promise<ClusterHandle> {
  if (!options.databaseUrl)
    throw new Error('More than one server process needs PostgreSQL (DATABASE_URL): PGlite can be opened by one process only');
  const log = options.log ?? (() => {});
  const consultations = loadConsultations(options.configDir ?? DEFAULT_CONFIG_DIR, { now: options.clock?.() ?? Date.now() });
  const db = await openDatabase({ databaseUrl: options.databaseUrl });
  let setupToken: string | null = null;
  try {
    await prepareDatabase(db, consultations, log);
    // Every worker must accept the same admin token: chosen here, passed on in the environment
    // (unless one was rotated through the API: then every worker reads it from the database).
    if (!options.adminToken && !(await adminTokenRotated(db))) {
      process.env.ADMIN_TOKEN = randomBytes(24).toString('base64url');
      log(`admin token (generated for this run): ${process.env.ADMIN_TOKEN}`);
    }
    setupToken = (await countOrganisers(db)) === 0 ? await newSetupToken(db) : null;
  } finally {
    await db.close();
  }
  cluster.setupPrimary({ execArgv: [...process.execArgv], args: workerArgs });
  let stopping = false;
  const urls = new Map<number, string>();
  const fork = (): Worker => {
    return cluster.fork();
  };
  const ready = new Promise<string>((resolve, reject) => {
    let failures = 0;
    cluster.on('message', (worker, message: { listening?: string }) => {
      if (message?.listening) urls.set(worker.id, message.listening);
      if (urls.size === workers) resolve([...urls.values()][0]!);
    });
    cluster.on('exit', (worker, code, signal) => {
      urls.delete(worker.id);
      if (stopping) return;
      // Dying before listening, again and again, is a configuration problem: stop instead of looping.
      if (++failures > workers * 3) {
        reject(new Error(`server workers keep exiting (last: ${code ?? signal})`));
        return;
      }
      log(`worker ${worker.process.pid} exited (${code ?? signal}): starting another`);
      setTimeout(fork, 250 * failures);
    });
  });
  for (let i = 0; i < workers; i++) fork();
  const url = await ready;
  return {
    url,
    setupToken,
    workers,
    close() {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      return Promise.all(
        alive.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
              setTimeout(() => w.process.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      ).then(() => undefined);
    },
  };
}

/** In a worker: tells the primary where it listens. */
export function reportListening(url: string): void {
  if (cluster.isWorker) process.send?.({ listening: url });
}

export const isWorker = () => cluster.isWorker;
