// Benchmark 4, server: vote throughput and p50/p99 latency of the reference server at 200 concurrent
// connections on loopback (autocannon), every request a new vote (its own participant x proposal
// pair), on PostgreSQL and on PGlite. The limit each is compared to: the same SQL the server ran for a
// vote (captured from a probe request), run by pgbench with the same 200 clients on the same
// PostgreSQL, and replayed straight on the same PGlite by 200 callers. After each HTTP run the tallies
// the API reports must equal the vote rows and the votes accepted.
import { fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { tsImport } from 'tsx/esm/api';
import { BENCH, ROOT } from './lib/paths.mjs';
import { fixed, ms, row } from './lib/stats.mjs';
import { runPgbench } from './server/pgbench.mjs';
import { CONSULTATION, HTTP_PARTICIPANTS, PARTICIPANTS, probeValues, PROPOSALS } from './server/population.mjs';

export const name = 'server';
const CONNECTIONS = 200;
const WARMUP_SECONDS = 2;
const SECONDS = 10;
const TARGET = 0.5;
/** The server's PostgreSQL pool size (server/db/db.ts), for the extra pgbench run at that concurrency. */
const POOL = 10;
const POOL_SECONDS = 5;
/** Participants the database-only runs draw from: never the HTTP load's. */
const DB_ONLY = { from: HTTP_PARTICIPANTS + 1, to: PARTICIPANTS };

/** The server in its own process; `call(command, args)` talks to it. */
async function startChild(options) {
  const child = fork(join(BENCH, 'server/child.mjs'), [JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let next = 0;
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const gone = new Error(`the server process exited (${code})`);
      reject(gone);
      for (const waiting of pending.values()) waiting.reject(gone);
      pending.clear();
    });
    child.on('message', (message) => {
      if (message.ready) resolve(message);
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error));
      else waiting.resolve(message.result);
    });
  });
  const { url, kind } = await ready;
  const call = (command, args) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    child.send({ id, command, args });
  });
  return {
    url, kind, call,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => child.kill('SIGKILL'));
      await exited;
    },
  };
}

const api = (url, path) => `${url}/api/v1${path}`;

/** One vote by participant 1 on proposal 1 while the server records its SQL. */
async function captureVote(server) {
  const key = 'bench-probe-key';
  await server.call('start');
  const res = await fetch(api(server.url, `/consultations/${CONSULTATION}/proposals/bp1/vote`), {
    method: 'PUT', headers: { authorization: 'Bearer bench-token-1', 'content-type': 'application/json', 'idempotency-key': key }, body: '{"choice":"support"}',
  });
  const statements = await server.call('stop');
  if (res.status !== 200) throw new Error(`the probe vote answered ${res.status}: ${await res.text()}`);
  return { statements, probe: probeValues(key) };
}

/**
 * Autocannon for `seconds`. Request k is participant (k mod P) + 1 voting on proposal
 * (k + k div P) mod N + 1: consecutive requests have different participants and proposals (no hot
 * row), and every pair is new while k < P x N (P + 1 and N have no common factor).
 */
async function load(url, seconds, sequence) {
  const result = await autocannon({
    // A generous timeout: a saturated server's answers still count (and their latency shows).
    url, connections: CONNECTIONS, duration: seconds, timeout: 30,
    requests: [{
      method: 'PUT',
      setupRequest: (request) => {
        const k = sequence.next++;
        const participant = (k % HTTP_PARTICIPANTS) + 1;
        const proposal = ((k + Math.floor(k / HTTP_PARTICIPANTS)) % PROPOSALS) + 1;
        return {
          ...request, path: `/api/v1/consultations/${CONSULTATION}/proposals/bp${proposal}/vote`, body: '{"choice":"support"}',
          headers: { authorization: `Bearer bench-token-${participant}`, 'content-type': 'application/json', 'idempotency-key': `bench-${k}` },
        };
      },
    }],
  });
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'],
    refused: result.non2xx, errors: result.errors, timeouts: result.timeouts, statuses: result.statusCodeStats,
  };
}

