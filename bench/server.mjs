// Benchmark 4, server: votes a second and p50/p99 latency of the reference server on loopback
// (autocannon; every request a new vote, its own participant x proposal pair) at 16 and 200
// connections, on PostgreSQL with one process and with two (server/main.ts --workers 2), and on
// PGlite. The peer is the database's own limit, measured on the same PostgreSQL in the same run:
// pgbench inserting a vote and updating its tally from the INSERT's RETURNING, one transaction, at the
// same concurrency. For information: pgbench (PGlite: 200 in-process callers) replaying the very
// statements the server ran for one vote. After every run the tallies the API reports must equal the
// vote rows, and the peer's tallies its rows. Then, on the same PostgreSQL, the live streams (bench/live.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { liveRuns } from './live.mjs';
import { ROOT } from './lib/paths.mjs';
import { fixed, ms, row } from './lib/stats.mjs';
import { cpuPer, cpuReading, postmasterOf } from './server/cpu.mjs';
import { captureVote, load, settledCount, tallySum } from './server/load.mjs';
import { runPgbench, runVoteTallyPeer } from './server/pgbench.mjs';
import { CONSULTATION, HTTP_PARTICIPANTS, PARTICIPANTS, probeValues } from './server/population.mjs';
import { startChild, startMain } from './server/processes.mjs';

export const name = 'server';
const CONNECTIONS = [16, 200];
const WARMUP_SECONDS = 2;
const SECONDS = 8;
const TARGETS = { share: 0.5, p99At16: 25, twoOverOne: 1.3, pglitep99: 1000 };
/** Participants the database-only runs draw from: never the HTTP load's. */
const DB_ONLY = { from: HTTP_PARTICIPANTS + 1, to: PARTICIPANTS };

/**
 * CPU ms per answered vote of each process of a run, their total, and the rate that total allows when the
 * server, the database and the load generator share this machine's cores (what the 2-process target meets).
 */
function cpuText(cpu) {
  const total = Object.values(cpu).reduce((sum, ms) => sum + ms, 0);
  return (
    `server ${fixed(cpu.server, 2)} ms, PostgreSQL ${cpu.postgres === undefined ? '-' : `${fixed(cpu.postgres, 2)} ms`}, ` +
    `load generator ${fixed(cpu.generator, 2)} ms: ${fixed(total, 2)} ms in all, at most ${fixed((cpus().length * 1000) / total, 0)} votes/s on ${cpus().length} cores`
  );
}

/**
 * Warm-up, measured run at `connections`, then the checks: tallies = vote rows, 2xx <= new rows <= sent.
 * Also the CPU time (from /proc) each process spent per answered vote during the measured run: on a busy
 * machine rates are noise, CPU per vote much less so. `postgres`: the postmaster's pid (PGlite: none).
 */
