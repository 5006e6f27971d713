// `npm test`: type-check, then every suite — browser tests (Web Test Runner in Chromium), Node tests
// (server, scripts) and the extra suites in test/suites/ — and one closing line: `N passed, N failed`.
// `npm test -- --only browser,node` runs some suites; other arguments go to Web Test Runner.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChrome } from './browsers.mjs';

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args.splice(onlyIndex, 2)[1].split(',') : null;
const wanted = (name) => !only || only.includes(name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSuites = [];
// Each failure's name and first error line, printed again at the very end: CI keeps only a log's tail.
const failures = [];

function run(cmd, cmdArgs, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

function add(name, counts, code) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  // A suite that exits non-zero without a failed test still fails the run, as one failure.
  if (code !== 0 && counts.failed === 0) {
    totals.failed += 1;
    counts.failed = 1;
  }
  if (counts.failed) failedSuites.push(name);
  for (const failure of counts.failures ?? []) failures.push(`[${name}] ${failure}`);
  console.log(`\n[${name}] ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}\n`);
}

function filesUnder(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

if (!only) {
  console.log('pgo-widgets: type-checking…');
  const { code } = await run('node_modules/.bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
  if (code !== 0) {
    add('typecheck', { passed: 0, failed: 1 }, code);
  }
  console.log('pgo-widgets: linting…');
  const lint = await run('node_modules/.bin/eslint', ['.']);
  if (lint.code !== 0) add('lint', { passed: 0, failed: 1 }, lint.code);
  console.log('pgo-widgets: checking the format (npm run format fixes it)…');
  const format = await run('node_modules/.bin/prettier', ['--check', '--log-level', 'warn', '.']);
  if (format.code !== 0) add('format', { passed: 0, failed: 1 }, format.code);
}

if (wanted('browser')) {
  ensureChrome();
  // Some browser tests load the built CDN bundle, as a host page would.
  const build = await run('node', ['scripts/build.mjs']);
  if (build.code !== 0) add('build', { passed: 0, failed: 1 }, build.code);
  const countFile = join(mkdtempSync(join(tmpdir(), 'pgo-test-')), 'counts.json');
  const { code } = await run('node_modules/.bin/wtr', args, { PGO_COUNT_FILE: countFile });
  const counts = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 0 };
  add('browser', counts, code);
}

const nodeTests = [...filesUnder('server', /\.test\.ts$/), ...filesUnder('test/node', /\.test\.(ts|mjs)$/)];
if (wanted('node') && nodeTests.length) {
  const { code, out } = await run('node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...nodeTests]);
  const number = (label) => Number(out.match(new RegExp(`^[#ℹ] ${label} (\\d+)`, 'm'))?.[1] ?? 0);
  // `not ok` (TAP) or `✖` (spec) lines name the failed tests.
  const failedTests = [...new Set(out.match(/^\s*(?:not ok \d+ - |✖ ).*$/gm) ?? [])].map((line) => line.trim());
  add(
    'node',
    { passed: number('pass'), failed: number('fail'), skipped: number('skipped') + number('todo'), failures: failedTests.slice(0, 50) },
    code,
  );
}

// Extra suites: each module in test/suites/ exports `name` and `run()` -> { passed, failed, skipped? }.
for (const file of filesUnder('test/suites', /\.mjs$/).sort()) {
  const suite = await import(join(process.cwd(), file));
  if (!wanted(suite.name)) continue;
  try {
    add(suite.name, await suite.run(), 0);
  } catch (error) {
    console.error(error);
    add(suite.name, { passed: 0, failed: 1, failures: [String(error?.message ?? error).split('\n')[0]] }, 1);
  }
}

if (failures.length) console.log(`Failures:\n${failures.map((line) => `  ${line}`).join('\n')}`);
if (failedSuites.length) console.log(`Failed suites: ${failedSuites.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
