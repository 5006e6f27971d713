// Benchmark 3, idle cost of <pgo-phase-countdown>, counted, not timed: the page's setTimeout,
// setInterval and requestAnimationFrame are wrapped before any script runs (over Playwright's
// virtual clock), a fixed span of virtual time passes, and the callbacks that ran (wake-ups) and the
// timers set are counted. The page holds only the memory backend and the countdown, so every wake-up
// counted is at most the countdown's (an upper bound: the session's phase timer would count too).
import { bundle } from './lib/build.mjs';
import { launchChromium, startStaticServer } from './lib/browser.mjs';
import { row } from './lib/stats.mjs';

export const name = 'idle';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Counts calls (timers set) and callbacks run (wake-ups); installed after the virtual clock. */
const COUNTERS = `(() => {
  const counts = window.__idle = { set: 0, woke: 0 };
  const wrap = (name) => {
    const original = window[name];
    window[name] = function (callback, ...rest) {
      counts.set++;
      const wrapped = typeof callback === 'function' ? function (...args) { counts.woke++; return callback.apply(this, args); } : callback;
      return original.call(this, wrapped, ...rest);
    };
  };
  ['setTimeout', 'setInterval', 'requestAnimationFrame'].forEach(wrap);
})();`;

const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>idle</title>
<script type="module" src="/out/pgo-memory-backend.js"></script>
<script type="module" src="/out/pgo-phase-countdown.js"></script>
</head><body><pgo-phase-countdown backend="memory" consultation="plan-action-2017"></pgo-phase-countdown></body></html>`;

const counts = (page) => page.evaluate(() => ({ ...window.__idle }));
const remaining = (page) =>
  page.evaluate(
    () => document.querySelector('pgo-phase-countdown').shadowRoot.querySelector('[part="remaining"]')?.textContent.trim() ?? '',
  );
const setVisibility = (page, state) =>
  page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

/** Lets `span` ms of virtual time pass (every timer due fires, in order); returns what happened meanwhile. */
async function measure(page, span) {
  const before = await counts(page);
  await page.clock.runFor(span);
  const after = await counts(page);
  return { set: after.set - before.set, woke: after.woke - before.woke };
}

export async function run(log) {
  await bundle('src/cdn/pgo-memory-backend.ts', 'pgo-memory-backend');
  await bundle('src/define/phase-countdown.ts', 'pgo-phase-countdown');
  const server = await startStaticServer(new Map([['countdown', PAGE]]));
  const browser = await launchChromium();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // The memory backend's ideation phase ends 21 days after the page's start (fixtures.ts).
    const start = Date.UTC(2030, 0, 7, 9, 0, 0);
    const phaseEnd = start + 21 * DAY;
    await page.clock.install({ time: start });
    await page.addInitScript(COUNTERS);
    await page.goto(`${server.url}/page/countdown`);
    await page.clock.pauseAt(start + 1000);
    await page.waitForFunction(() => document.querySelector('pgo-phase-countdown')?.shadowRoot?.querySelector('[part="remaining"]'));

    const results = [];
    const phase = async (label, span, limit, text) => {
      const counted = await measure(page, span);
      const shown = await remaining(page);
      log(
        `  ${label}: ${counted.woke} wake-ups, ${counted.set} timers set in ${span / MINUTE} virtual minutes (limit ${limit}); shows "${shown}"`,
      );
      results.push({ label, ...counted, limit, text });
      return counted;
    };

    // More than a day left: at most one wake-up a minute.
    await phase('visible, 21 days left', 6 * HOUR, 6 * 60, 'one a minute');
    // Jump to 50 minutes before the end (the timer due meanwhile fires once), then the last hour: one a second.
    await page.clock.fastForward(phaseEnd - 50 * MINUTE - (await page.evaluate(() => Date.now())));
    await page.clock.runFor(1000);
    await phase('visible, last hour', 10 * MINUTE, 10 * 60, 'one a second');
    // Hidden: no timer at all, in the last hour where it would tick most.
    await setVisibility(page, 'hidden');
    await page.clock.runFor(1000); // the tick already due when it was hidden fires and stops
    const hidden = await phase('hidden, last hour', 30 * MINUTE, 0, 'none');
    await setVisibility(page, 'visible');
    const resumed = await measure(page, MINUTE);
    log(`  visible again: ${resumed.woke} wake-ups in the next virtual minute (it resumes)`);

    const [far, last] = results;
    return [
      row(
        'idle: visible, > 1 day left (wake-ups / 6 h)',
        String(far.woke),
        `${far.limit} (one a minute)`,
        far.woke / far.limit,
        '<= 1',
        far.woke <= far.limit,
      ),
      row(
        'idle: visible, last hour (wake-ups / 10 min)',
        String(last.woke),
        `${last.limit} (one a second)`,
        last.woke / last.limit,
        '<= 1',
        last.woke <= last.limit,
      ),
      row(
        'idle: hidden page (timers set / 30 min)',
        `${hidden.set} set, ${hidden.woke} woke`,
        '0',
        '-',
        '0 timers',
        hidden.set === 0 && hidden.woke === 0 && resumed.woke > 0,
      ),
    ];
  } finally {
    await context.close();
    await browser.close();
    await server.close();
  }
}
