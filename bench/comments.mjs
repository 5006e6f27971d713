// Issue 20 bench (info, not asserted): a discussion's first screen against the proposal list's, in the same run, on
// the same memory backend (bench/entries/comments-500.ts: 200 proposals; on one of them 40 threads, the first page of
// 20 with 500 replies behind it). Headless Chromium, fresh context per load, CPU x1 and x4, median of LOADS loads each,
// alternating. Two measures of the first screen (the list: its first row drawn; the discussion: its 20 threads drawn,
// with their reply counts):
// - when: the page's own clock at the first animation frame where the screen is there (a requestAnimationFrame loop in
//   the page, so no round trip to the test driver is counted); wall time, so it moves with the machine's load;
// - CPU: the main thread's CPU time (trace events' thread durations) up to that frame, which survives the load better.
// Then the size of the element's CDN chunk (dist/cdn after `node scripts/build.mjs`; `npm run size` sets the page's row
// against its budget). Run: node bench/comments.mjs [LOADS=7]
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';
import { median, ms } from './lib/stats.mjs';

const LOADS = Number(process.env.LOADS ?? 7);
const entry = (
  await build({
    entryPoints: ['bench/entries/comments-500.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    logLevel: 'warning',
    tsconfig: 'tsconfig.json',
    ignoreAnnotations: true,
  })
).outputFiles[0].text;
const script = (s) => `<script type="module">${s.replaceAll('</script', '<\\/script')}</script>`;
const READY = {
  list: `!!document.querySelector('pgo-proposal-list')?.shadowRoot?.querySelector('li[data-key]')`,
  comments: `((root) => !!root && root.querySelectorAll('.threads > li [part~="comment"]').length >= 20 && !!root.querySelector('[part~="replies"]'))(document.querySelector('pgo-comments')?.shadowRoot)`,
};
// The first frame where the screen is there, on the page's clock; then a mark the trace finds.
const watch = (ready) =>
  `<script>(function frame() { if (${ready}) { window.__readyAt = performance.now(); performance.mark('pgo-first-screen'); } else requestAnimationFrame(frame); })();</script>`;
const page = (name, body) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">${watch(READY[name])}${script(entry)}</head><body>
<pgo-consultation backend="memory" consultation="plan-action-2017">${body}</pgo-consultation></body></html>`;
const PAGES = {
  list: page('list', '<pgo-proposal-list></pgo-proposal-list>'),
  comments: page('comments', '<pgo-comments target="proposal:p1"></pgo-comments>'),
};

/** Main-thread CPU (ms) of the tasks that started before the first-screen mark. */
function cpuUntilReady(events) {
  const mark = events.find((e) => e.name === 'pgo-first-screen');
  const parse = events.find((e) => e.name === 'ParseHTML');
  if (!mark || !parse) return NaN;
  let cpu = 0;
  for (const e of events)
    if (e.name === 'RunTask' && e.ph === 'X' && e.pid === parse.pid && e.tid === parse.tid && e.ts <= mark.ts) cpu += (e.tdur ?? 0) / 1000;
  return cpu;
}

const server = await startStaticServer(new Map(Object.entries(PAGES)));
const browser = await launchChromium();
const loads = [];
try {
  for (const rate of [1, 4]) {
    const times = { list: [], comments: [] };
    const cpu = { list: [], comments: [] };
    let shown = null;
    for (let i = 0; i < LOADS; i++) {
      for (const name of ['list', 'comments']) {
        loads.push(loadavg()[0]);
        const { page: tab, close } = await throttledPage(browser, rate);
        const cdp = await tab.context().newCDPSession(tab);
        const events = [];
        cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
        const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
        await cdp.send('Tracing.start', {
          categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
          transferMode: 'ReportEvents',
        });
        await tab.goto(`${server.url}/page/${name}`);
        await tab.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 120_000 });
        await cdp.send('Tracing.end');
        await complete;
        times[name].push(await tab.evaluate(() => window.__readyAt));
        cpu[name].push(cpuUntilReady(events));
        if (name === 'comments' && !shown)
          shown = await tab.evaluate(() => {
            const root = document.querySelector('pgo-comments').shadowRoot;
            return {
              threads: root.querySelectorAll('.threads > li').length,
              count: root.querySelector('[part~="count"]').textContent.trim(),
            };
          });
        await close();
      }
    }
    const [l, c] = [median(times.list), median(times.comments)];
    const [lc, cc] = [median(cpu.list), median(cpu.comments)];
    console.log(
      `CPU x${rate}, median of ${LOADS}: first screen at — proposal list ${ms(l)}, discussion (${shown.threads} threads, “${shown.count}”, ` +
        `500 replies behind them) ${ms(c)}: ratio ${(c / l).toFixed(2)}; main-thread CPU until then — list ${ms(lc)}, discussion ${ms(cc)}: ratio ${(cc / lc).toFixed(2)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
// The element's CDN chunk (what a page with <pgo-comments> downloads beyond the runtime), gzip -9, against its budget.
const chunk = (() => {
  try {
    return readdirSync('dist/cdn').find((f) => /^comments-[0-9A-Za-z_-]+\.js$/.test(f));
  } catch {
    return undefined;
  }
})();
if (chunk) {
  const size = gzipSync(readFileSync(`dist/cdn/${chunk}`), { level: 9 }).length / 1024;
  console.log(`CDN chunk ${chunk}: ${size.toFixed(1)} KB min+gzip -9 (the page row against its budget: npm run size)`);
} else console.log('CDN chunk of <pgo-comments> not found: run node scripts/build.mjs first');
console.log(
  `load average during the loads: median ${median(loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)} (wall times are a guide only)`,
);
