// `node bench/coverage.mjs [tag]` (after a build): which of a page's bytes run. Loads a page of one element through
// the loader (dist/cdn, the page's real chunks; data from the memory backend's script) in Chromium with V8's precise
// block coverage, waits until the element has rendered its data and the page is idle, and prints per chunk and per
// source module the minified bytes that ran and never ran, and the page's min+gzip with the never-run bytes cut out:
// the most any split of "code this page does not use" could save it (a bound, not a build: cut code would still
// need its imports, and a split adds requests).
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { bundle } from './lib/build.mjs';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';
import { benchPage } from './lib/pages.mjs';
import { OUT, ROOT } from './lib/paths.mjs';

const tag = process.argv[2] ?? 'pgo-phase-countdown';
const CDN = join(ROOT, 'dist/cdn');
const READY = {
  'pgo-phase-countdown': `document.querySelector('pgo-phase-countdown')?.shadowRoot?.querySelector('[part~="remaining"], [part~="heading"]')`,
  'pgo-vote-button': `/\\d/.test(document.querySelector('pgo-vote-button')?.shadowRoot?.querySelector('[part~="count"]')?.textContent ?? '')`,
  'pgo-proposal-form': `document.querySelector('pgo-proposal-form')?.shadowRoot?.querySelector('form')`,
};
const ATTRIBUTES = { 'pgo-vote-button': ' proposal="p0"' };

await bundle('src/cdn/pgo-memory-backend.ts', 'pgo-memory-backend');
cpSync(CDN, join(OUT, 'cdn'), { recursive: true });
const page = benchPage({
  before: ['/out/pgo-memory-backend.js'],
  scripts: ['/out/cdn/pgo-widgets.js'],
  body: `<${tag} backend="memory" consultation="plan-action-2017"${ATTRIBUTES[tag] ?? ''}></${tag}>`,
  ready: READY[tag] ?? `document.querySelector('${tag}')?.shadowRoot?.childElementCount`,
});
const server = await startStaticServer(new Map([['coverage', page]]));
const browser = await launchChromium();
let scripts;
try {
  const tab = await throttledPage(browser, 1);
  const cdp = await tab.page.context().newCDPSession(tab.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
  await tab.page.goto(`${server.url}/page/coverage`);
  await tab.page.evaluate(() => window.__benchDone);
  // Whatever waits for an idle page (the lang observer) runs too.
  await tab.page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 500), { timeout: 2000 })));
  ({ result: scripts } = await cdp.send('Profiler.takePreciseCoverage'));
  await tab.close();
} finally {
  await browser.close();
  await server.close();
}

const manifest = JSON.parse(readFileSync(join(CDN, 'pgo-manifest.json'), 'utf8'));
const files = ['pgo-widgets.js', ...manifest.tags[tag]];
const short = (s) => (s ?? '(no source)').replace(/^.*?(node_modules|src)\//, '$1/');
const modules = new Map();
let before = 0;
let after = 0;
console.log(`coverage of a page of <${tag}> through the loader (min bytes that ran / never ran; gzip -9)`);
for (const file of files) {
  const code = readFileSync(join(CDN, file), 'utf8');
  const entry = scripts.find((s) => s.url.endsWith(`/cdn/${file}`));
  // Block coverage: ranges nest; a byte's count is the innermost range's. Never loaded: all of it unused.
  const ran = new Uint8Array(code.length);
  if (entry) {
    const ranges = entry.functions.flatMap((f) => f.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
    for (const r of ranges) ran.fill(r.count > 0 ? 1 : 0, r.startOffset, Math.min(r.endOffset, code.length));
  }
  const map = new TraceMap(JSON.parse(readFileSync(join(CDN, `${file}.map`), 'utf8')));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  let line = 0;
  let kept = '';
  let used = 0;
  for (let i = 0; i < code.length; i++) {
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= i) line++;
    if (ran[i]) {
      kept += code[i];
      used++;
    }
    // Per module, sampled every 16 bytes (source-map look-ups are slow): enough for a table in bytes.
    if (i % 16 === 0) {
      const { source } = originalPositionFor(map, { line: line + 1, column: i - lineStarts[line] });
      const m = modules.get(short(source)) ?? { ran: 0, not: 0 };
      if (ran[i]) m.ran += 16;
      else m.not += 16;
      modules.set(short(source), m);
    }
  }
  const gz = gzipSync(code, { level: 9 }).length;
  const gzKept = gzipSync(kept, { level: 9 }).length;
  before += gz;
  after += gzKept;
  console.log(
    `  ${file.padEnd(28)} ${String(code.length).padStart(7)} min, ${String(used).padStart(7)} ran (${((100 * used) / code.length).toFixed(0)}%); gzip ${gz} -> ${gzKept} B if the rest were cut`,
  );
}
console.log(`page: ${before} B min+gzip; ${after} B with every never-run byte cut (${after - before} B)`);
console.log(`\n${'ran'.padStart(7)} ${'never'.padStart(7)}  module (minified bytes, sampled)`);
for (const [k, m] of [...modules].sort((a, b) => b[1].not - a[1].not).slice(0, 40))
  console.log(`${String(m.ran).padStart(7)} ${String(m.not).padStart(7)}  ${k}`);
