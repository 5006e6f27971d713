/**
 * Several server processes on one PostgreSQL, with Node's cluster: the primary prepares the database
 * once (migrations, demo seed), then forks `workers` processes that each run `startServer` on the same
 * port (the primary hands connections to them in turn). Workers keep no state of their own that others
 * need: rate limits and idempotency keys live in PostgreSQL. A worker that dies is replaced. PGlite is
 * one process only (its folder can be opened by one process at a time): asking for more is an error.
 */
import cluster, { type Worker } from 'node:cluster';
import { openDatabase } from './db/db.js';
import { loadConsultations } from './setup/config.js';
import { DEFAULT_CONFIG_DIR, prepareDatabase, type ServerOptions } from './server.js';

export interface ClusterHandle {
  url: string;
  workers: number;
  /** Stops every worker (SIGTERM, each closes its server and pool), then resolves. */
  close(): Promise<void>;
}

/** In the primary: prepares the database, forks the workers, resolves once all of them listen. */
export async function startCluster(workers: number, options: ServerOptions, workerArgs: string[]): Promise<ClusterHandle> {
  if (!options.databaseUrl) throw new Error('More than one server process needs PostgreSQL (DATABASE_URL): PGlite can be opened by one process only');
  const log = options.log ?? (() => {});
  const consultations = loadConsultations(options.configDir ?? DEFAULT_CONFIG_DIR, { now: options.clock?.() ?? Date.now() });
  const db = await openDatabase({ databaseUrl: options.databaseUrl });
  try {
    await prepareDatabase(db, consultations, log);
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
    workers,
    close() {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      return Promise.all(alive.map((w) => new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.process.kill('SIGTERM');
        setTimeout(() => w.process.kill('SIGKILL'), 10_000).unref();
      }))).then(() => undefined);
    },
  };
}

/** In a worker: tells the primary where it listens. */
export function reportListening(url: string): void {
  if (cluster.isWorker) process.send?.({ listening: url });
}

export const isWorker = () => cluster.isWorker;
