/**
 * PGlite sheds load instead of queueing it (issue 25): while the database is held, requests beyond its
 * bounded queue are answered at once 503 problem+json with Retry-After (the client retries them, the
 * same text and key: src/backends/rest.test.ts), and the queued ones are answered once it is free.
 * Held with a transaction the test releases, never timed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { seedConsultations } from './setup/seed.js';
import { client, serveApp, testConsultations, type Answer, type Call, type Served } from './test/helpers.js';

const OPEN = '/consultations/open';
const QUEUE = 3;

describe('PGlite under more requests than its queue holds', () => {
  let db: Db;
  let served: Served;
  let call: Call;

  before(async () => {
    db = await openDatabase({ dataDir: 'memory://', bounds: { queue: QUEUE, waitMs: 1e9 } });
    await migrate(db);
    const consultations = testConsultations();
    await seedConsultations(db, consultations);
    const limits = { writesPerMinute: 1e6, writesPerIpPerMinute: 1e6, participantsPerMinute: 1e6 };
    served = await serveApp({ db, consultations, adminToken: 'shed-test-admin-token-0123456789', limits });
    call = client(served.url);
  });
  after(async () => {
    await served?.close();
    await db?.close();
  });

  it('answers the requests beyond the queue 503 with Retry-After at once, and the queued ones once the database is free', async () => {
    const voters = 8;
    const tokens: string[] = [];
    for (let i = 0; i < voters; i++) tokens.push((await call('POST', '/participants')).body.token as string);
    let release!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const transaction = db.transaction(() => {
      holding();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await held;
    // The held transaction is one of the QUEUE jobs: QUEUE votes wait behind it, the others are shed.
    const shedCount = voters - QUEUE;
    const shed: Answer[] = [];
    let allShed!: () => void;
    const shedDone = new Promise<void>((resolve) => (allShed = resolve));
    const answers = tokens.map((token, i) =>
      call('PUT', `${OPEN}/proposals/s${i % 5}/vote`, { token, body: { choice: 'support' } }).then((answer) => {
        if (answer.status === 503 && shed.push(answer) === shedCount) allShed();
        return answer;
      }),
    );
    await shedDone;
    for (const answer of shed) {
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const retryAfter = Number(answer.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 3, `Retry-After ${retryAfter}`);
      assert.equal((answer.body as { status: number }).status, 503);
    }
    release();
    await transaction;
    const statuses = (await Promise.all(answers)).map((a) => a.status).sort();
    assert.deepEqual(statuses, [...Array(QUEUE).fill(200), ...Array(shedCount).fill(503)]);
  });
});
