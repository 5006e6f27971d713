/**
 * A private PostgreSQL for tests: Debian's binaries (installed with apt-get when missing and we are
 * root), `initdb` in a temp folder as the `postgres` user (root cannot run the server), `pg_ctl` on
 * 127.0.0.1 and a free port, and a stop by the postmaster's pid. Each call of `createDatabase` gives
 * a fresh database on it.
 */
import { execFile, execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  port: number;
  /** A new empty database; returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart -m fast` (every connection is cut), waiting until it accepts connections again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

function findOrInstall(): string {
  let bin = binDir();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql` as root');
  const quiet: ExecFileSyncOptions = { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], quiet);
  } catch {
    execFileSync('apt-get', ['update'], quiet);
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], quiet);
  }
  bin = binDir();
  if (!bin) throw new Error('apt-get installed postgresql but no initdb was found under /usr/lib/postgresql');
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findOrInstall();
  const asRoot = process.getuid?.() === 0;
  const home = mkdtempSync(join(tmpdir(), 'pgo-pg-'));
  const dataDir = join(home, 'data');
  let uid = 0;
  let gid = 0;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(home, uid, gid);
    chmodSync(home, 0o700);
  }
  // Root runs the binaries as the postgres user, with its uid and gid.
  const run = (cmd: string, args: string[]) =>
    execFileSync(join(bin, cmd), args, { stdio: 'pipe', ...(asRoot ? { uid, gid } : {}), env: { ...process.env, LC_ALL: 'C' } });
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      run('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        join(home, 'server.log'),
        '-w',
        '-t',
        '30',
        'start',
        '-o',
        `-p ${port} -k ${home} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      ]);
      break;
    } catch (error) {
      if (attempt >= 2) {
        const log = existsSync(join(home, 'server.log')) ? readFileSync(join(home, 'server.log'), 'utf8') : '';
        rmSync(home, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
      }
    }
  }
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let pid = postmasterPid();
  const { default: pg } = await import('pg');
  const base = `postgres://postgres@127.0.0.1:${port}`;
  return {
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    async restart() {
      // Asynchronous, so a server in this process keeps answering (and failing cleanly) meanwhile.
      await new Promise<void>((resolve, reject) => {
        execFile(
          join(bin, 'pg_ctl'),
          ['-D', dataDir, '-l', join(home, 'server.log'), '-w', '-t', '30', '-m', 'fast', 'restart'],
          { ...(asRoot ? { uid, gid } : {}), env: { ...process.env, LC_ALL: 'C' } },
          (error) => (error ? reject(error) : resolve()),
        );
      });
      pid = postmasterPid();
    },
    async stop() {
      try {
        process.kill(pid, 'SIGINT'); // "fast" shutdown
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
