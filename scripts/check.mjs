// `npm run check`: what a developer runs before each commit, in under three minutes. Type-check, lint, format check,
// the element tests in Chromium and the Node tests, side by side; one line per step with its time,
// then the verdict. `npm test` stays the whole suite (three engines, PostgreSQL, build, every extra suite).
// Left to `npm test`: the CDN bundle test (needs a build), the server tests on PostgreSQL (server tests
// run on PGlite here), Firefox and WebKit.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureChrome } from './browsers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const CACHE = join(ROOT, 'node_modules/.cache/pgo-check');

function filesUnder(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** Runs one step, its output kept until it ends (printed only if it failed). */
function step(name, cmd, args, env = {}) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ name, code, out, seconds: (Date.now() - started) / 1000 }));
  });
}

ensureChrome();
const started = Date.now();
const countFile = join(mkdtempSync(join(tmpdir(), 'pgo-check-')), 'counts.json');
const elementTests = ['src/**/*.test.ts', '!src/cdn-bundle.test.ts'];
const nodeTests = [
  ...filesUnder('server', /\.test\.ts$/).filter((f) => !f.includes('.postgres.')),
  ...filesUnder('test/node', /\.test\.(ts|mjs)$/),
];

const results = await Promise.all([
  step('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', join(CACHE, 'tsbuildinfo')]),
  step('lint', bin('eslint'), ['.', '--cache', '--cache-location', join(CACHE, 'eslint')]),
  step('format', bin('prettier'), ['--check', '--log-level', 'warn', '--cache', '--cache-location', join(CACHE, 'prettier'), '.']),
  step('element tests (Chromium)', bin('wtr'), ['--files', ...elementTests], { PGO_COUNT_FILE: countFile }),
  step('node tests (PGlite)', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...nodeTests]),
]);

let failed = false;
for (const result of results) {
  let detail = '';
  if (result.name.startsWith('element') && existsSync(countFile)) {
    const counts = JSON.parse(readFileSync(countFile, 'utf8'));
    detail = ` (${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''})`;
  } else if (result.name.startsWith('node')) {
    const number = (label) => result.out.match(new RegExp(`^[#ℹ] ${label} (\\d+)`, 'm'))?.[1] ?? '?';
    detail = ` (${number('pass')} passed, ${number('fail')} failed)`;
  }
  if (result.code !== 0) {
    failed = true;
    console.log(`\n--- ${result.name} ---\n${result.out.trim()}\n`);
  }
  console.log(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${result.name.padEnd(26)} ${result.seconds.toFixed(0).padStart(4)} s${detail}`);
}
console.log(`pgo-widgets check: ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
