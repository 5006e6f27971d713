// Issue 9, races: real HTTP on loopback, many requests at once, on PGlite, on a real PostgreSQL
// (server/test/postgres.ts), and (issue 25) on two server processes (server/main.ts) sharing that
// PostgreSQL, every other request sent to the other process. 1,000 concurrent identical votes from one
// participant count once; 1,000 participants voting at once count 1,000; a participant with 3 votes
// left firing 20 concurrent votes gets exactly 3; votes and withdrawals interleaved stay consistent;
// tallies (counters) equal the vote rows.
import { amendmentRaces } from '../reliability/amendment-races.mjs';
import { commentRaces } from '../reliability/comment-races.mjs';
import { freePort, startChild } from '../reliability/child-server.mjs';
import { OPEN_LIMITS, Tally, loadTs, pooledClient, schemas, sleep, startTestServer, writeConfig } from '../reliability/harness.mjs';

export const name = 'reliability-races';

const N = Number(process.env.PGO_RACE_N ?? 1000);
const LIMITS = OPEN_LIMITS;

const draft = (i) => ({
  title: `Proposition de course ${i}`,
  body: 'Un texte assez long pour passer la validation du serveur.',
  categoryId: 'donnees',
  consent: true,
});

/** Runs `count` calls at once (all started before any is awaited). */
const burst = (count, fn) => Promise.all(Array.from({ length: count }, (_, i) => fn(i)));

