// The package as a front-end developer gets it (issue 17): the tarball (npm pack) installed with npm into
// fresh projects. Every entry imports harmlessly on a server (SSR); the types give every tag in
// HTMLElementTagNameMap and typed `pgo-*` events; custom-elements.json points at shipped dist/ files with
// typed events; the seeded demo backend survives Vite's and rollup's production builds and runs in Chromium.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
import { checklist, filesUnder, ROOT, serveStatic, sh, tarballProject } from '../consumer/kit.mjs';

export const name = 'consumer';

const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);

/** The importable specifiers of the installed package: the exports map expanded over the shipped files. */
function specifiers(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const files = filesUnder(pkgDir);
  return Object.entries(pkg.exports)
    .flatMap(([key, target]) => {
      const path = (typeof target === 'string' ? target : (target.default ?? '')).replace(/^\.\//, '');
      if (!path.endsWith('.js')) return [];
      if (!key.includes('*')) return [`pgo-widgets${key.slice(1)}`];
      const [head, tail] = path.split('*');
      return files
        .filter((f) => f.startsWith(head) && f.endsWith(tail) && !f.slice(head.length, -tail.length || undefined).includes('/'))
        .map((f) => `pgo-widgets${key.slice(1).replace('*', f.slice(head.length, f.length - tail.length))}`)
        .filter((spec) => !spec.includes('*'));
    })
    .filter((spec, i, all) => all.indexOf(spec) === i && !spec.endsWith('/*'));
}

const DEMO_PAGE = (script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>demo</title>
<script type="module" src="${script}"></script></head><body>
<pgo-consultation backend="memory" consultation="plan-action-2017"><pgo-proposal-list></pgo-proposal-list></pgo-consultation>
</body></html>\n`;

async function seededListRenders(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    const rendered = await page
      .waitForFunction(
        () => {
          const list = document.querySelector('pgo-proposal-list');
          return (list?.shadowRoot?.querySelectorAll('pgo-vote-button').length ?? 0) > 0;
        },
        null,
        { timeout: 10000 },
      )
      .then(
        () => true,
        () => false,
      );
    const text = await page.evaluate(
      () =>
        document.querySelector('pgo-proposal-list')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 200) ??
        'no <pgo-proposal-list> upgraded',
    );
    return rendered && !errors.length ? '' : `the seeded proposals did not render: ${text} ${errors.join(' | ')}`;
  } finally {
    await page.close();
  }
}

export async function run() {
  const { check, counts } = checklist();
  const dir = tarballProject({
    'index.html': DEMO_PAGE('./main.js'),
    'main.js': "import 'pgo-widgets/define';\nimport 'pgo-widgets/backends/demo.js';\n",
    'cdn.html': DEMO_PAGE('./cdn.js'),
    // The one-file bundle: `cdn/pgo-widgets.js` is the loader, which fetches chunks beside its own URL and
    // is meant to be served as is, not re-bundled.
    'cdn.js': "import 'pgo-widgets/cdn/pgo-memory-backend.js';\nimport 'pgo-widgets/cdn/pgo-widgets-all.js';\n",
    'vite.demo.mjs':
      "export default { logLevel: 'error', base: './', build: { outDir: 'vite-demo', rollupOptions: { input: 'index.html' } } };\n",
    'vite.cdn.mjs':
      "export default { logLevel: 'error', base: './', build: { outDir: 'vite-cdn', rollupOptions: { input: 'cdn.html' } } };\n",
    'rollup.config.mjs': `import nodeResolve from ${JSON.stringify(pathToFileURL(bin('@rollup/plugin-node-resolve', 'dist/es/index.js')).href)};
export default { input: 'main.js', plugins: [nodeResolve({ browser: true })], output: { dir: 'rollup-out', format: 'es' } };\n`,
  });
  const pkgDir = join(dir, 'node_modules/pgo-widgets');
  let browser;
  try {
    // Bug 5: a server (SSR, a test runner without DOM) imports every public module and every CDN file.
    // pgo-widgets/react needs its optional peers (react, @lit/react): the frameworks suite imports it in the React app.
    const entries = specifiers(pkgDir).filter((spec) => spec !== 'pgo-widgets/react');
    for (const spec of entries) {
      await check(`importing ${spec} on a server is harmless`, () => {
        // Lit's own Node build (the npm modules resolve it with the "node" condition) keeps its version
        // lists and installs its SSR registry (customElements, litServerRoot) so Lit SSR can render the
        // elements (and zod its global registry): their design, not ours. Nothing else may appear, and no DOM.
        const code = `const LIT_SSR = /Versions$|^litPropertyMetadata$|^litServerRoot$|^customElements$|^__zod_global/;
const before = new Set(Object.getOwnPropertyNames(globalThis));
await import(${JSON.stringify(spec)});
const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.has(k) && !LIT_SSR.test(k));
if (globalThis.HTMLElement || globalThis.document || added.length) { console.error('globals added: ' + added.join(', ')); process.exit(3); }`;
        const r = sh('node', ['--input-type=module', '-e', code], dir);
        return r.ok ? '' : r.out.split('\n').slice(0, 4).join('\n');
      });
    }

    // Bug 3: types a TypeScript project gets from the define modules.
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'dist/custom-elements.json'), 'utf8'));
    const declarations = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, module: m })));
    const elements = declarations.filter((d) => d.tagName);
    await check('every define type file declares something', () => {
      const empty = filesUnder(join(pkgDir, 'dist/define')).filter(
        (f) => f.endsWith('.d.ts') && /^\s*export \{\};?\s*$/.test(readFileSync(join(pkgDir, 'dist/define', f), 'utf8')),
      );
      return empty.length ? `empty: ${empty.join(', ')}` : '';
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        files: ['types.ts'],
      }),
    );
    writeFileSync(
      join(dir, 'types.ts'),
      `import 'pgo-widgets/define/vote-button.js';
import type {} from 'pgo-widgets/define';
import type { LitElement } from 'lit';
const button = document.createElement('pgo-vote-button');
const proposal: string = button.proposal;
button.addEventListener('pgo-voted', (event) => {
  const total: number | null = event.detail.tally.total;
  console.log(proposal, total);
});
const tags = ${JSON.stringify(elements.map((e) => e.tagName))} as const satisfies readonly (keyof HTMLElementTagNameMap)[];
const classes: { [K in (typeof tags)[number]]: HTMLElementTagNameMap[K] extends LitElement ? true : false } = {
${elements.map((e) => `  '${e.tagName}': true,`).join('\n')}
};
console.log(tags, classes);
`,
    );
    await check(`a strict TypeScript project gets HTMLElementTagNameMap for all ${elements.length} tags and typed pgo-* events`, () => {
      const r = sh('node', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'], dir);
      return r.ok ? '' : r.out.slice(0, 1500);
    });

    // Bug 4: custom-elements.json describes what ships.
    await check('custom-elements.json points at dist/ files the package ships', () => {
      const paths = manifest.modules.flatMap((m) => [m.path, ...(m.declarations ?? []).map((d) => d.superclass?.module).filter(Boolean)]);
      const wrong = paths.filter((p) => !p.replace(/^\//, '').startsWith('dist/') || !filesUnder(pkgDir).includes(p.replace(/^\//, '')));
      return wrong.length ? `not shipped: ${[...new Set(wrong)].slice(0, 6).join(', ')}` : '';
    });
    await check('every pgo-* event in custom-elements.json has its CustomEvent type', () => {
      const events = elements.flatMap((e) => (e.events ?? []).map((ev) => ({ tag: e.tagName, ...ev })));
      const untyped = events.filter((ev) => !/^CustomEvent<.+>$/.test(ev.type?.text ?? ''));
      return events.length < 10 || untyped.length
        ? `${events.length} events; untyped: ${untyped.map((ev) => `${ev.tag} ${ev.name}: ${ev.type?.text}`).join(', ')}`
        : '';
    });

    // Bug 2: the seeded demo backend in production builds.
    const vite = sh('node', [bin('vite', 'bin/vite.js'), 'build', '--config', 'vite.demo.mjs'], dir);
    const viteCdn = sh('node', [bin('vite', 'bin/vite.js'), 'build', '--config', 'vite.cdn.mjs'], dir);
    const rollup = sh('node', [bin('rollup', 'dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent'], dir);
    mkdirSync(join(dir, 'rollup-out'), { recursive: true });
    writeFileSync(join(dir, 'rollup-out/index.html'), DEMO_PAGE('./main.js'));
    browser = await chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS });
    const server = await serveStatic(dir);
    try {
      await check('Vite production build: pgo-widgets/define + pgo-widgets/backends/demo.js show the seeded proposals', async () =>
        vite.ok ? seededListRenders(browser, `${server.url}/vite-demo/index.html`) : vite.out,
      );
      await check(
        'Vite production build: the CDN files (pgo-memory-backend.js + pgo-widgets-all.js) show the seeded proposals',
        async () => (viteCdn.ok ? seededListRenders(browser, `${server.url}/vite-cdn/cdn.html`) : viteCdn.out),
      );
      await check('rollup production build: pgo-widgets/define + pgo-widgets/backends/demo.js show the seeded proposals', async () =>
        rollup.ok ? seededListRenders(browser, `${server.url}/rollup-out/index.html`) : rollup.out,
      );
    } finally {
      server.close();
    }
  } finally {
    await browser?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return counts();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = await run();
  console.log(`${c.passed} passed, ${c.failed} failed`);
  process.exit(c.failed ? 1 : 0);
}
