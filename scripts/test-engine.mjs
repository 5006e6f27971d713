// `npm run test:firefox` / `npm run test:webkit`: the element test suite (src/**/*.test.ts) in another
// engine, installing Debian's browser first when it is missing. Also used by test/suites/<engine>.mjs.
// Other arguments go to Web Test Runner (`--files 'src/elements/vote-button/**/*.test.ts'`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureFirefox, ensureWebKit } from './browsers.mjs';
import { ensureBuild } from './size.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ENSURE = { firefox: ensureFirefox, webkit: ensureWebKit };

/** Runs the suite in `engine` (`env`: more environment for the run); resolves to { passed, failed, skipped, code }. */
export async function runEngine(engine, args = [], env = {}) {
  ENSURE[engine]();
  // Some tests load the built CDN bundle, as a host page would.
  ensureBuild();
  const countFile = join(mkdtempSync(join(tmpdir(), `pgo-${engine}-`)), 'counts.json');
  const code = await new Promise((done) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/wtr'), args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env, PGO_BROWSER: engine, PGO_COUNT_FILE: countFile },
    });
    child.on('close', done);
  });
  const counts = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
  return { ...counts, code };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [engine, ...args] = process.argv.slice(2);
  if (!ENSURE[engine]) {
    console.error('usage: node scripts/test-engine.mjs firefox|webkit [wtr arguments]');
    process.exit(2);
  }
  const { passed, failed, skipped, code } = await runEngine(engine, args);
  console.log(`${engine}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code || failed ? 1 : 0);
}