async function raceOn(label, server, tally, s) {
  // Real HTTP on loopback: up to 256 connections at once, every request of a burst in flight together;
  // with several processes, request i goes to process i mod n.
  // A 503 is a request shed before it reached the database (the server's bounded wait for a
  // connection, issue 25): like the rest backend, the client tries again after Retry-After.
  const clients = (server.urls ?? [server.url]).map((url) => pooledClient(url, { connections: 256 }));
  let turn = 0;
  const call = async (...args) => {
    for (let attempt = 0; ; attempt++) {
      const answer = await clients[turn++ % clients.length](...args);
      if (answer.status !== 503 || attempt >= 200) return answer;
      shed++;
      await sleep(Number(answer.headers.get('retry-after') ?? 1) * 1000 * (0.5 + Math.random() / 2));
    }
  };
  call.close = () => clients.forEach((c) => c.close());
  let shed = 0;
  const rows = async (sql, params = []) => (await server.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
  const statuses = (answers) =>
    Object.entries(answers.reduce((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {}))
      .map(([k, v]) => `${v}×${k}`)
      .join(', ');
  let cases = 0;
  const owner = (await call('POST', '/participants')).body.token;
  const target = (await call('POST', '/consultations/unlimited/proposals', { token: owner, body: draft(`${label}-cible`) })).body.proposal
    .id;

  // 1. One participant, N identical votes at once: half with one shared key, half with a key each.
  const voter = await call('POST', '/participants');
  const one = await burst(N, (i) =>
    call('PUT', `/consultations/unlimited/proposals/${target}/vote`, {
      token: voter.body.token,
      body: { choice: 'support' },
      key: i % 2 ? 'same-key' : `key-${i}`,
    }),
  );
  cases += one.length;
  const oneRows = await rows('votes WHERE participant_id = $1', [voter.body.participant.id]);
  const bad = one.filter((a) => a.status !== 200 || !s.VoteResult.safeParse(a.body).success);
  tally.say(
    `${label}: ${N} concurrent identical votes from one participant → ${statuses(one)}, ${oneRows} vote row`,
    oneRows === 1 && !bad.length ? null : `${oneRows} rows; ${bad.length} bad answers, e.g. ${bad[0]?.text.slice(0, 160)}`,
  );
  const sameKey = one.filter((_, i) => i % 2);
  tally.check(
    `${label}: every answer to the shared key is the same`,
    new Set(sameKey.map((a) => JSON.stringify(a.body))).size === 1 ? null : 'different answers for one key',
  );

  // 2. N participants, one vote each, all at once.
  const voters = await burst(N, () => call('POST', '/participants'));
  const failedTokens = voters.filter((a) => a.status !== 201).length;
  const before = await rows('votes WHERE proposal_id = $1', [target]);
  const many = await burst(N, (i) =>
    call('PUT', `/consultations/unlimited/proposals/${target}/vote`, { token: voters[i].body.token, body: { choice: 'support' } }),
  );
  cases += voters.length + many.length;
  const manyRows = (await rows('votes WHERE proposal_id = $1', [target])) - before;
  const tallyTotal = (await call('GET', `/consultations/unlimited/proposals/${target}`)).body.tally.total;
  tally.say(
    `${label}: ${N} participants voting at once → ${statuses(many)}, ${manyRows} new vote rows, tally ${tallyTotal}`,
    !failedTokens && manyRows === N && tallyTotal === before + N && many.every((a) => a.status === 200)
      ? null
      : `${failedTokens} tokens failed (${statuses(voters)}), ${manyRows} rows, tally ${tallyTotal}`,
  );
  // The last answers saw (nearly) every vote: no answer ever counted more than there were.
  const maxSeen = Math.max(...many.map((a) => a.body?.tally?.total ?? 0));
  tally.check(`${label}: no answer reports more votes than were cast`, maxSeen <= before + N ? null : `an answer said ${maxSeen}`);

  // 3. Participants with 3 votes left, each firing 20 concurrent votes on 20 proposals: exactly 3 each.
  const targets = [];
  for (let i = 0; i < 20; i++)
    targets.push((await call('POST', '/consultations/open/proposals', { token: owner, body: draft(`${label}-${i}`) })).body.proposal.id);
  const limited = await burst(10, () => call('POST', '/participants'));
  const races = await burst(limited.length, (p) =>
    burst(20, (i) =>
      call('PUT', `/consultations/open/proposals/${targets[i]}/vote`, { token: limited[p].body.token, body: { choice: 'support' } }),
    ),
  );
  for (const [p, answers] of races.entries()) {
    cases += answers.length;
    const ok = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 409 && a.body.code === 'limit-reached').length;
    const stored = await rows('votes WHERE participant_id = $1', [limited[p].body.participant.id]);
    const left = (await call('GET', '/consultations/open/participation', { token: limited[p].body.token })).body.votesLeft;
    tally.check(
      `${label}: participant ${p} with 3 votes left firing 20 at once`,
      ok === 3 && refused === 17 && stored === 3 && left === 0
        ? null
        : `${ok} accepted, ${refused} limit-reached, ${stored} rows, ${left} left (${statuses(answers)})`,
    );
  }
  console.log(`  ✓ ${label}: ${limited.length} participants with 3 votes left, 20 concurrent votes each: exactly 3 counted for each`);

  // 4. Votes and withdrawals interleaved by one participant on one proposal, then by many.
  const flipper = await call('POST', '/participants');
  const flips = await burst(200, (i) =>
    i % 2
      ? call('DELETE', `/consultations/unlimited/proposals/${target}/vote`, { token: flipper.body.token })
      : call('PUT', `/consultations/unlimited/proposals/${target}/vote`, { token: flipper.body.token, body: { choice: 'support' } }),
  );
  cases += flips.length;
  const flipRows = await rows('votes WHERE participant_id = $1', [flipper.body.participant.id]);
  const flipState = (await call('GET', '/consultations/unlimited/participation', { token: flipper.body.token })).body.votes[target];
  tally.say(
    `${label}: 200 interleaved votes and withdrawals by one participant → ${statuses(flips)}, ${flipRows} row, participation agrees`,
    flips.every((a) => a.status === 200) && flipRows <= 1 && (flipRows === 1) === (flipState === 'support')
      ? null
      : `${flipRows} rows, participation ${flipState}`,
  );

  // 5. Tallies equal the vote rows, for every proposal of every consultation.
  let compared = 0;
  const mismatches = [];
  for (const consultation of ['open', 'unlimited', 'pre']) {
    let cursor = '';
    do {
      const page = (await call('GET', `/consultations/${consultation}/proposals?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
      for (const p of page.items) {
        const n = await rows('votes WHERE proposal_id = $1', [p.id]);
        compared++;
        if (p.tally.total !== n) mismatches.push(`${p.id}: tally ${p.tally.total}, rows ${n}`);
      }
      cursor = page.nextCursor ?? '';
    } while (cursor);
  }
  const orphan = await rows(
    'votes v LEFT JOIN proposals p ON p.id = v.proposal_id WHERE p.id IS NULL OR p.consultation_id <> v.consultation_id',
  );
  cases += compared;
  tally.say(
    `${label}: tallies equal the vote rows for all ${compared} proposals; ${orphan} vote rows outside their proposal's consultation`,
    mismatches.length || orphan ? `${mismatches.slice(0, 5).join('; ')} orphans ${orphan}` : null,
  );
  // 6. Issue 21: amendments and their votes.
  cases += await amendmentRaces(label, call, rows, tally, N);
  // 7. Issue 20: helpful votes and reports on comments.
  cases += await commentRaces(label, call, rows, tally, N);
  console.log(`  ${label}: ${shed} answers were 503 (shed, Retry-After) and sent again`);
  call.close();
  return cases;
}

/** Two `server/main.ts` processes on one PostgreSQL database; the suite reads the rows through a pool of its own. */
async function twoProcesses(databaseUrl, tally, s) {
  const config = writeConfig();
  const env = { DATABASE_URL: databaseUrl, LIMITS: JSON.stringify(LIMITS) };
  const processes = [];
  const { openDatabase } = await loadTs('server/db/db.ts');
  let db;
  try {
    // One after the other: the first runs the migrations and the seed, the second finds them done.
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = startChild({ port, configDir: config.dir, env });
      processes.push({ child, url: `http://127.0.0.1:${port}` });
      await child.ready;
    }
    db = await openDatabase({ databaseUrl });
    return await raceOn('PostgreSQL, 2 processes', { urls: processes.map((p) => p.url), db }, tally, s);
  } finally {
    await db?.close();
    await Promise.all(processes.map((p) => p.child.stop()));
    config.remove();
  }
}

export async function run() {
  const tally = new Tally(name);
  const s = await schemas();
  let cases = 0;
  const pglite = await startTestServer({ limits: LIMITS });
  try {
    cases += await raceOn('PGlite', pglite, tally, s);
  } finally {
    await pglite.close();
  }
  const { startPostgres } = await loadTs('server/test/postgres.ts');
  const postgres = await startPostgres();
  try {
    const server = await startTestServer({ databaseUrl: await postgres.createDatabase('pgo_races'), limits: LIMITS });
    try {
      cases += await raceOn('PostgreSQL', server, tally, s);
    } finally {
      await server.close();
    }
    cases += await twoProcesses(await postgres.createDatabase('pgo_races_two'), tally, s);
  } finally {
    await postgres.stop();
  }
  return tally.report({ 'cases tried (requests)': cases, failures: tally.failed });
}
