/**
 * One small database interface over the embedded PGlite (PostgreSQL in WASM, the default) and a real
 * PostgreSQL reached through `pg` (when DATABASE_URL is set). Both run the same SQL.
 */
import { mkdirSync } from 'node:fs';
import type { Pool, PoolClient } from 'pg';

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
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PGlite data folder; `memory://` (or omitted) keeps everything in memory. */
  dataDir?: string;
  /** A PostgreSQL connection string: when set, PGlite is not used. */
  databaseUrl?: string;
}

/** Connection-level failures (the database restarting, unreachable): worth a retry, not a bug. */
const UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return UNAVAILABLE.has(String(code)) || /Connection terminated|not queryable|connection (?:is )?closed/i.test(String(message));
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const folder = dataDir && !dataDir.startsWith('memory://') ? dataDir : undefined;
  const pg = await PGlite.create(folder).catch((error: unknown) => {
    // PGlite only says "Aborted()": name the likely causes.
    throw new Error(`PGlite could not open ${folder ?? 'an in-memory database'} (is another server using this folder, or was it left half-created? Remove it to start afresh): ${String(error)}`);
  });
  return {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    // PGlite runs one transaction at a time: its `transaction` queues the others behind it.
    transaction: (work) => pg.transaction((tx) => work({ query: async <T extends Row>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows })),
    async exec(sql) {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}

async function openPostgres(databaseUrl: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const run = async <T extends Row>(client: Pool | PoolClient, sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[];
  await run(pool, 'SELECT 1');
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      // The pool stops watching a client it lent: without this listener, the server going away
      // (`pg_ctl restart`: 57P01) between two queries of a transaction would crash the process.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        // A broken connection is closed, not lent again.
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