async function httpRun(server, connections, sequence, count, log, postgres) {
  const before = await count();
  const first = sequence.next;
  const warm = await load(server.url, { seconds: WARMUP_SECONDS, connections, sequence });
  const roots = { server: server.pid, postgres };
  const cpuBefore = cpuReading(roots);
  const measured = await load(server.url, { seconds: SECONDS, connections, sequence });
  const cpu = cpuPer(cpuBefore, cpuReading(roots), measured.ok);
  // Requests autocannon gave up on at the end may still be queued in the server: wait until it is idle.
  const rows = await settledCount(count);
  const tallies = await tallySum(server.url);
  const added = rows - before;
  const sent = sequence.next - first;
  const consistent = tallies === rows && warm.ok + measured.ok <= added && added <= sent;
  const other = Object.entries(measured.statuses)
    .filter(([status]) => status !== '200')
    .map(([status, { count: n }]) => `${n}×${status}`)
    .join(', ');
  log(
    `  ${server.kind}, ${connections} conn.: ${fixed(measured.rps, 0)} votes/s, p50 ${ms(measured.p50)}, p99 ${ms(measured.p99)} ` +
      `(${SECONDS} s: ${measured.ok} accepted, ${other || 'no other status'}, ${measured.errors} errors, ${measured.timeouts} timeouts); ` +
      `tallies ${tallies} = rows ${rows}: ${consistent ? 'yes' : 'NO'} (${added} new rows, ${warm.ok + measured.ok} answered 200, ${sent} sent); ` +
      `CPU per vote: ${cpuText(cpu)}; load average ${loadAverage()}`,
  );
  return { ...measured, consistent, connections, cpu };
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** Debian's PostgreSQL binaries, the newest version (the one server/test/postgres.ts starts). */
function postgresBin() {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pgbench')))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error(`no pgbench under ${root}/*/bin (Debian's postgresql package brings it)`);
  return join(root, versions[0], 'bin');
}

async function postgresRuns(log) {
  const { startPostgres } = await tsImport(pathToFileURL(join(ROOT, 'server/test/postgres.ts')).href, import.meta.url);
  const { default: pg } = await import('pg');
  const postgres = await startPostgres();
  const runs = { 1: [], 2: [] };
  const peers = [];
  let same;
  let live = [];
  try {
    const databaseUrl = await postgres.createDatabase('bench');
    // One process in the forked child first: it seeds the participants and records one vote's SQL.
    const probe = await startChild({ databaseUrl });
    let statements;
    try {
      statements = await captureVote(probe, 'bench-probe-key');
    } finally {
      await probe.close();
    }
    // A connection per statement: pgbench at 200 clients needs every connection PostgreSQL allows.
    const sql = async (text) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(text)).rows ?? [];
      } finally {
        await client.end();
      }
    };
    const count = async () => (await sql(`SELECT count(*)::int AS n FROM votes WHERE consultation_id = '${CONSULTATION}'`))[0].n;
    const sequence = { next: 1 }; // pair 0 (participant 1, proposal 1) was the probe's
    {
      for (const workers of [1, 2]) {
        const server = await startMain({ databaseUrl, workers });
        try {
          for (const connections of CONNECTIONS)
            runs[workers].push(await httpRun(server, connections, sequence, count, log, postmasterOf(postgres.port)));
        } finally {
          await server.close();
        }
      }
      // The servers (and their pools) are gone: pgbench has the 200 connections PostgreSQL allows.
      const common = { bin: postgresBin(), port: postgres.port, database: 'bench', seconds: SECONDS, ...DB_ONLY };
      for (const clients of CONNECTIONS) {
        const peer = await runVoteTallyPeer({ ...common, sql, clients });
        log(
          `  pgbench, vote + tally from RETURNING, ${clients} clients, ${SECONDS} s: ${fixed(peer.tps, 0)} tx/s, p50 ${ms(peer.p50)}, p99 ${ms(peer.p99)} ` +
            `(${peer.failed} failed; tallies ${peer.tallies} = rows ${peer.rows}: ${peer.consistent ? 'yes' : 'NO'})`,
        );
        peers.push({ ...peer, clients });
      }
      same = await runPgbench({ ...common, statements, probe: probeValues('bench-probe-key'), clients: 200 });
      log(
        `  pgbench, the server's own ${same.statements} statement(s) per vote, 200 clients, ${SECONDS} s: ${fixed(same.tps, 0)} tx/s, p50 ${ms(same.p50)}, p99 ${ms(same.p99)} (${same.failed} failed)`,
      );
      live = await liveRuns(postgres, log);
    }
  } finally {
    await postgres.stop();
  }
  return { runs, peers, same, live };
}

