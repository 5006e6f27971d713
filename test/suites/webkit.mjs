// The element test suite (src/**/*.test.ts) in WebKit (Debian's WebKitWebDriver and MiniBrowser under Xvfb),
// inside `npm test` (issue 8: three engines). Alone: `npm run test:webkit`.
import { runEngine } from '../../scripts/test-engine.mjs';

export const name = 'webkit';

export async function run() {
  // PGO_ENGINES=firefox (or =none) picks which extra engines npm test runs; both by default.
  if (!(process.env.PGO_ENGINES ?? 'firefox,webkit').split(',').includes('webkit')) return { passed: 0, failed: 0, skipped: 1 };
  const { passed, failed, skipped, code, failures } = await runEngine('webkit');
  // A run that ends badly without a failed test (the browser would not start) still fails, once.
  return { passed, failed: failed || (code ? 1 : 0), skipped, failures };
}
