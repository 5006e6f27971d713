// The element test suite (src/**/*.test.ts) in Firefox (Debian's firefox-esr, WebDriver BiDi through puppeteer-core),
// inside `npm test` (issue 8: three engines). Alone: `npm run test:firefox`.
import { runEngine } from '../../scripts/test-engine.mjs';

export const name = 'firefox';

export async function run() {
  const { passed, failed, skipped, code } = await runEngine('firefox');
  // A run that ends badly without a failed test (the browser would not start) still fails, once.
  return { passed, failed: failed || (code ? 1 : 0), skipped };
}
