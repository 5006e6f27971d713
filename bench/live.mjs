// Live streams (issue 23), part of `npm run bench -- server` (or alone: `node bench/live.mjs`): 1,000
// server-sent-event streams held on loopback by this process against server/main.ts on a private
// PostgreSQL, with one process and with two (--workers 2: the cluster shares the port, so the streams
// and the votes spread over both, and a vote taken by one process reaches the streams of the other
// through NOTIFY). Measured:
// - memory per stream: the server processes' resident memory (VmRSS, summed over the workers) with
//   1,000 streams open minus with 10 open, divided by the 990 added (includes garbage not yet collected);
// - for each of VOTES votes (a new participant supporting one proposal each time), the time from the
//   vote's answer (the bench received it) to the LAST stream receiving that tally, and to each stream;
//   p50 and p99 over the votes (p99 of 40 is about the slowest). Votes are a coalescing interval apart
//   (the hub reads a consultation's changes at most once a second): the figure is the notification,
//   one read and the fan-out, not the wait for the next interval, which adds up to 1 s when votes come
//   faster than once a second.
// Timings depend on the machine's load (printed); there is no pass/fail on them.
import http from 'node:http';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { ROOT } from './lib/paths.mjs';
import { fixed, kb, ms, quantile, row } from './lib/stats.mjs';
import { CONSULTATION } from './server/population.mjs';
import { startMain } from './server/processes.mjs';

export const STREAMS = 1000;
const WARM = 10;
const VOTES = 40;
const INTERVAL_MS = 1000; // the hub's default coalescing interval (server/live/hub.ts)
const PROPOSAL = 'bp1';
const VOTERS = 200;

const { SseParser } = await tsImport(pathToFileURL(join(ROOT, 'src/core/sse.ts')).href, import.meta.url);

/** Voters `blv<i>` with the tokens `bench-live-token-<i>` (the server keeps their SHA-256 in hex). */
const SEED_VOTERS = `
  INSERT INTO participants (id) SELECT 'blv' || i FROM generate_series(1, ${VOTERS}) i;
  INSERT INTO participant_tokens (token_hash, participant_id)
    SELECT encode(sha256(convert_to('bench-live-token-' || i, 'UTF8')), 'hex'), 'blv' || i FROM generate_series(1, ${VOTERS}) i;
`;

/** Resident memory of a process and of its children (the cluster's workers), in bytes. */
function rss(pid) {
  const own = (p) => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    // No children file: count the process alone.
  }
  return { total: own(pid) + children.reduce((sum, c) => sum + own(c), 0), processes: 1 + children.length };
}

