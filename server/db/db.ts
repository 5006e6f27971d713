/**
 * One small database interface over the embedded PGlite (PostgreSQL in WASM, the default) and a real
 * PostgreSQL reached through `pg` (when DATABASE_URL is set). Both run the same SQL.
 */
import { mkdirSync } from 'node:fs';
import type { Pool, PoolClient } from 'pg';
import { backendError } from '../../src/core/errors.js';
import { listenPostgres } from './listen.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * LISTEN on `channel` (issue 23): PostgreSQL on one dedicated connection, reconnected when lost
   * (`onReconnect` then runs: notifications may have been missed meanwhile); PGlite in-process.
   * Resolves once listening, to a function that stops.
   */
  listen(channel: string, onNotify: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PGlite data folder; `memory://` (or omitted) keeps everything in memory. */
  dataDir?: string;
  /** A PostgreSQL connection string: when set, PGlite is not used. */
  databaseUrl?: string;
  /** How long, and how many, requests may wait for the database before being shed (503). */
  bounds?: Partial<DatabaseBounds>;
}

/**
 * Chosen by measurement (server/README.md, Deployment): on the bench machine a pool of 10
 * connections per process already keeps PostgreSQL busy with one-statement writes; more only queues
 * inside PostgreSQL. A request that cannot get the database within `waitMs`, or finds `queue`
 * others already waiting, is answered 503 with Retry-After instead of waiting on.
 */
export interface DatabaseBounds {
  /** PostgreSQL connections per server process (PGlite: always 1). */
  poolSize: number;
  /** Longest wait for a connection (PGlite: for its turn), in ms. */
  waitMs: number;
  /** Most requests waiting at once. */
  queue: number;
}

export const DEFAULT_BOUNDS: DatabaseBounds = { poolSize: 10, waitMs: 1000, queue: 256 };
export const PGLITE_BOUNDS: DatabaseBounds = { poolSize: 1, waitMs: 400, queue: 64 };

/**
 * The request could not get the database in time: shed, not failed (the client retries). Retry-After
 * is 1 to 3 s at random, so that a shed burst does not come back as one wave.
 */
export function databaseBusy(): Error {
  const retryAfter = 1 + Math.floor(Math.random() * 3);
  return backendError('server', 'The server is busy', {
    status: 503,
    retryAfter,
    detail: 'Too many requests are waiting for the database; try again in a moment',
  });
}

/** Connection-level failures (the database restarting, unreachable): worth a retry, not a bug. */
const UNAVAILABLE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return UNAVAILABLE.has(String(code)) || /Connection terminated|not queryable|connection (?:is )?closed/i.test(String(message));
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, { ...DEFAULT_BOUNDS, ...options.bounds })
    : openPglite(options.dataDir, { ...PGLITE_BOUNDS, ...options.bounds });
}

/**
 * One job at a time, in arrival order, at most `queue` waiting; a job whose turn comes after `waitMs`
 * is refused without running (its client has been waiting too long already).
 *
 * The queue gives the event loop a turn once its jobs have held it for `SLICE_MS` (issue 25). PGlite
 * answers from WASM on the main thread and its promises resolve in microtasks: without the turn, a
 * queue of votes ran back to back without Node ever reading a socket, so the requests that arrived
 * meanwhile waited unread in the kernel, unseen by these bounds (PGlite at 200 connections: p99 3.7 s
 * and not one 503). Now they are read at least every slice, counted, and shed when they wait too long.
 * (A turn after every job instead let reading and shedding take most of the time.)
 */
export function boundedQueue(
  { waitMs, queue }: Pick<DatabaseBounds, 'waitMs' | 'queue'>,
  clock = () => performance.now(),
): <T>(job: () => Promise<T>) => Promise<T> {
  /** Jobs queued or running. */
  let pending = 0;
  let tail: Promise<unknown> = Promise.resolve();
  /** When the jobs running since the event loop's last turn (or since the queue was idle) began. */
  let sliceStart = 0;
  const turnIfDue = async () => {
    if (clock() - sliceStart < SLICE_MS) return;
    await nextTurn();
    sliceStart = clock();
  };
  return <T>(job: () => Promise<T>) => {
    if (pending > queue) return Promise.reject(databaseBusy());
    const queued = clock();
    // An idle queue runs a newcomer in the turn that brought it, as before.
    if (pending++ === 0) sliceStart = queued;
    const run = tail
      .then(turnIfDue)
      .then(() => {
        if (clock() - queued > waitMs) throw databaseBusy();
        return job();
      })
      .finally(() => pending--);
    tail = run.catch(() => {});
    return run;
  };
}

/** How long queued jobs may run back to back before the event loop reads the sockets again. */
export const SLICE_MS = 10;

