/**
 * What every write of a consultation shares on PostgreSQL (issue 25), and must not make writes wait for
 * each other. The shared rate-limit counters (migrations 040, 101): an address's hits are spread over one
 * row per connection, so writes from one address never wait on each other's row, and still add up to one
 * limit; a participant's counter stays one row (their writes queue anyway). The live change log
 * (migrations 080, 102): writers no longer queue on the consultation's lock; a reader's horizon waits for
 * the writers in progress, so every change numbered up to it is committed.
 * Blocking is detected with `lock_timeout`: a statement that would wait on another transaction's row
 * fails with 55P03 once the timeout passes; one that never waits never sees it, however slow the machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startPostgres, type TestPostgres } from '../test/postgres.js';
import { openDatabase } from './db.js';
import { migrate } from './migrate.js';

const NOW = Date.parse('2026-11-30T01:00:10Z');
const hit = async (client: pg.Client, key: string, limit: number) =>
  (await client.query<{ wait: number }>('SELECT pgo_rate_hit($1, $2, $3, 60000) AS wait', [key, limit, NOW])).rows[0]!.wait;

describe('rows and locks every write shares, on PostgreSQL', () => {
  let postgres: TestPostgres;
  const clients: pg.Client[] = [];

  before(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('pgo_rates');
    const db = await openDatabase({ databaseUrl: url });
    await migrate(db);
    await db.close();
    for (let i = 0; i < 2; i++) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("SET lock_timeout = '200ms'");
      clients.push(client);
    }
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await postgres?.stop();
  });

  it('adds up the hits of one address made on several connections', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    const key = 'w:ip:3:192.0.2.1';
    assert.deepEqual([await hit(a, key, 3), await hit(b, key, 3), await hit(a, key, 3)], [0, 0, 0]);
    assert.ok((await hit(b, key, 3)) >= 1, 'the fourth hit of the minute is over the limit, whichever connection counts it');
    assert.ok((await hit(a, key, 3)) >= 1);
  });

  it('lets two transactions count one address at once, neither waiting for the other', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    const key = 'w:ip:100:192.0.2.2';
    await a.query('BEGIN');
    try {
      assert.equal(await hit(a, key, 100), 0);
      // Before migration 101 this waited on a's row until lock_timeout: 55P03.
      assert.equal(await hit(b, key, 100), 0);
    } finally {
      await a.query('COMMIT');
    }
    assert.equal(
      (await a.query<{ n: number }>('SELECT sum(n)::int AS n FROM rate_windows WHERE key = $1', [key])).rows[0]!.n,
      2,
      'both hits counted',
    );
  });

  it('keeps a participant’s counter in one row: a second transaction waits for the first, so their limit is exact', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    const key = 'w:p:3:pt-1';
    await a.query('BEGIN');
    try {
      await hit(a, key, 3);
      await assert.rejects(hit(b, key, 3), (error: { code?: string }) => error.code === '55P03');
    } finally {
      await a.query('COMMIT');
    }
  });

  it('lets two transactions record live changes of one consultation at once', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    const change = (client: pg.Client, topic: string) =>
      client.query("SELECT pgo_live_change('c-live', $1, 'tally', $1, NULL, '{}')", [topic]);
    await a.query('BEGIN');
    try {
      await change(a, 'tally:p1');
      // Before migration 102 the second waited for the first's commit (exclusive lock) until lock_timeout: 55P03.
      await change(b, 'tally:p2');
    } finally {
      await a.query('COMMIT');
    }
  });

  it('gives a reader a horizon only once the live changes numbered below it are committed', async () => {
    const [a, b] = clients as [pg.Client, pg.Client];
    await a.query('BEGIN');
    try {
      await a.query("SELECT pgo_live_change('c-horizon', 'tally:p1', 'tally', 'p1', NULL, '{}')");
      await assert.rejects(
        b.query("SELECT pgo_live_horizon('c-horizon')"),
        (error: { code?: string }) => error.code === '55P03',
        'the horizon waits for the write in progress',
      );
    } finally {
      await a.query('COMMIT');
    }
    const [{ n }] = (await b.query<{ n: string }>("SELECT pgo_live_horizon('c-horizon') AS n")).rows as [{ n: string }];
    const [{ seq }] = (await b.query<{ seq: string }>("SELECT seq FROM live_changes WHERE consultation_id = 'c-horizon'")).rows as [
      { seq: string },
    ];
    assert.ok(Number(n) >= Number(seq), 'the committed change is below the horizon');
  });
});
