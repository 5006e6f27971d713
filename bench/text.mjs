// Issue 21 bench (info, no target): <pgo-text> with 200 sections and 2,000 amendments (memory backend,
// bench/entries/text-200.ts), in headless Chromium, CPU not throttled and throttled 4x: time from navigation to
// the first screen (the table of contents and the 200 sections drawn), the longest task (PerformanceObserver
// `longtask`) up to then; opening one section's amendments; opening every section's amendments at once (each
// section draws its first page of 10, "show more" draws the next); the longest task of each. Part of
// `npm run bench` (`npm run bench -- text`); alone: node bench/text.mjs
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';
import { ms, row } from './lib/stats.mjs';

async function page() {
  const entry = (
    await build({
      entryPoints: ['bench/entries/text-200.ts'],
      bundle: true,
      format: 'esm',
      write: false,
      minify: true,
      logLevel: 'warning',
      tsconfig: 'tsconfig.json',
      ignoreAnnotations: true,
    })
  ).outputFiles[0].text;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><script>
  window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
</script><script type="module">${entry.replaceAll('</script', '<\\/script')}</script></head><body>
<pgo-consultation backend="memory" consultation="plan-action-2017"><pgo-text document="big"></pgo-text></pgo-consultation></body></html>`;
}

/** Clicks what `selector` finds in the element, waits for the frame after, and times it. */
const timedClicks = (tab, selector, first) =>
  tab.evaluate(
    async ({ selector: s, first: only }) => {
      window.__long.length = 0;
      const el = document.querySelector('pgo-text');
      const t0 = performance.now();
      const targets = [...el.shadowRoot.querySelectorAll(s)];
      for (const b of only ? targets.slice(0, 1) : targets) b.click();
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return {
        ms: performance.now() - t0,
        longest: Math.max(0, ...window.__long),
        amendments: el.shadowRoot.querySelectorAll('[part~="amendment"]').length,
      };
    },
    { selector, first },
  );

export async function run(log) {
  const server = await startStaticServer(new Map([['text', await page()]]));
  const browser = await launchChromium();
  const rows = [];
  try {
    for (const rate of [1, 4]) {
      const { page: tab, close } = await throttledPage(browser, rate);
      await tab.goto(`${server.url}/page/text`);
      await tab.waitForFunction(() => document.querySelector('pgo-text')?.shadowRoot?.querySelectorAll('.section').length === 200, null, {
        timeout: 180_000,
      });
      const first = await tab.evaluate(() => ({
        at: performance.now(),
        longest: Math.max(0, ...window.__long),
        toc: document.querySelector('pgo-text').shadowRoot.querySelectorAll('.toc a').length,
      }));
      const one = await timedClicks(tab, '[part~="toggle"]', true);
      const all = await timedClicks(tab, '[part~="toggle"][aria-expanded="false"]', false);
      const more = await timedClicks(tab, '[part~="more"]', true);
      log(
        `  CPU x${rate}: first screen ${ms(first.at)} after navigation (${first.toc} contents links, 200 sections), longest task before it ${ms(first.longest)}; ` +
          `one section: ${one.amendments} amendments in ${ms(one.ms)} (longest task ${ms(one.longest)}); ` +
          `every section: ${all.amendments} amendments drawn in ${ms(all.ms)} (longest task ${ms(all.longest)}); ` +
          `“show more” on one: ${more.amendments} in ${ms(more.ms)} (longest task ${ms(more.longest)})`,
      );
      rows.push(
        row(`text: first screen, 200 sections (CPU x${rate})`, ms(first.at), `longest task ${ms(first.longest)}`, '-', 'none (info)'),
        row(
          `text: open every section, ${all.amendments} of 2,000 drawn (x${rate})`,
          ms(all.ms),
          `longest task ${ms(all.longest)}`,
          '-',
          'none (info)',
        ),
      );
      await close();
    }
    return rows;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run((line) => console.log(line));
