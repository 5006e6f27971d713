// The server under load, in processes of its own (autocannon's load must not share their event loop):
// `startChild` forks child.mjs (one process, in-memory PGlite or PostgreSQL, answering the parent's
// messages: capture, count, replay, close); `startMain` runs the real command line, server/main.ts,
// with `--workers N` on PostgreSQL (Node's cluster: N processes sharing one port).
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH, ROOT } from '../lib/paths.mjs';
import { BENCH_LIMITS, consultationFile } from './population.mjs';

/** The server in its own process; `call(command, args)` talks to it. */
export async function startChild(options) {
  const child = fork(join(BENCH, 'server/child.mjs'), [JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
  const call = (command, args) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ id, command, args });
    });
  return {
    url,
    kind,
    pid: child.pid,
    call,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => child.kill('SIGKILL'));
      await exited;
    },
  };
}

/**
 * `server/main.ts --workers N` on PostgreSQL; resolves once every worker listens. `env`: more variables (LIVE...);
 * `nodeArgs`: options for Node itself (`--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startMain({ databaseUrl, workers, env = {}, nodeArgs = [] }) {
  const configDir = mkdtempSync(join(tmpdir(), 'pgo-bench-main-'));
  const base = JSON.parse(readFileSync(join(ROOT, 'server/config/plan-action-2017.json'), 'utf8'));
  writeFileSync(join(configDir, 'bench.json'), JSON.stringify(consultationFile(base)));
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'server/main.ts', '--port', '0', '--config', configDir, '--workers', String(workers)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ADMIN_TOKEN: 'bench-admin-token-0123456789',
        LIMITS: JSON.stringify(BENCH_LIMITS),
        ...env,
      },
    },
  );
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output += d;
      const match = /pgo-widgets server: (http:\/\/[\d.:]+)\//.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server/main.ts exited (${code}):\n${output.slice(-2000)}`)));
  });
  return {
    url,
    /** The primary's pid (with --workers N, the workers are its children). */
    pid: child.pid,
    kind: workers > 1 ? `postgres, ${workers} processes` : 'postgres, 1 process',
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
