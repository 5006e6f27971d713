/**
 * Rate limits hold across server processes (issue 25): two apps on one database (what two processes
 * on one PostgreSQL are, for the counters kept in `rate_windows`), requests alternating between them:
 * the limit counts every request once, whichever process answered it. Votes (counted inside the vote
 * function), other writes (counted by `writer`) and new participants alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { seedConsultations } from './setup/seed.js';
import { client, serveApp, testConsultations, type Call, type Served } from './test/helpers.js';

const OPEN = '/consultations/open';
const LIMITS = { writesPerMinute: 3, participantsPerMinute: 4 };

describe('rate limits shared by two server processes (PGlite)', () => {
  let db: Db;
  const served: Served[] = [];
  const calls: Call[] = [];
  let clock = Date.parse('2026-11-29T12:00:10Z');

  before(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    const consultations = testConsultations(clock);
    await seedConsultations(db, consultations);
    for (let i = 0; i < 2; i++) {
      served.push(
        await serveApp({ db, consultations, adminToken: 'limits-test-admin-token-0123456789', limits: LIMITS, clock: () => clock }),
      );
      calls.push(client(served[i]!.url));
    }
  });
  after(async () => {
    await Promise.all(served.map((s) => s.close()));
    await db?.close();
  });

  it('counts new participants per address once across both processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await calls[i % 2]!('POST', '/participants')).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 429, 429]);
    // The next minute opens a new window.
    clock += 60_000;
    assert.equal((await calls[0]!('POST', '/participants')).status, 201);
  });

  it('counts a participant’s writes once across both processes, votes and other writes alike', async () => {
    const token = (await calls[1]!('POST', '/participants')).body.token as string;
    const vote = (i: number, proposal: string) =>
      calls[i % 2]!('PUT', `${OPEN}/proposals/${proposal}/vote`, { token, body: { choice: 'support' } });
    const answers = [
      await vote(0, 's0'),
      await vote(1, 's1'),
      await calls[0]!('POST', `${OPEN}/proposals/s2/reports`, { token, body: { reason: 'Hors sujet, je crois bien.' } }),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 202],
    );
    const refused = await vote(1, 's3');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    // A refusal is stored nowhere: the vote was not recorded.
    const rows = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM votes v JOIN participant_tokens t ON t.participant_id = v.participant_id WHERE v.proposal_id = $1 AND t.token_hash = encode(sha256(convert_to($2, 'UTF8')), 'hex')",
      ['s3', token],
    );
    assert.equal(rows[0]!.n, 0);
    assert.equal(
      (await calls[0]!('POST', `${OPEN}/proposals/s2/reports`, { token, body: { reason: 'Encore hors sujet, vraiment.' } })).status,
      429,
    );
  });
});
