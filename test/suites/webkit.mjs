// The element test suite (src/**/*.test.ts) in WebKit (Debian's WebKitWebDriver and MiniBrowser under Xvfb),
// inside `npm test` (issue 8: three engines). Alone: `npm run test:webkit`.
import { runEngine } from '../../scripts/test-engine.mjs';

export const name = 'webkit';

export async function run() {
  // PGO_ENGINES=firefox (or =none) picks which extra engines npm test runs; both by default.
  if (!(process.env.PGO_ENGINES ?? 'firefox,webkit').split(',').includes('webkit')) return { passed: 0, failed: 0, skipped: 1 };
  const all = await runEngine('webkit');
  // WebKitGTK takes the reader's default font size only at start: the text size and spacing files again, in a
  // MiniBrowser started at 24 px (issue #18; the other engines change it during the run).
  const raised = await runEngine('webkit', ['--files', 'src/styles/text-size.test.ts', 'src/styles/text-spacing.test.ts'], {
    PGO_DEFAULT_FONT_SIZE: '24',
  });
  // A run that ends badly without a failed test (the browser would not start) still fails, once.
  const failed = (run) => run.failed || (run.code ? 1 : 0);
  return {
    passed: all.passed + raised.passed,
    failed: failed(all) + failed(raised),
    skipped: all.skipped + raised.skipped,
    failures: [...(all.failures ?? []), ...(raised.failures ?? [])],
  };
}
