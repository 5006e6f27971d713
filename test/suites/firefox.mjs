// The element test suite (src/**/*.test.ts) in Firefox (Debian's firefox-esr, WebDriver BiDi through puppeteer-core),
// inside `npm test` (issue 8: three engines). Alone: `npm run test:firefox`.
import { runEngine } from '../../scripts/test-engine.mjs';

export const name = 'firefox';

export async function run() {
  // PGO_ENGINES=firefox (or =none) picks which extra engines npm test runs; both by default.
  if (!(process.env.PGO_ENGINES ?? 'firefox,webkit').split(',').includes('firefox')) return { passed: 0, failed: 0, skipped: 1 };
  const { passed, failed, skipped, code, failures } = await runEngine('firefox');
  // A run that ends badly without a failed test (the browser would not start) still fails, once.
  return { passed, failed: failed || (code ? 1 : 0), skipped, failures };
}