/** Resolves on the event loop's next turn, after it has polled for I/O. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function openPglite(dataDir: string | undefined, bounds: DatabaseBounds): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const folder = dataDir && !dataDir.startsWith('memory://') ? dataDir : undefined;
  const pg = await PGlite.create(folder).catch((error: unknown) => {
    // PGlite only says "Aborted()": name the likely causes.
    throw new Error(
      `PGlite could not open ${folder ?? 'an in-memory database'} (is another server using this folder, or was it left half-created? Remove it to start afresh): ${String(error)}`,
    );
  });
  // PGlite runs one statement or transaction at a time: the queue in front of it is bounded.
  const turn = boundedQueue(bounds);
  return {
    kind: 'pglite',
    query: <T extends Row>(sql: string, params: unknown[] = []) => turn(async () => (await pg.query<T>(sql, params)).rows),
    transaction: (work) =>
      turn(() =>
        pg.transaction((tx) =>
          work({ query: async <T extends Row>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows }),
        ),
      ),
    async exec(sql) {
      await turn(() => pg.exec(sql));
    },
    async listen(channel, onNotify) {
      const stop = await turn(() => pg.listen(channel, onNotify));
      return async () => {
        if (!pg.closed) await turn(() => stop());
      };
    },
    close: () => pg.close(),
  };
}

async function openPostgres(databaseUrl: string, bounds: DatabaseBounds): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: bounds.poolSize, connectionTimeoutMillis: bounds.waitMs });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const named = preparedNames();
  const run = async <T extends Row>(client: Pool | PoolClient, sql: string, params: unknown[] = []) => {
    const name = named.nameOf(sql, params);
    if (!name) return (await client.query(sql, params)).rows as T[];
    try {
      return (await client.query({ name, text: sql, values: params })).rows as T[];
    } catch (error) {
      // A table changed under a prepared statement (a migration after it was prepared): once more under a new name.
      if (!/cached plan must not change result type/.test(String((error as Error)?.message))) throw error;
      return (await client.query({ name: named.renew(sql), text: sql, values: params })).rows as T[];
    }
  };
  await run(pool, 'SELECT 1');
  /** A connection within the bounds, or the 503 of `databaseBusy`. */
  const connect = async (): Promise<PoolClient> => {
    if (pool.waitingCount >= bounds.queue) throw databaseBusy();
    try {
      return await pool.connect();
    } catch (error) {
      // pg-pool's own words when connectionTimeoutMillis passes with every connection busy.
      if (!/timeout exceeded when trying to connect/i.test(String((error as Error)?.message))) throw error;
      if (pool.totalCount >= bounds.poolSize) throw databaseBusy();
      // No connection could even be opened in time: the database is unreachable, not busy.
      throw Object.assign(new Error(`Connection timeout: ${(error as Error).message}`), { code: 'ETIMEDOUT' });
    }
  };
  /**
   * Lends a connection to `use`. The pool stops watching a client it lent: without the listener, the
   * server going away (`pg_ctl restart`: 57P01) while it is lent would crash the process. A broken
   * connection is closed, not lent again.
   */
  const lend = async <T>(use: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await connect();
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      return await use(client);
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken ??= error as Error;
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  };
  return {
    kind: 'postgres',
    query: (sql, params) => lend((client) => run(client, sql, params)),
    transaction: (work) =>
      lend(async (client) => {
        try {
          await client.query('BEGIN');
          const result = await work({ query: (sql, params) => run(client, sql, params) });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }),
    async exec(sql) {
      await pool.query(sql);
    },
    listen: (channel, onNotify, onReconnect) => listenPostgres(pg.Client, databaseUrl, channel, onNotify, onReconnect),
    close: () => pool.end(),
  };
}

/**
 * Names for parameterised statements, so that each connection parses and plans one once and then only
 * binds and executes it (issue 25: named prepared statements; the vote is the same `SELECT pgo_vote(…)` every
 * time). At most MAX_PREPARED texts get a name (a connection keeps every statement it prepared); the rest,
 * and statements without parameters (a script of several statements needs the simple protocol), run unnamed.
 */
export function preparedNames(max = MAX_PREPARED): { nameOf(sql: string, params: unknown[]): string | null; renew(sql: string): string } {
  const names = new Map<string, string>();
  let next = 0;
  const renew = (sql: string) => {
    const name = `pgo_${next++}`;
    names.set(sql, name);
    return name;
  };
  return {
    nameOf: (sql, params) => (!params.length ? null : (names.get(sql) ?? (names.size < max ? renew(sql) : null))),
    renew,
  };
}
const MAX_PREPARED = 256;
