import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome, findFirefox } from './scripts/browsers.mjs';
import { webkitLauncher } from './scripts/webkit-launcher.mjs';
import { a11yTreePlugin } from './test/a11y-tree-plugin.mjs';
import { countReporter } from './test/count-reporter.mjs';
import { createFocusedPage, frontBeforeInput } from './test/focused-pages.mjs';
import { consoleProxyMiddleware, consoleServerPlugin } from './test/console-server.mjs';
import { decidimMiddleware } from './test/decidim/server.mjs';
import { referenceServerPlugin } from './test/reference-server.mjs';

/**
 * The engine the element tests run in: `PGO_BROWSER=chromium` (default), `firefox` (Debian's
 * firefox-esr through WebDriver BiDi with puppeteer-core) or `webkit` (Debian's WebKitWebDriver).
 * `npm run test:firefox` / `npm run test:webkit` set it.
 */
const engine = process.env.PGO_BROWSER ?? 'chromium';
const browsers = {
  chromium: () =>
    chromeLauncher({
      createPage: createFocusedPage,
      launchOptions: { executablePath: findChrome() ?? undefined, headless: true, args: CHROME_ARGS },
    }),
  firefox: () =>
    frontBeforeInput(
      chromeLauncher({
        puppeteer: puppeteerCore,
        createPage: createFocusedPage,
        // -remote-allow-system-access: the reader's default font size is a Firefox preference, set over BiDi
        // in the parent process (test/a11y-tree-plugin.mjs, pgo-default-font-size).
        // accessibility.enable_all_cache_domains: the parent process then holds every node's name and states, not
        // only what the BiDi locator asked for (pgo-a11y-states reads them there).
        launchOptions: {
          browser: 'firefox',
          executablePath: findFirefox() ?? undefined,
          headless: true,
          args: ['-remote-allow-system-access'],
          extraPrefsFirefox: { 'accessibility.enable_all_cache_domains': true },
        },
      }),
    ),
  webkit: () => webkitLauncher(),
};
if (!browsers[engine]) throw new Error(`PGO_BROWSER must be one of ${Object.keys(browsers).join(', ')}`);

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  // A local Decidim stand-in (GraphQL + OAuth) for the decidim backend's tests.
  // The organiser console's API on the page's own origin (test/console-server.mjs).
  middleware: [decidimMiddleware, consoleProxyMiddleware],
  // Firefox over BiDi sends keys to the focused window: keyboard tests need one page at a time.
  concurrency: engine === 'firefox' ? 1 : 2,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // Reference servers (server/) on in-memory PGlite, started by the rest backend's tests.
    referenceServerPlugin(),
    consoleServerPlugin(),
    // The engine's own accessibility tree (role, name) for `expectInTree()`.
    a11yTreePlugin(),
  ],
  browsers: [browsers[engine]()],
  // A test's bound, not its pace: waits inside it are bounded at 8 s (src/test-utils/wait.ts).
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 180000,
  reporters: [defaultReporter(), countReporter()],
};
