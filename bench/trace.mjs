// `node bench/trace.mjs [page]`: where the vote button's start-up goes. Loads the start-up benchmark's
// page with the CPU slowed 4x and the V8 sampling profiler on, `LOADS` times, and prints the functions with
// the most self time (summed over loads, by bundle position mapped back through the source map).
import { bundle } from './lib/build.mjs';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';
import { readyTimes } from './lib/pages.mjs';
import { PAGES } from './startup.mjs';

const LOADS = 8;
const page = process.argv[2] ?? 'vote-button';

await bundle('src/cdn/pgo-memory-backend.ts', 'pgo-memory-backend');
await bundle('src/define/vote-button.ts', 'pgo-vote-button');
const server = await startStaticServer(PAGES);
const browser = await launchChromium();
const self = new Map();
const frames = [];
let total = 0;
try {
  for (let i = 0; i < LOADS; i++) {
    const tab = await throttledPage(browser, 4);
    const cdp = await tab.page.context().newCDPSession(tab.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await tab.page.goto(`${server.url}/page/${page}`);
    frames.push((await readyTimes(tab.page)).frame);
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = new Map();
    profile.samples.forEach((id, k) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
    for (const [id, us] of dt) {
      const { callFrame: f } = byId.get(id);
      const where = f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '(native)';
      const key = `${f.functionName || '(anonymous)'} ${where}`;
      self.set(key, (self.get(key) ?? 0) + us / 1000);
      if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += us / 1000;
    }
    await tab.close();
  }
} finally {
  await browser.close();
  await server.close();
}
frames.sort((a, b) => a - b);
console.log(
  `${page}: ready frame median ${frames[Math.floor(LOADS / 2)].toFixed(0)} ms over ${LOADS} loads (4x CPU); JS+GC self time per load ${(total / LOADS).toFixed(1)} ms`,
);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`  ${(ms / LOADS).toFixed(1).padStart(6)} ms  ${key}`);
