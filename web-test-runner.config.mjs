import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome } from './scripts/browsers.mjs';
import { countReporter } from './test/count-reporter.mjs';
import { referenceServerPlugin } from './test/reference-server.mjs';
import { decidimMiddleware } from './test/decidim/server.mjs';

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  // A local Decidim stand-in (GraphQL + OAuth) for the decidim backend's tests.
  middleware: [decidimMiddleware],
  concurrency: 2,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // Reference servers (server/) on in-memory PGlite, started by the rest backend's tests.
    referenceServerPlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome() ?? undefined, headless: true, args: CHROME_ARGS } })],
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
  reporters: [defaultReporter(), countReporter()],
};
