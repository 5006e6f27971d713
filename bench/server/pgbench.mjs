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
        defines.push(`c${defines.length}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`);
        return `:c${defines.length - 1}`;
      });
      lines.push(`${sql};`);
    }
  }
  return { script: `${lines.join('\n')}\n`, defines };
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1 << 24 }, (error, stdout, stderr) => (error ? reject(new Error(`${command} failed: ${stderr || error.message}`)) : resolve(stdout)));
  });
}

/** Runs pgbench (extended query protocol, like node-postgres) and reads its per-transaction log for p50/p99. */
export async function runPgbench({ bin, port, database, statements, probe, clients, seconds, from, to }) {
  const dir = mkdtempSync(join(tmpdir(), 'pgo-pgbench-'));
  try {
    const { script, defines } = pgbenchScript(statements, probe, { from, to });
    writeFileSync(join(dir, 'vote.sql'), script);
    const out = await run(join(bin, 'pgbench'), [
      '-n', '-M', 'extended', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', join(dir, 'vote.sql'),
      ...defines.flatMap((d) => ['-D', d]), '-l', `--log-prefix=${join(dir, 'log')}`,
      '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database,
    ]);
    const latencies = readdirSync(dir).filter((f) => f.startsWith('log')).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .filter(Boolean).map((line) => Number(line.split(' ')[2]) / 1000);
    const number = (pattern) => Number(pattern.exec(out)?.[1] ?? NaN);
    return {
      tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
      done: number(/number of transactions actually processed: (\d+)/),
      failed: number(/number of failed transactions: (\d+)/) || 0,
      p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), statements: statements.filter((s) => s.sql).length, script,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
