// Shared by the consumer and frameworks suites: the packed tarball (npm pack of the built package), a
// project that installs it as a front-end developer would, a static file server for built apps, and a
// check list that prints ✓/✗ lines and returns { passed, failed }.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ensureBuild } from '../../scripts/size.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
const NPM_QUIET = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

let tarball;
/** `npm pack` of the built package, once per process (the build is made first when missing). */
export function packTarball() {
  if (tarball) return tarball;
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'pgo-pack-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  tarball = join(dir, JSON.parse(out)[0].filename);
  return tarball;
}

/** A fresh project outside the repository with `files` written and the tarball installed with npm. */
export function tarballProject(files = {}, dependencies = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pgo-consumer-'));
  const pkg = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { 'pgo-widgets': `file:${packTarball()}`, ...dependencies },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  execFileSync('npm', ['install', ...NPM_QUIET], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

/** Runs a command; returns { ok, out } with stdout and stderr together (for the ✗ line). */
export function sh(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves `dir` on a free loopback port (index.html for folders; unknown paths fall back to it, as an SPA host would). */
export function serveStatic(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) file = join(dir, 'index.html');
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })),
  );
}

/** A check list: `await check(title, fn)` where fn throws (or returns a string) to fail. */
export function checklist() {
  const results = [];
  const check = async (title, fn) => {
    try {
      const problem = await fn();
      if (typeof problem === 'string' && problem) throw new Error(problem);
      results.push({ title, ok: true });
      console.log(`  ✓ ${title}`);
    } catch (error) {
      results.push({ title, ok: false });
      console.log(
        `  ✗ ${title}\n      ${String(error?.message ?? error)
          .slice(0, 1500)
          .replace(/\n/g, '\n      ')}`,
      );
    }
  };
  const counts = () => ({ passed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length });
  return { check, counts };
}

/** Every file under `dir`, relative paths. */
export function filesUnder(dir, base = dir) {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n), base) : [join(dir, n).slice(base.length + 1)],
  );
}
