// The reference server as a child process (`node --import tsx server/main.ts`) on a file-backed PGlite
// folder, so a test can SIGKILL it and start it again on the same data; and a TCP proxy in front of it
// that can kill it at a chosen moment of one request (on arrival, mid-request, after the answer).
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { ADMIN_TOKEN, ROOT } from './harness.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `server/main.ts`; resolves once it listens. `kill()` is SIGKILL, no goodbye. `env`: more
 * variables (DATABASE_URL, WORKERS, LIMITS...).
 */
export function startChild({ port, dataDir, configDir, staticDirs = {}, env = {} }) {
  const args = [
    '--import',
    'tsx',
    'server/main.ts',
    '--port',
    String(port),
    '--config',
    configDir,
    '--quiet',
    ...(dataDir ? ['--data', dataDir] : []),
    ...Object.entries(staticDirs).flatMap(([prefix, dir]) => ['--static', `${prefix}=${dir}`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('pgo-widgets server:')) resolve();
    });
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${output.slice(-2000)}`)),
    );
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    ready,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * A TCP proxy to `127.0.0.1:target()`. `arm(pattern, moment, onKill)`: for the next request whose head
 * matches `pattern`, calls `onKill()` (which kills the server) at `moment`:
 * - 'arrival': as soon as its head reaches the proxy, before any of it goes on;
 * - 'mid-request': right after its last byte was passed on (the server has it, or is reading it);
 * - 'after-answer': once the server's answer reached the proxy; the answer is dropped, the browser's
 *   connection reset (the write happened, its answer was lost).
 */
export async function startProxy(target) {
  let armed = null;
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    const upstream = connect({ host: '127.0.0.1', port: target() });
    sockets.add(upstream);
    let pending = Buffer.alloc(0);
    let watching = null; // { need: bytes still to pass on before 'mid-request' fires }
    let dropAnswer = false;
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    upstream.on('data', (d) => {
      if (dropAnswer) {
        const fire = armed;
        armed = null;
        dropAnswer = false;
        fire?.onKill().then(() => client.resetAndDestroy?.() ?? client.destroy());
        return;
      }
      client.write(d);
    });
    client.on('data', (d) => {
      if (armed && !watching) {
        pending = Buffer.concat([pending, d]);
        const text = pending.toString('latin1');
        const headEnd = text.indexOf('\r\n\r\n');
        if (headEnd < 0) return; // The whole head first.
        const head = text.slice(0, headEnd);
        if (armed.pattern.test(head.split('\r\n')[0])) {
          if (armed.moment === 'arrival') {
            const fire = armed;
            armed = null;
            fire.onKill().then(() => client.resetAndDestroy?.() ?? client.destroy());
            return;
          }
          const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
          watching = { need: headEnd + 4 + length };
          if (armed.moment === 'after-answer') dropAnswer = true;
        }
        d = pending;
        pending = Buffer.alloc(0);
      }
      upstream.write(d);
      if (watching && armed?.moment === 'mid-request') {
        watching.need -= d.length;
        if (watching.need <= 0) {
          const fire = armed;
          armed = null;
          fire.onKill().then(() => client.resetAndDestroy?.() ?? client.destroy());
        }
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    arm(pattern, moment, onKill) {
      armed = { pattern, moment, onKill };
    },
    get armed() {
      return !!armed;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export const DIST = join(ROOT, 'dist');