/** One stream, read with node:http (no pool): resolves once the server says `ready`. */
function openStream(url, onTally) {
  return new Promise((resolve, reject) => {
    const stream = { total: 0, tallies: 0, ready: false, closed: false, done: 0, request: null };
    const request = http.get(
      `${url}/api/v1/consultations/${CONSULTATION}/live`,
      { agent: false, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`the stream answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        const parser = new SseParser();
        res.on('data', (text) => {
          const now = performance.now();
          parser.push(text, (message) => {
            if (message.event === 'ready' && !stream.ready) {
              stream.ready = true;
              resolve(stream);
            } else if (message.event === 'tally') {
              const data = JSON.parse(message.data);
              if (data.proposalId !== PROPOSAL) return;
              stream.total = data.tally.total;
              stream.tallies++;
              onTally(stream, now);
            }
          });
        });
        res.on('close', () => {
          stream.closed = true;
          if (!stream.ready) reject(new Error('the stream closed before ready'));
        });
      },
    );
    stream.request = request;
    request.on('error', reject);
  });
}

const settle = (msDelay) => new Promise((resolve) => setTimeout(resolve, msDelay));

/** 1,000 streams on `server`, then VOTES votes; the figures of one run. */
async function streamsRun(server, voterOffset, log) {
  let expected = 0;
  let arrivals = [];
  let allArrived = null;
  const onTally = (stream, now) => {
    if (stream.total >= expected && stream.done < expected) {
      stream.done = expected;
      arrivals.push(now);
      if (arrivals.length === STREAMS) allArrived?.();
    }
  };
  const streams = [];
  try {
    for (let i = 0; i < WARM; i++) streams.push(await openStream(server.url, onTally));
    await settle(2000);
    const before = rss(server.pid);
    const openStart = performance.now();
    while (streams.length < STREAMS) {
      const batch = Math.min(100, STREAMS - streams.length);
      streams.push(...(await Promise.all(Array.from({ length: batch }, () => openStream(server.url, onTally)))));
    }
    const openMs = performance.now() - openStart;
    await settle(2000);
    const after = rss(server.pid);
    const perStream = (after.total - before.total) / (STREAMS - WARM);
    log(
      `  ${server.kind}: ${STREAMS} streams open (${STREAMS - WARM} opened in ${ms(openMs)}); resident memory ${kb(before.total)} with ${WARM}, ` +
        `${kb(after.total)} with ${STREAMS} (${after.processes} process(es)): ${kb(perStream)} per stream; load average ${loadavg()[0].toFixed(1)}`,
    );

    const lastLatency = [];
    const each = [];
    let missed = 0;
    for (let v = 1; v <= VOTES; v++) {
      expected = v;
      arrivals = [];
      const arrived = new Promise((resolve) => (allArrived = resolve));
      const res = await fetch(`${server.url}/api/v1/consultations/${CONSULTATION}/proposals/${PROPOSAL}/vote`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer bench-live-token-${voterOffset + v}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-live-${voterOffset + v}`,
        },
        body: '{"choice":"support"}',
      });
      await res.arrayBuffer();
      const answered = performance.now();
      if (res.status !== 200) throw new Error(`vote ${v} answered ${res.status}`);
      // A safety net for a broken run, never the figure: 30 s.
      const timedOut = await Promise.race([arrived.then(() => false), settle(30_000).then(() => true)]);
      if (timedOut) missed += STREAMS - arrivals.length;
      if (arrivals.length) {
        lastLatency.push(Math.max(...arrivals) - answered);
        for (const t of arrivals) each.push(t - answered);
      }
      await settle(INTERVAL_MS);
    }
    const closed = streams.filter((s) => s.closed).length;
    const tallies = streams.map((s) => s.tallies);
    const result = {
      kind: server.kind,
      perStream,
      before: before.total,
      after: after.total,
      last50: quantile(lastLatency, 0.5),
      last99: quantile(lastLatency, 0.99),
      each50: quantile(each, 0.5),
      each99: quantile(each, 0.99),
      missed,
      closed,
      minTallies: Math.min(...tallies),
      maxTallies: Math.max(...tallies),
      load: loadavg()[0],
    };
    log(
      `  ${server.kind}: ${VOTES} votes, answer -> last of ${STREAMS} streams p50 ${ms(result.last50)}, p99 ${ms(result.last99)}; ` +
        `answer -> each stream p50 ${ms(result.each50)}, p99 ${ms(result.each99)}; ${missed} deliveries missed, ${closed} streams closed, ` +
        `tally messages per stream ${result.minTallies}-${result.maxTallies} (of ${VOTES} votes); load average ${result.load.toFixed(1)}`,
    );
    return result;
  } finally {
    for (const s of streams) s.request.destroy();
  }
}

/** Both runs on `postgres` (a started server/test/postgres.ts); resolves to the table's rows. */
export async function liveRuns(postgres, log) {
  const { default: pg } = await import('pg');
  const databaseUrl = await postgres.createDatabase('bench_live');
  const env = { LIVE: JSON.stringify({ streamsPerAddress: STREAMS * 2 }) };
  const results = [];
  for (const workers of [1, 2]) {
    const server = await startMain({ databaseUrl, workers, env });
    try {
      if (workers === 1) {
        // The first start ran the migrations: the voters now.
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(SEED_VOTERS).finally(() => client.end());
      }
      results.push(await streamsRun(server, (workers - 1) * VOTES, log));
    } finally {
      await server.close();
    }
  }
  const rows = [];
  for (const r of results) {
    const label = `live: ${STREAMS} streams, ${r.kind}`;
    rows.push(row(`${label}: memory per stream`, kb(r.perStream), `${kb(r.before)} -> ${kb(r.after)} RSS`, '-', undefined));
    rows.push(
      row(
        `${label}: vote answer -> last stream`,
        `p50 ${ms(r.last50)}, p99 ${ms(r.last99)}`,
        `each stream p50 ${ms(r.each50)} p99 ${ms(r.each99)}; load ${fixed(r.load, 1)}`,
        '-',
        undefined,
      ),
    );
    rows.push(
      row(
        `${label}: every stream got every tally`,
        r.missed || r.closed ? `${r.missed} missed, ${r.closed} closed` : 'yes',
        `${VOTES} votes`,
        '-',
        'none missed',
        r.missed === 0 && r.closed === 0,
      ),
    );
  }
  return rows;
}

export async function run(log) {
  const { startPostgres } = await tsImport(pathToFileURL(join(ROOT, 'server/test/postgres.ts')).href, import.meta.url);
  const postgres = await startPostgres();
  try {
    return await liveRuns(postgres, log);
  } finally {
    await postgres.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { table } = await import('./lib/stats.mjs');
  console.log(`live bench: load average ${loadavg()[0].toFixed(1)}`);
  console.log(table(await run((line) => console.log(line))));
}