async function pgliteRuns(log) {
  const server = await startChild({});
  try {
    const statements = await captureVote(server, 'bench-probe-key');
    const sequence = { next: 1 };
    const runs = [];
    for (const connections of CONNECTIONS) runs.push(await httpRun(server, connections, sequence, () => server.call('count'), log));
    // 16 callers: PGlite runs one at a time anyway, and more would only be shed by its bounded queue.
    const same = await server.call('replay', {
      statements,
      probe: probeValues('bench-probe-key'),
      seconds: SECONDS,
      clients: 16,
      ...DB_ONLY,
    });
    log(
      `  PGlite, the server's own statements replayed in-process by 16 callers, ${SECONDS} s: ${fixed(same.tps, 0)} tx/s, p50 ${ms(same.p50)}, p99 ${ms(same.p99)} (${same.failed} failed)`,
    );
    return { runs, same };
  } finally {
    await server.close();
  }
}

const figures = (r) => `${fixed(r.rps, 0)}/s p50 ${ms(r.p50)} p99 ${ms(r.p99)}, ${r.refused} non-2xx, ${r.errors + r.timeouts} errors`;

export async function run(log) {
  const pg = await postgresRuns(log);
  const lite = await pgliteRuns(log);
  const rows = [];
  for (const workers of [1, 2]) {
    for (const r of pg.runs[workers]) {
      const peer = pg.peers.find((p) => p.clients === r.connections);
      const share = r.rps / peer.tps;
      const label = `server: PostgreSQL, ${workers} process${workers > 1 ? 'es' : ''}, ${r.connections} conn.`;
      rows.push(
        row(
          label,
          figures(r),
          `${fixed(peer.tps, 0)}/s pgbench vote+tally`,
          share,
          `>= ${TARGETS.share}`,
          r.connections === 200 ? share >= TARGETS.share && r.errors === 0 : undefined,
        ),
      );
      rows.push(row(`${label}: CPU per vote`, cpuText(r.cpu), '-', '-', undefined));
      if (r.connections === 16) rows.push(row(`${label}: p99`, ms(r.p99), '-', '-', `<= ${TARGETS.p99At16} ms`, r.p99 <= TARGETS.p99At16));
    }
  }
  for (const [i, connections] of CONNECTIONS.entries()) {
    const ratio = pg.runs[2][i].rps / pg.runs[1][i].rps;
    rows.push(
      row(
        `server: PostgreSQL, 2 processes / 1, ${connections} conn.`,
        `${fixed(pg.runs[2][i].rps, 0)}/s`,
        `${fixed(pg.runs[1][i].rps, 0)}/s`,
        ratio,
        `>= ${TARGETS.twoOverOne}`,
        connections === 200 ? ratio >= TARGETS.twoOverOne : undefined,
      ),
    );
  }
  rows.push(
    row(
      'server: PostgreSQL, same statements (info)',
      `${pg.same.statements} statement(s)/vote`,
      `${fixed(pg.same.tps, 0)}/s pgbench, 200 clients`,
      '-',
      undefined,
    ),
  );
  for (const r of lite.runs) {
    rows.push(
      row(
        `server: PGlite, 1 process, ${r.connections} conn.`,
        figures(r),
        `${fixed(lite.same.tps, 0)}/s same SQL in-process`,
        r.rps / lite.same.tps,
        r.connections === 200 ? `p99 <= ${TARGETS.pglitep99} ms` : undefined,
        r.connections === 200 ? r.p99 <= TARGETS.pglitep99 : undefined,
      ),
    );
    rows.push(row(`server: PGlite, ${r.connections} conn.: CPU per vote`, cpuText(r.cpu), '-', '-', undefined));
  }
  rows.push(...pg.live);
  const all = [...pg.runs[1], ...pg.runs[2], ...lite.runs];
  const consistent = all.every((r) => r.consistent) && pg.peers.every((p) => p.consistent);
  rows.push(
    row(
      'server: tallies = vote rows, every run and peer',
      consistent ? 'equal' : 'NOT EQUAL',
      `${all.length} runs, ${pg.peers.length} peers`,
      '-',
      'equal',
      consistent,
    ),
  );
  return rows;
}
