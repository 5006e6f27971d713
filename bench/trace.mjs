// `node bench/trace.mjs [page …]`: where the vote button's start-up goes, and how its CPU compares with the
// framework-free button's. Loads each page (default: vote-button and plain-vote-button, interleaved) with the CPU
// slowed 4x and the V8 sampling profiler on, `LOADS` times each, and prints per page the JS+GC self time per load
// (CPU the page's scripts used, which a loaded machine stretches far less than wall-clock times), V8's "(program)"
// time (parsing, compiling, native work), and the functions with the most self time (by bundle position). With two
// or more pages, the ratio of each page's JS+GC self time to the last page's. Prints the load average before and after.
import { loadavg } from 'node:os';
import { bundle } from './lib/build.mjs';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';
import { readyTimes } from './lib/pages.mjs';
import { PAGES } from './startup.mjs';

const LOADS = 8;
const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['vote-button', 'plain-vote-button'];
const load = () => loadavg()[0].toFixed(1);
console.log(`trace: ${pages.join(', ')}; ${LOADS} loads each, interleaved, 4x CPU; load average ${load()}`);

await bundle('src/cdn/pgo-memory-backend.ts', 'pgo-memory-backend');
await bundle('src/define/vote-button.ts', 'pgo-vote-button');
const server = await startStaticServer(PAGES);
const browser = await launchChromium();
const results = new Map(pages.map((page) => [page, { self: new Map(), frames: [], total: 0, program: 0 }]));
try {
  for (let i = 0; i < LOADS; i++) {
    for (const page of pages) {
      const r = results.get(page);
      const tab = await throttledPage(browser, 4);
      const cdp = await tab.page.context().newCDPSession(tab.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await tab.page.goto(`${server.url}/page/${page}`);
      r.frames.push((await readyTimes(tab.page)).frame);
      const { profile } = await cdp.send('Profiler.stop');
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const dt = new Map();
      profile.samples.forEach((id, k) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
      for (const [id, us] of dt) {
        const { callFrame: f } = byId.get(id);
        const where = f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '(native)';
        const key = `${f.functionName || '(anonymous)'} ${where}`;
        r.self.set(key, (r.self.get(key) ?? 0) + us / 1000);
        if (f.functionName === '(program)') r.program += us / 1000;
        else if (f.functionName !== '(idle)') r.total += us / 1000;
      }
      await tab.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
for (const [page, r] of results) {
  console.log(
    `\n${page}: ready frame median ${median(r.frames).toFixed(0)} ms over ${LOADS} loads (4x CPU); JS+GC self time per load ` +
      `${(r.total / LOADS).toFixed(1)} ms; (program) ${(r.program / LOADS).toFixed(1)} ms`,
  );
  for (const [key, ms] of [...r.self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(ms / LOADS).toFixed(1).padStart(6)} ms  ${key}`);
}
if (pages.length > 1) {
  const last = results.get(pages.at(-1));
  console.log('');
  for (const page of pages.slice(0, -1)) {
    const r = results.get(page);
    console.log(
      `${page} / ${pages.at(-1)}: JS+GC self time ${(r.total / last.total).toFixed(2)}, with (program) ` +
        `${((r.total + r.program) / (last.total + last.program)).toFixed(2)}, ready frame medians ${(median(r.frames) / median(last.frames)).toFixed(2)}`,
    );
  }
}
console.log(`load average after: ${load()}`);
