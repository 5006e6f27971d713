/**
 * The hub's coalescing, with a clock the test moves (nothing waits for time): a consultation's
 * changes are read at most once per interval, so a burst of votes sends one tally per proposal per
 * interval, and the next read sends the latest.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { openDatabase, type Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { seedConsultations } from '../setup/seed.js';
import { testConsultations } from '../test/helpers.js';
import { waitFor } from '../test/live-suite.js';
import { LiveHub, type LiveClock } from './hub.js';

let db: Db;
const consultation = testConsultations().find((c) => c.consultation.id === 'open')!.consultation;
before(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seedConsultations(
    db,
    testConsultations().filter((c) => c.consultation.id === 'open'),
  );
  for (let i = 0; i < 12; i++) await db.query(`INSERT INTO participants (id) VALUES ('hub-${i}')`);
});
after(() => db?.close());

/** A clock that moves only when told; timers run when it passes them. */
function manualClock() {
  let now = 1_000_000;
  const timers: { at: number; run: () => void }[] = [];
  const clock: LiveClock = {
    now: () => now,
    after(ms, run) {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
    },
  };
  return {
    clock,
    pending: () => timers.length,
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.run();
      }
    },
  };
}

const vote = (i: number, proposal: string) =>
  db.query(`INSERT INTO votes (participant_id, proposal_id, consultation_id, choice) VALUES ($1, $2, 'open', 'support')`, [
    `hub-${i}`,
    proposal,
  ]);

it('reads a consultation’s changes at most once per interval: one tally per proposal per interval, the latest', async () => {
  const time = manualClock();
  const hub = new LiveHub(db, { intervalMs: 1000, heartbeatMs: 3_600_000 }, time.clock);
  const sent: string[] = [];
  await hub.open('open', { consultation, participantId: null, write: (text) => (sent.push(text), true), close() {} }, null);
  const tallies = (proposal: string) => sent.filter((t) => t.includes('event: tally') && t.includes(`"proposalId":"${proposal}"`));
  await vote(0, 's1');
  await waitFor(() => tallies('s1').length === 1, 'the first vote sent at once');
  assert.equal(hub.reads, 1);
  // Ten more votes within the same interval: no read, one timer to the end of the interval.
  for (let i = 1; i <= 10; i++) await vote(i, i % 2 ? 's1' : 's2');
  await waitFor(() => time.pending() === 2, 'the read deferred to the end of the interval (beside the heartbeat)');
  assert.equal(hub.reads, 1);
  assert.equal(tallies('s1').length, 1);
  time.advance(1000);
  await waitFor(() => tallies('s2').length === 1, 'the deferred read');
  assert.equal(hub.reads, 2);
  assert.equal(tallies('s1').length, 2);
  const total = (text: string) => JSON.parse(text.split('data: ')[1]!).tally.total as number;
  const s1 = (await db.query<{ n: number }>(`SELECT n FROM proposal_tallies WHERE proposal_id = 's1'`))[0]!.n;
  assert.equal(total(tallies('s1').at(-1)!), s1, 'the latest tally');
  await hub.close();
});

it('a busy process reads once per interval for all its streams, however many', async () => {
  const time = manualClock();
  const hub = new LiveHub(db, { intervalMs: 1000, heartbeatMs: 3_600_000 }, time.clock);
  const sinks = Array.from({ length: 50 }, () => ({
    consultation,
    participantId: null,
    got: [] as string[],
    write(text: string) {
      this.got.push(text);
      return true;
    },
    close() {},
  }));
  for (const sink of sinks) await hub.open('open', sink, null);
  await vote(11, 's3');
  await waitFor(() => sinks.every((s) => s.got.some((t) => t.includes('"proposalId":"s3"'))), 'every stream');
  assert.equal(hub.reads, 1);
  await hub.close();
});
