// Issue 21 bench (info, not asserted): <pgo-text> with 200 sections and 2,000 amendments (memory backend), in
// headless Chromium, CPU not throttled and throttled 4x: time from navigation to the first screen (the table of
// contents and the first section drawn), the longest task (PerformanceObserver `longtask`) up to then, and the
// longest task when every section's amendments are opened at once. Run: node bench/text.mjs
import { build } from 'esbuild';
import { launchChromium, startStaticServer, throttledPage } from './lib/browser.mjs';

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
const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><script>
  window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
</script><script type="module">${entry.replaceAll('</script', '<\\/script')}</script></head><body>
<pgo-consultation backend="memory" consultation="plan-action-2017"><pgo-text document="big"></pgo-text></pgo-consultation></body></html>`;
const server = await startStaticServer(new Map([['text', page]]));
const browser = await launchChromium();
try {
  for (const rate of [1, 4]) {
    const { page: tab, close } = await throttledPage(browser, rate);
    await tab.goto(`${server.url}/page/text`);
    await tab.waitForFunction(() => document.querySelector('pgo-text')?.shadowRoot?.querySelectorAll('.section').length === 200, null, {
      timeout: 120_000,
    });
    const first = await tab.evaluate(() => ({
      at: performance.now(),
      longest: Math.max(0, ...window.__long),
      toc: document.querySelector('pgo-text').shadowRoot.querySelectorAll('.toc a').length,
    }));
    const one = await tab.evaluate(async () => {
      window.__long.length = 0;
      const el = document.querySelector('pgo-text');
      const t0 = performance.now();
      el.shadowRoot.querySelector('[part~="toggle"]').click();
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return {
        ms: performance.now() - t0,
        longest: Math.max(0, ...window.__long),
        amendments: el.shadowRoot.querySelectorAll('[part~="amendment"]').length,
      };
    });
    const opened = await tab.evaluate(async () => {
      window.__long.length = 0;
      const root = document.querySelector('pgo-text').shadowRoot;
      const t0 = performance.now();
      for (const b of root.querySelectorAll('[part~="toggle"]')) b.click();
      await document.querySelector('pgo-text').updateComplete;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return {
        ms: performance.now() - t0,
        longest: Math.max(0, ...window.__long),
        amendments: root.querySelectorAll('[part~="amendment"]').length,
      };
    });
    console.log(
      `CPU x${rate}: first screen ${first.at.toFixed(0)} ms after navigation (${first.toc} TOC links, 200 sections), longest task before it ${first.longest.toFixed(0)} ms; ` +
        `opening one section: ${one.amendments} amendments in ${one.ms.toFixed(0)} ms (longest task ${one.longest.toFixed(0)} ms); ` +
        `opening every section: ${opened.amendments} amendments drawn in ${opened.ms.toFixed(0)} ms, longest task ${opened.longest.toFixed(0)} ms`,
    );
    await close();
  }
} finally {
  await browser.close();
  await server.close();
}
