// The example apps (examples/*), each copied out of the repository with pgo-widgets as the packed tarball,
// installed with npm, built for production, type-checked (tsc / vue-tsc / svelte-check / ng build) and
// driven in Chromium (test/frameworks/drive.mjs). Prints each app's install and build time.
// PGO_FRAMEWORKS=html,react,vue,svelte,angular picks apps (default: all). Measured here (2 cores shared,
// npm cache warm): html 13 s; React, Vue, Svelte about 35 s install + 6-9 s build + 50-80 s type-check each;
// Angular 116 s install + 115 s build (its type-check), as much as the three others together. The whole suite
// takes about 12 minutes, well inside CI's 90: Angular stays in. PGO_FRAMEWORKS=html,react,vue,svelte skips it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
import { checklist, packTarball, ROOT, serveStatic, sh } from '../consumer/kit.mjs';
import { drive } from '../frameworks/drive.mjs';

export const name = 'frameworks';

const ALL = ['html', 'react', 'vue', 'svelte', 'angular'];
const NPM = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

function chosen() {
  const env = process.env.PGO_FRAMEWORKS;
  if (!env || env === 'all') return ALL;
  return env.split(',').filter((a) => ALL.includes(a));
}

const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/** Copies examples/<app> to a temporary folder, pointing its pgo-widgets dependency at the tarball. */
function copyApp(app, tarball) {
  const dir = mkdtempSync(join(tmpdir(), `pgo-example-${app}-`));
  cpSync(join(ROOT, 'examples', app), dir, { recursive: true, filter: (src) => !/node_modules|[/\\]dist(-ssr)?$/.test(src) });
  const pkgPath = join(dir, 'package.json');
  if (existsSync(pkgPath)) {
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    pkg.dependencies['pgo-widgets'] = `file:${tarball}`;
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
  }
  return dir;
}

/** Where each app's production build lands. */
const OUT = { html: '.', react: 'dist', vue: 'dist', svelte: 'dist', angular: 'dist/browser' };

export async function run() {
  const { check, counts } = checklist();
  const tarball = packTarball();
  const timings = [];
  let browser;
  try {
    browser = await chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS });
    for (const app of chosen()) {
      const dir = copyApp(app, tarball);
      try {
        let start = performance.now();
        if (app === 'html') {
          // No build: the page loads the CDN files of the installed package.
          writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'pgo-widgets': `file:${tarball}` } }));
          const install = sh('npm', ['install', ...NPM], dir);
          timings.push({ app, install: seconds(start), build: '-', check: '-' });
          await check(`html: npm install (the tarball, ${timings.at(-1).install})`, () => (install.ok ? '' : install.out.slice(-1500)));
          if (!install.ok) continue;
          cpSync(join(dir, 'node_modules/pgo-widgets'), join(dir, 'pgo-widgets'), { recursive: true });
        } else {
          const install = sh('npm', ['install', ...NPM], dir);
          const installTime = seconds(start);
          await check(`${app}: npm install (tarball + the framework, ${installTime})`, () => (install.ok ? '' : install.out.slice(-1500)));
          if (!install.ok) continue;
          start = performance.now();
          const build = sh('npm', ['run', 'build'], dir);
          const buildTime = seconds(start);
          await check(`${app}: production build (${buildTime})`, () => (build.ok ? '' : build.out.slice(-1500)));
          // Angular's `ng build` is its type-check (strict templates): no separate step.
          start = performance.now();
          const hasCheck = Boolean(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.check);
          const typecheck = hasCheck ? sh('npm', ['run', 'check'], dir) : build;
          const checkTime = hasCheck ? seconds(start) : 'in build';
          await check(
            `${app}: type-check with the generated types (${hasCheck ? `npm run check, ${checkTime}` : 'ng build, strict templates'})`,
            () => (typecheck.ok ? '' : typecheck.out.slice(-1500)),
          );
          timings.push({ app, install: installTime, build: buildTime, check: checkTime });
          if (app === 'react') {
            await check('react: importing pgo-widgets/react (the @lit/react wrappers) on a server is harmless', () => {
              const r = sh(
                'node',
                [
                  '--input-type=module',
                  '-e',
                  "const m = await import('pgo-widgets/react'); if (!m.PgoVoteButton || globalThis.document) process.exit(3);",
                ],
                dir,
              );
              return r.ok ? '' : r.out.slice(0, 800);
            });
          }
          if (!build.ok) continue;
        }
        const server = await serveStatic(join(dir, OUT[app]));
        try {
          await drive(browser, `${server.url}/index.html`, app, check);
          // React also renders the @lit/react wrappers on the server and hydrates them (examples/react/hydrate.html).
          if (app === 'react')
            await drive(browser, `${server.url}/hydrate.html`, 'react (server-rendered, hydrated, @lit/react wrappers)', check);
        } finally {
          server.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser?.close().catch(() => {});
  }
  console.table(timings);
  return counts();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await run();
  console.log(`${c.passed} passed, ${c.failed} failed`);
  process.exit(c.failed ? 1 : 0);
}