/** The vote rows once the count has not moved for a second (at most a minute). */
async function settledCount(server) {
  let last = await server.call('count');
  for (let stable = 0, waited = 0; stable < 4 && waited < 240; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await server.call('count');
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

/** The sum of the tallies the API reports, every page. */
async function tallySum(url) {
  let sum = 0;
  let cursor = '';
  for (;;) {
    const res = await fetch(api(url, `/consultations/${CONSULTATION}/proposals?limit=100${cursor ? `&cursor=${cursor}` : ''}`));
    const page = await res.json();
    for (const p of page.items) sum += p.tally.total;
    if (!page.nextCursor) return sum;
    cursor = page.nextCursor;
  }
}

/** The HTTP runs on one database: capture, warm-up, measured run, checks. */
async function httpRuns(server, log) {
  const { statements, probe } = await captureVote(server);
  const sequence = { next: 1 }; // pair 0 (participant 1, proposal 1) was the probe's
  const warm = await load(server.url, WARMUP_SECONDS, sequence);
  const measured = await load(server.url, SECONDS, sequence);
  if (sequence.next >= HTTP_PARTICIPANTS * PROPOSALS) throw new Error('the run went past the distinct participant x proposal pairs: raise HTTP_PARTICIPANTS');
  // Requests autocannon gave up on at the end may still be queued in the server: wait until it is idle.
  const rows = await settledCount(server);
  const tallies = await tallySum(server.url);
  const accepted = 1 + warm.ok + measured.ok;
  const sent = sequence.next;
  const consistent = tallies === rows && accepted <= rows && rows <= sent;
  log(`  ${server.kind}: ${fixed(measured.rps, 0)} votes/s, p50 ${ms(measured.p50)}, p99 ${ms(measured.p99)} (${CONNECTIONS} connections, ${SECONDS} s; `
    + `${measured.ok} accepted, ${measured.refused} refused, ${measured.errors} errors, ${measured.timeouts} timeouts)`);
  log(`  ${server.kind}: tallies ${tallies}, vote rows ${rows} (${consistent ? 'equal' : 'NOT EQUAL'}); answered 200 ${accepted} <= rows <= sent ${sent} (probe, warm-up, run)`);
  if (measured.refused) log(`  ${server.kind}: statuses ${JSON.stringify(measured.statuses)}`);
  return { measured, consistent, statements, probe };
}

export async function run(log) {
  const results = [];
  const { startPostgres } = await tsImport(pathToFileURL(join(ROOT, 'server/test/postgres.ts')).href, import.meta.url);
  const postgres = await startPostgres();
  try {
    const databaseUrl = await postgres.createDatabase('bench');
    const server = await startChild({ databaseUrl });
    let http;
    try {
      http = await httpRuns(server, log);
    } finally {
      await server.close();
    }
    // The server (and its pool) is gone: pgbench has the 200 connections PostgreSQL allows.
    const limit = await runPgbench({ bin: postgresBin(), port: postgres.port, database: 'bench', ...http, clients: CONNECTIONS, seconds: SECONDS, ...DB_ONLY });
    log(`  pgbench, the server's ${limit.statements} statements per vote, ${CONNECTIONS} clients, ${SECONDS} s: ${fixed(limit.tps, 0)} tx/s, p50 ${ms(limit.p50)}, p99 ${ms(limit.p99)} (${limit.failed} failed)`);
    // The server reaches PostgreSQL through a pool of POOL connections: the limit at that concurrency, for the record.
    const atPool = await runPgbench({ bin: postgresBin(), port: postgres.port, database: 'bench', ...http, clients: POOL, seconds: POOL_SECONDS, ...DB_ONLY });
    log(`  pgbench, same script, ${POOL} clients (the server's pool size), ${POOL_SECONDS} s: ${fixed(atPool.tps, 0)} tx/s, p50 ${ms(atPool.p50)}, p99 ${ms(atPool.p99)}`);
    results.push({ kind: 'PostgreSQL', http, limit, peer: 'pgbench, same SQL', atPool });
  } finally {
    await postgres.stop();
  }

  const server = await startChild({});
  try {
    const http = await httpRuns(server, log);
    const limit = await server.call('replay', { statements: http.statements, probe: http.probe, seconds: SECONDS, clients: CONNECTIONS, ...DB_ONLY });
    log(`  PGlite, the same statements replayed in-process by ${CONNECTIONS} callers, ${SECONDS} s: ${fixed(limit.tps, 0)} tx/s, p50 ${ms(limit.p50)}, p99 ${ms(limit.p99)} (${limit.failed} failed)`);
    results.push({ kind: 'PGlite', http, limit, peer: 'same SQL in-process' });
  } finally {
    await server.close();
  }

  return results.flatMap(({ kind, http, limit, peer, atPool }) => {
    const share = http.measured.rps / limit.tps;
    return [
      row(`server: votes/s on ${kind}, ${CONNECTIONS} conn.`, `${fixed(http.measured.rps, 0)}/s p50 ${ms(http.measured.p50)} p99 ${ms(http.measured.p99)}`,
        `${fixed(limit.tps, 0)}/s ${peer}`, share, `>= ${TARGET}`, share >= TARGET && http.measured.refused === 0 && http.measured.errors === 0),
      ...(atPool ? [row(`server: ${kind} votes/s vs pgbench at ${POOL} clients`, `${fixed(http.measured.rps, 0)}/s`, `${fixed(atPool.tps, 0)}/s pgbench, ${POOL} clients`, http.measured.rps / atPool.tps, undefined)] : []),
      row(`server: ${kind} tallies = vote rows`, http.consistent ? 'equal' : 'NOT EQUAL', 'tallies, vote rows', '-', 'equal', http.consistent),
    ];
  });
}

/** Debian's PostgreSQL binaries, the newest version (the one server/test/postgres.ts starts). */
function postgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pgbench'))).sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error(`no pgbench under ${root}/*/bin (Debian's postgresql package brings it)`);
  return join(root, versions[0], 'bin');
}
