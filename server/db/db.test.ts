/**
 * The database layer's own rules: the bounded queue in front of PGlite sheds with 503 + Retry-After
 * (by count, and by waiting time on a clock the test moves), migrations split around PL/pgSQL bodies,
 * and the tally counters kept by the votes trigger follow inserts, changes and deletes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackendError } from '../../src/core/errors.js';
import { boundedQueue, openDatabase, preparedNames, SLICE_MS } from './db.js';
import { migrate, splitStatements } from './migrate.js';

/** A job that holds the queue until released; `started` resolves once it has its turn. */
function holding(turn: ReturnType<typeof boundedQueue>) {
  let release!: () => void;
  let running!: () => void;
  const started = new Promise<void>((resolve) => (running = resolve));
  const done = turn(() => {
    running();
    return new Promise<void>((resolve) => (release = resolve));
  });
  return { done, started, release: () => release() };
}

const busy = (error: unknown) => error instanceof BackendError && error.problem.status === 503 && (error.problem.retryAfter ?? 0) >= 1;

describe('bounded queue', () => {
  it('runs jobs one at a time in order and sheds beyond `queue` waiting', async () => {
    const turn = boundedQueue({ queue: 2, waitMs: 1e9 });
    const order: number[] = [];
    const held = holding(turn);
    const first = held.done.then(() => order.push(1));
    const second = turn(async () => order.push(2));
    const third = turn(async () => order.push(3));
    await assert.rejects(
      turn(async () => order.push(4)),
      busy,
    );
    await held.started;
    held.release();
    await Promise.all([first, second, third]);
    assert.deepEqual(order, [1, 2, 3]);
    // The queue drained: new jobs are accepted again.
    assert.equal(await turn(async () => 'again'), 'again');
  });

  it('refuses, without running it, a job whose turn comes after waitMs', async () => {
    let now = 0;
    const turn = boundedQueue({ queue: 10, waitMs: 100 }, () => now);
    const held = holding(turn);
    let ran = false;
    const late = turn(async () => {
      ran = true;
    });
    await held.started;
    now = 101;
    held.release();
    await held.done;
    await assert.rejects(late, busy);
    assert.equal(ran, false);
  });

  it('gives the event loop a turn once jobs have held it for a slice, so that requests arriving meanwhile are read and counted', async () => {
    let now = 0;
    const turn = boundedQueue({ queue: 10, waitMs: 1e9 }, () => now);
    let turned = false;
    // PGlite resolves in microtasks: chained jobs would otherwise run before any socket is read.
    const short = turn(async () => setImmediate(() => (turned = true)));
    const sameTurn = turn(async () => turned);
    const long = turn(async () => void (now += SLICE_MS));
    const nextTurn = turn(async () => turned);
    await short;
    assert.equal(await sameTurn, false, 'short jobs run back to back');
    await long;
    assert.equal(await nextTurn, true, 'after a slice, the event loop turned before the next job');
  });

  it('keeps going after a job fails', async () => {
    const turn = boundedQueue({ queue: 10, waitMs: 1e9 });
    await assert.rejects(
      turn(async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await turn(async () => 1), 1);
  });
});

describe('migrations', () => {
  it('keep the semicolons of dollar-quoted bodies inside one statement', () => {
    const parts = splitStatements(
      `-- a comment;\nCREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND\n$$;\nSELECT 1;\n`,
    );
    assert.equal(parts.length, 3);
    assert.match(parts[1]!, /RETURN 1;\nEND\n\$\$$/);
  });
});

describe('tally counters (PGlite)', () => {
  it('follow inserts, changes of choice, moves and deletes of vote rows', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(db);
      await db.exec(`INSERT INTO participants (id) VALUES ('a'), ('b');
        INSERT INTO proposals (id, consultation_id, title, body, status) VALUES ('p', 'c', 't', 'b', 'published'), ('q', 'c', 't', 'b', 'published')`);
      const tallies = async () =>
        Object.fromEntries(
          (
            await db.query<{ k: string; n: number }>(
              "SELECT proposal_id || ':' || choice AS k, n FROM proposal_tallies WHERE n > 0 ORDER BY 1",
            )
          ).map((r) => [r.k, r.n]),
        );
      await db.exec(
        "INSERT INTO votes (participant_id, proposal_id, consultation_id, choice) VALUES ('a', 'p', 'c', 'for'), ('b', 'p', 'c', 'for')",
      );
      assert.deepEqual(await tallies(), { 'p:for': 2 });
      await db.exec("UPDATE votes SET choice = 'against' WHERE participant_id = 'a'");
      assert.deepEqual(await tallies(), { 'p:against': 1, 'p:for': 1 });
      await db.exec("UPDATE votes SET proposal_id = 'q' WHERE participant_id = 'b'");
      assert.deepEqual(await tallies(), { 'p:against': 1, 'q:for': 1 });
      await db.exec("DELETE FROM votes WHERE participant_id = 'a'");
      assert.deepEqual(await tallies(), { 'q:for': 1 });
    } finally {
      await db.close();
    }
  });
});

describe('prepared statement names (PostgreSQL)', () => {
  it('names a parameterised text once, leaves scripts unnamed, and stops naming at the bound', () => {
    const named = preparedNames(2);
    const vote = named.nameOf('SELECT pgo_vote($1) AS r', ['h']);
    assert.ok(vote);
    assert.equal(named.nameOf('SELECT pgo_vote($1) AS r', ['other']), vote, 'the same text keeps its name');
    assert.equal(named.nameOf('BEGIN; SELECT 1; COMMIT', []), null, 'no parameters: simple protocol, unnamed');
    assert.ok(named.nameOf('SELECT $1::int', [1]));
    assert.equal(named.nameOf('SELECT $1::text', ['x']), null, 'beyond the bound: unnamed');
    assert.notEqual(named.renew('SELECT pgo_vote($1) AS r'), vote, 'a table changed under it: a new name');
  });
});
