// pgbench running the SQL the server ran for one vote (captured from the server's own database calls,
// not rewritten by hand): the statements outside the transaction, then BEGIN ... COMMIT, with the
// participant, proposal, token hash, idempotency scope and key drawn at random for each transaction
// and every other value as the probe had it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile } from '../lib/stats.mjs';
import { PROPOSALS } from './population.mjs';

/** A parameter as node-postgres sends it: an array as a PostgreSQL array literal, an object as JSON. */
function constant(value) {
  if (Array.isArray(value)) return `{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The pgbench script and its `-D` constants. Never a colon before a name in our text: pgbench would read a variable. */
export function pgbenchScript(statements, probe, { from, to }) {
  const expressions = {
    [probe.participant]: `('bpt' || :p)`,
    [probe.proposal]: `('bp' || :q)`,
    [probe.token]: `encode(sha256(convert_to('bench-token-' || :p, 'UTF8')), 'hex')`,
    [probe.scope]: `('p' || chr(58) || 'bpt' || :p)`,
    [probe.key]: `('pgbench-' || :client_id || '-' || :k)`,
  };
  const defines = [];
  const lines = [`\\set p random(${from}, ${to})`, `\\set q random(1, ${PROPOSALS})`, '\\set k random(1, 2000000000)'];
  for (const statement of statements) {
    if (statement.tx === 'begin') lines.push('BEGIN;');
    else if (statement.tx === 'commit') lines.push('COMMIT;');
    else {
      const sql = statement.sql.trim().replace(/\$(\d+)/g, (_, n) => {
        const value = statement.params[Number(n) - 1];
        if (typeof value === 'string' && value in expressions) return expressions[value];
        if (value === null || value === undefined) return 'NULL';
        defines.push(`c${defines.length}=${constant(value)}`);
        return `:c${defines.length - 1}`;
      });
      lines.push(`${sql};`);
    }
  }
  return { script: `${lines.join('\n')}\n`, defines };
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/** Runs pgbench (extended query protocol, like node-postgres) on `script` and reads its per-transaction log for p50/p99. */
async function pgbench({ bin, port, database, script, defines = [], clients, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'pgo-pgbench-'));
  try {
    writeFileSync(join(dir, 'bench.sql'), script);
    const out = await run(join(bin, 'pgbench'), [
      '-n',
      '-M',
      'extended',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      join(dir, 'bench.sql'),
      ...defines.flatMap((d) => ['-D', d]),
      '-l',
      `--log-prefix=${join(dir, 'log')}`,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      database,
    ]);
    const latencies = readdirSync(dir)
      .filter((f) => f.startsWith('log'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .filter(Boolean)
      .map((line) => Number(line.split(' ')[2]) / 1000);
    const number = (pattern) => Number(pattern.exec(out)?.[1] ?? NaN);
    return {
      tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
      done: number(/number of transactions actually processed: (\d+)/),
      failed: number(/number of failed transactions: (\d+)/) || 0,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pgbench replaying the server's own statements for one vote (information: what the design costs). */
export async function runPgbench({ statements, probe, from, to, ...options }) {
  const { script, defines } = pgbenchScript(statements, probe, { from, to });
  return { ...(await pgbench({ ...options, script, defines })), statements: statements.filter((s) => s.sql).length, script };
}

/**
 * The database's own limit for a vote and its tally: INSERT the vote (primary key participant +
 * proposal, ON CONFLICT DO NOTHING), then UPDATE the tally from the INSERT's RETURNING, one
 * transaction. On tables of its own (no trigger, no foreign key of the server's schema), created here;
 * afterwards the tallies must equal the rows. `sql(text)` runs a statement on the same database.
 */
export async function runVoteTallyPeer({ sql, from, to, ...options }) {
  await sql(`CREATE TABLE IF NOT EXISTS peer_votes (participant_id text, proposal_id text, choice text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (participant_id, proposal_id));
    CREATE TABLE IF NOT EXISTS peer_tallies (proposal_id text, choice text, n integer NOT NULL DEFAULT 0, PRIMARY KEY (proposal_id, choice));
    INSERT INTO peer_tallies (proposal_id, choice) SELECT 'bp' || i, 'support' FROM generate_series(1, ${PROPOSALS}) i ON CONFLICT DO NOTHING`);
  const script = [
    `\\set p random(${from}, ${to})`,
    `\\set q random(1, ${PROPOSALS})`,
    'BEGIN;',
    "WITH v AS (INSERT INTO peer_votes (participant_id, proposal_id, choice) VALUES ('bpt' || :p, 'bp' || :q, 'support') ON CONFLICT DO NOTHING RETURNING proposal_id, choice)",
    '  UPDATE peer_tallies t SET n = t.n + 1 FROM v WHERE t.proposal_id = v.proposal_id AND t.choice = v.choice;',
    'COMMIT;',
    '',
  ].join('\n');
  const result = await pgbench({ ...options, script });
  const [{ rows, tallies }] = await sql(
    'SELECT (SELECT count(*) FROM peer_votes)::int AS rows, (SELECT coalesce(sum(n), 0) FROM peer_tallies)::int AS tallies',
  );
  return { ...result, rows, tallies, consistent: rows === tallies };
}
