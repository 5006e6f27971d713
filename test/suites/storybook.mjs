// Acceptance check for Storybook (issue 7): builds it offline, serves storybook-static/ on loopback,
// opens every story in headless Chromium and fails a story that does not render, logs an error or
// has an axe violation (WCAG 2.x A/AA); then checks that each element's docs page lists its
// attributes, events, slots, parts and custom properties from custom-elements.json, and that every
// MDX docs page renders. One pass/fail per story and per docs page.
// `PGO_STORYBOOK_PREBUILT=1` checks the existing storybook-static/ without rebuilding; `PGO_VERBOSE=1`
// lists passes too.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';

export const name = 'storybook';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'storybook-static');
const PARALLEL = 2;
const RENDER_TIMEOUT = 30_000;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain',
};

function exec(cmd, args) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out }));
  });
}

/** custom-elements.json, then `storybook build` (offline); throws with the tool's output on failure. */
async function build() {
  for (const [cmd, args] of [
    ['node_modules/.bin/cem', ['analyze', '--quiet']],
    ['node_modules/.bin/storybook', ['build', '--quiet', '-o', 'storybook-static']],
  ]) {
    const { code, out } = await exec(join(ROOT, cmd), args);
    if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${out.slice(-4000)}`);
  }
}

function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // Chromium asks every new page for /favicon.ico; Storybook ships favicon.svg.
    let file = join(dir, path === '/favicon.ico' ? 'favicon.svg' : path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** In the page: every element below the story root, through shadow roots. */
const DEEP_ELEMENTS = `(root) => {
  const all = [];
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return all;
}`;

/** Waits until Storybook has finished story `id` (render, play, afterEach) and reports its phase. */
async function storyFinished(page, id) {
  await page.waitForFunction(
    (storyId) => {
      const render = window.__STORYBOOK_PREVIEW__?.currentRender;
      return render?.id === storyId && ['finished', 'aborted', 'errored'].includes(render.phase);
    },
    id,
    { timeout: RENDER_TIMEOUT },
  );
  return page.evaluate(() => ({
    phase: window.__STORYBOOK_PREVIEW__.currentRender.phase,
    error: document.body.classList.contains('sb-show-errordisplay')
      ? document.querySelector('#error-message, .sb-errordisplay')?.textContent?.trim().slice(0, 300)
      : null,
  }));
}

/**
 * Shows a story: the first one loads iframe.html, later ones are switched to through Storybook's
 * channel (as Storybook's own test runner does), which saves reloading the preview each time.
 */
async function openStory(page, base, id) {
  const loaded = await page
    .evaluate(() => Boolean(window.__STORYBOOK_ADDONS_CHANNEL__ && window.__STORYBOOK_PREVIEW__?.currentRender?.viewMode === 'story'))
    .catch(() => false);
  if (loaded) {
    await page.evaluate((storyId) => {
      window.__pgoStory = { pending: 0 };
      window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
    }, id);
  } else {
    // a11y.manual: the a11y addon does not run its own axe pass after each story; this check runs axe.
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true`, { waitUntil: 'load' });
  }
  return storyFinished(page, id);
}

async function checkStory(page, base, entry, axeSource) {
  const problems = [];
  const { phase, error } = await openStory(page, base, entry.id);
  if (error || phase !== 'finished') problems.push(`Storybook ended in phase "${phase}"${error ? `: ${error}` : ''}`);
  const pending = entry.tags?.includes('pgo-pending');
  // Settled: no backend call running (unless the story stays loading on purpose), every Lit update done.
  await page
    .waitForFunction(
      `(async () => {
    if (${!pending} && (window.__pgoStory?.pending ?? 0) > 0) return false;
    const all = (${DEEP_ELEMENTS})(document.getElementById('storybook-root'));
    const updates = await Promise.all(all.map((el) => el.updateComplete ?? true));
    return updates.every((done) => done !== false);
  })()`,
      null,
      { timeout: RENDER_TIMEOUT, polling: 50 },
    )
    .catch(() => problems.push('did not settle (backend calls or Lit updates still running)'));
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  const rendered = await page.evaluate(`(${DEEP_ELEMENTS})(document.getElementById('storybook-root'))
    .some((el) => el.shadowRoot && (el.shadowRoot.textContent.trim() || el.shadowRoot.querySelector(':not(style):not(slot)')))`);
  if (!rendered) problems.push('nothing rendered: no element with a shadow root holding content');
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function' && window.__pgoAxe))) {
    await page.addScriptTag({ content: `${axeSource}\nwindow.__pgoAxe = true;` });
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document.getElementById('storybook-root'), {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  }, AXE_TAGS);
  problems.push(...violations.map((v) => `axe: ${v}`));
  return problems;
}

/** Names the docs page of `tag` must show, from custom-elements.json. */
function expectedNames(manifest, tag) {
  const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  if (!declaration) return null;
  const names = (items) => (items ?? []).map((i) => i.name || '(default)');
  return {
    attributes: names(declaration.attributes),
    events: names(declaration.events),
    slots: names(declaration.slots),
    parts: names(declaration.cssParts),
    'custom properties': names(declaration.cssProperties),
  };
}

