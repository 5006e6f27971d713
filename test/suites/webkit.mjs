// The element test suite (src/**/*.test.ts) in WebKit (Debian's WebKitWebDriver and MiniBrowser under Xvfb),
// inside `npm test` (issue 8: three engines). Alone: `npm run test:webkit`.
import { runEngine } from '../../scripts/test-engine.mjs';

export const name = 'webkit';

export async function run() {
  const { passed, failed, skipped, code } = await runEngine('webkit');
  // A run that ends badly without a failed test (the browser would not start) still fails, once.
  return { passed, failed: failed || (code ? 1 : 0), skipped };
}
