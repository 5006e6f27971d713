// Issue 20 bench (info, not asserted): a discussion's first screen against the proposal list's, in the same run, on
// the same memory backend (bench/entries/comments-500.ts: 200 proposals; on one of them 40 threads, the first page of
// 20 with 500 replies behind it). Headless Chromium, fresh context per load, CPU x1 and x4: time from navigation to
// the first screen (the list: its first row drawn; the discussion: its 20 threads drawn, with their reply counts),
// median of 7 loads each, alternating, and the longest task up to then. Then the size of the element's CDN chunk
// (from dist/cdn after `node scripts/build.mjs`; `npm run size` sets the page's row against its budget). Run: node bench/comments.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';
import { median, ms } from './lib/stats.mjs';

const LOADS = 7;
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
const page = (body) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><script>
  window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
</script>${script(entry)}</head><body>
<pgo-consultation backend="memory" consultation="plan-action-2017">${body}</pgo-consultation></body></html>`;
const PAGES = {
  list: {
    html: page('<pgo-proposal-list></pgo-proposal-list>'),
    ready: () => !!document.querySelector('pgo-proposal-list')?.shadowRoot?.querySelector('li[data-key]'),
  },
  comments: {
    html: page('<pgo-comments target="proposal:p1"></pgo-comments>'),
    ready: () => {
      const root = document.querySelector('pgo-comments')?.shadowRoot;
      return !!root && root.querySelectorAll('.threads > li [part~="comment"]').length >= 20 && !!root.querySelector('[part~="replies"]');
    },
  },
};
const server = await startStaticServer(new Map(Object.entries(PAGES).map(([k, v]) => [k, v.html])));
const browser = await launchChromium();
const results = [];
try {
  for (const rate of [1, 4]) {
    const times = { list: [], comments: [] };
    const longest = { list: [], comments: [] };
    let shown = null;
    for (let i = 0; i < LOADS; i++) {
      for (const name of ['list', 'comments']) {
        const { page: tab, close } = await throttledPage(browser, rate);
        await tab.goto(`${server.url}/page/${name}`);
        await tab.waitForFunction(PAGES[name].ready, null, { timeout: 120_000, polling: 'raf' });
        const measured = await tab.evaluate(() => ({ at: performance.now(), longest: Math.max(0, ...window.__long) }));
        times[name].push(measured.at);
        longest[name].push(measured.longest);
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
    results.push({ rate, l, c });
    console.log(
      `CPU x${rate}: first screen, median of ${LOADS}: proposal list ${ms(l)} (longest task ${ms(median(longest.list))}); ` +
        `discussion (${shown.threads} threads shown, “${shown.count}”, 500 replies behind them) ${ms(c)} (longest task ${ms(median(longest.comments))}); ratio ${(c / l).toFixed(2)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
// The element's CDN chunk (what a page with <pgo-comments> downloads beyond the runtime), gzip -9, against its budget.
const chunk = readdirSync('dist/cdn').find((f) => /^comments-[0-9a-f]+\.js$/.test(f));
if (chunk) {
  const size = gzipSync(readFileSync(`dist/cdn/${chunk}`), { level: 9 }).length / 1024;
  console.log(`CDN chunk ${chunk}: ${size.toFixed(1)} KB min+gzip -9 (the page row against its budget: npm run size)`);
} else console.log('CDN chunk of <pgo-comments> not found: run node scripts/build.mjs first');
console.log(`load average ${(await import('node:os')).loadavg()[0].toFixed(1)} (timings are a guide only)`);