async function checkComponentDocs(page, base, entry, manifest) {
  const tag = `pgo-${entry.importPath.match(/([^/]+)\.stories\.ts$/)?.[1]}`;
  const expected = expectedNames(manifest, tag);
  if (!expected) return [`no declaration with tagName ${tag} in custom-elements.json`];
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=docs`, { waitUntil: 'load' });
  await page.waitForSelector('.docblock-argstable tbody tr', { timeout: RENDER_TIMEOUT });
  // The name cell of each row (a required arg carries a trailing *).
  const cells = new Set(
    await page.$$eval('.docblock-argstable tbody tr td:first-child', (tds) => tds.map((td) => td.textContent.trim().replace(/\*$/, ''))),
  );
  const problems = [];
  for (const [kind, list] of Object.entries(expected)) {
    const missing = list.filter((n) => !cells.has(n));
    if (missing.length) problems.push(`docs of <${tag}> miss ${kind}: ${missing.join(', ')}`);
  }
  return problems;
}

async function checkMdxDocs(page, base, entry, manifest) {
  await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=docs`, { waitUntil: 'load' });
  const content = `(document.querySelector('#storybook-docs .sbdocs-content')?.textContent ?? '').trim()`;
  await page.waitForFunction(`${content}.length > 200`, null, { timeout: RENDER_TIMEOUT }).catch(() => {});
  const text = await page.evaluate(content);
  if (text.length <= 200) return ['the docs page rendered no content'];
  if (!entry.id.includes('theming')) return [];
  // The theming page is generated from custom-elements.json: every custom property and part is on it.
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  const missing = declarations.flatMap((d) => [
    ...(d.cssProperties ?? []).map((p) => p.name).filter((name) => !text.includes(name)),
    ...(d.cssParts ?? [])
      .map((p) => `::part(${p.name})`)
      .filter((name) => !text.includes(name))
      .map((name) => `${d.tagName} ${name}`),
  ]);
  return missing.length ? [`the theming page misses: ${[...new Set(missing)].join(', ')}`] : [];
}

/** Every element of custom-elements.json has its stories file (stories/<name>.stories.ts) and docs page. */
function checkElementHasStories(entries, tag) {
  const importPath = `./stories/${tag.replace(/^pgo-/, '')}.stories.ts`;
  const stories = entries.filter((e) => e.importPath === importPath && e.type === 'story');
  const docs = entries.some((e) => e.importPath === importPath && e.type === 'docs');
  return stories.length && docs ? [] : [`<${tag}> has no stories (${importPath}) or no docs page`];
}

export async function run() {
  const started = Date.now();
  if (!process.env.PGO_STORYBOOK_PREBUILT) await build();
  const built = Date.now();
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const server = await serve(OUT);
  const base = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS });
  const counts = { passed: 0, failed: 0 };
  try {
    const index = await (await fetch(`${base}/index.json`)).json();
    const entries = Object.values(index.entries);
    const jobs = [
      ...entries
        .filter((e) => e.type === 'story')
        .map((e) => ({ label: `story ${e.id}`, check: (page) => checkStory(page, base, e, axeSource) })),
      ...entries
        .filter((e) => e.type === 'docs' && e.importPath.endsWith('.stories.ts'))
        .map((e) => ({ label: `docs ${e.id}`, check: (page) => checkComponentDocs(page, base, e, manifest) })),
      ...entries
        .filter((e) => e.type === 'docs' && e.importPath.endsWith('.mdx'))
        .map((e) => ({ label: `docs ${e.id}`, check: (page) => checkMdxDocs(page, base, e, manifest) })),
      ...manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .filter((d) => d.tagName)
        .map((d) => ({ label: `stories for <${d.tagName}>`, check: async () => checkElementHasStories(entries, d.tagName) })),
    ];
    if (!jobs.some((j) => j.label.startsWith('story '))) throw new Error('index.json lists no story');
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const worker = async () => {
      const page = await context.newPage();
      let logged = [];
      page.on(
        'console',
        (msg) =>
          msg.type() === 'error' && logged.push(`console error: ${msg.text()}${msg.location()?.url ? ` (${msg.location().url})` : ''}`),
      );
      page.on('pageerror', (err) => logged.push(`page error: ${err.message}`));
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        logged = [];
        let problems;
        try {
          problems = await job.check(page);
        } catch (error) {
          problems = [String(error.message ?? error).split('\n')[0]];
        }
        problems.push(...logged);
        if (problems.length) {
          counts.failed++;
          const line = (p) => `      ${p.replace(/\s+/g, ' ').slice(0, 400)}`;
          console.log(`  ✗ ${job.label}\n${problems.map(line).join('\n')}`);
        } else {
          counts.passed++;
          if (process.env.PGO_VERBOSE) console.log(`  ✓ ${job.label}`);
        }
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`storybook: built in ${((built - started) / 1000).toFixed(1)} s, checked in ${((Date.now() - built) / 1000).toFixed(1)} s`);
  return counts;
}
