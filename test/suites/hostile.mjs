// Hostile host pages (issue 8): pages in test/hostile/ embed the CDN bundle with every element (and the
// memory backend's CDN entry, so no server is needed) and must stay working and readable under
// aggressive global CSS, a strict CSP with Trusted Types, the bundle loaded twice plus another version,
// lang and dir variations, an iframe and another framework re-rendering the widgets' parent; and the
// reader's own settings (a raised default font size, a WCAG 1.4.12 text-spacing style) reaching inside.
// Each page runs in a fresh Chromium context; one check per page and element where it applies.
// Every page runs twice: through the loader (pgo-widgets.js, chunks on demand) and with the one-file
// bundle (pgo-widgets-all.js, `?bundle=all`); pages of the loader's own (a CDN path with ?ver=, nested
// shadow roots, a late provider, a chunk answering 404) run through the loader.
import { cpSync, createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
import { ensureBuild } from '../../scripts/size.mjs';
import { loaderPages } from '../hostile/loader-pages.mjs';

export const name = 'hostile';

const ROOT = resolve(import.meta.dirname, '../..');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
const VERSION = readFileSync(join(ROOT, 'src/core/version.ts'), 'utf8').match(/VERSION = '([^']+)'/)[1];
const OTHER_VERSION = '9.9.9';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
};
const TIMEOUT = 15_000;

/** Every element, from the one list (src/elements/elements.json), the provider first. */
const TAGS = JSON.parse(readFileSync(join(ROOT, 'src/elements/elements.json'), 'utf8'))
  .elements.map((e) => e.tag)
  .sort((a, b) => (a === 'pgo-consultation' ? -1 : b === 'pgo-consultation' ? 1 : a.localeCompare(b)));

/** Serves `dist` (a snapshot of the build: a rebuild meanwhile does not pull files away) and test/hostile. */
function startServer(dist) {
  let healed = false;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    const cdnFile = (name) => join(dist, 'cdn', name.replace(/[^\w.-]/g, ''));
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path === '/tags.json') return res.writeHead(200, { 'content-type': TYPES['.json'] }).end(JSON.stringify(TAGS));
    if (path.startsWith('/other-version/')) {
      // A second copy of the library that claims another version, as an older CMS plugin would ship.
      const code = readFileSync(cdnFile(path.slice('/other-version/'.length)), 'utf8').replaceAll(`"${VERSION}"`, `"${OTHER_VERSION}"`);
      return res.writeHead(200, { 'content-type': TYPES['.js'] }).end(code);
    }
    // The loader's own trials: any CDN path, a provider chunk that comes late, a chunk that 404s until healed.
    const [, trial, name] = path.match(/^\/(static\/cdn\/pgo\/1\.2|slow-provider|flaky)\/(.+)$/) ?? [];
    if (trial) {
      if (name === 'heal') return ((healed = true), res.writeHead(204).end());
      if (trial === 'flaky' && !healed && /^vote-button-[0-9a-f]+\.js$/.test(name)) return res.writeHead(404).end('Not found');
      if (trial === 'slow-provider' && /^consultation-[0-9a-f]+\.js$/.test(name)) await new Promise((r) => setTimeout(r, 1000));
      if (!existsSync(cdnFile(name))) return res.writeHead(404).end('Not found');
      return res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(readFileSync(cdnFile(name)));
    }
    if (url.searchParams.get('bundle') === 'all' && path.endsWith('.html')) {
      // The same page with the one-file bundle: every script of the library, and the frames it embeds.
      const html = readFileSync(join(ROOT, 'test', path), 'utf8')
        .replaceAll('/pgo-widgets.js', '/pgo-widgets-all.js')
        .replaceAll('.html"', '.html?bundle=all"');
      const headers = { 'content-type': TYPES['.html'], 'cache-control': 'no-store' };
      if (path === '/hostile/csp.html') headers['content-security-policy'] = CSP;
      return res.writeHead(200, headers).end(html);
    }
    const [, top, rest] = path.match(/^\/(dist|hostile)\/(.+)$/) ?? [];
    const dir = top === 'dist' ? dist : join(ROOT, 'test/hostile');
    const file = top && normalize(join(dir, rest));
    if (!file || !file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      return res.writeHead(404).end('Not found');
    }
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (path === '/hostile/csp.html') headers['content-security-policy'] = CSP;
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Runs in the page: what each top-level pgo element looks like once ready. */
function inspect(tags) {
  const textElement = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (node.textContent.trim() && parent && !parent.closest('.visually-hidden') && parent.getClientRects().length) return parent;
    }
    return null;
  };
  return tags.map((tag) => {
    const el = document.querySelector(tag);
    if (!el) return { tag, found: false };
    const root = el.shadowRoot;
    const box = el.getBoundingClientRect();
    const text = root ? textElement(root) : null;
    const buttons = root ? [...root.querySelectorAll('.pgo-button, button')].filter((b) => b.getClientRects().length) : [];
    const descendants = root
      ? [...root.querySelectorAll('*')].filter((d) => d.getClientRects().length && !d.closest('.visually-hidden'))
      : [];
    // Paragraphs shown, nested shadow roots included (an event list's cards): the space after each, in its own size.
    const deep = (r) => [...r.querySelectorAll('*')].flatMap((d) => [d, ...(d.shadowRoot ? deep(d.shadowRoot) : [])]);
    const paragraphs = root
      ? deep(root).filter((d) => d.localName === 'p' && d.getClientRects().length && !d.closest('.visually-hidden'))
      : [];
    const outside = descendants.filter((d) => {
      const r = d.getBoundingClientRect();
      // Straddling the element's edge is broken layout; far off on purpose (a honeypot field) is not,
      // and the page-level check below still catches it if it makes the page scroll sideways.
      return r.width > 1 && r.right > box.left && r.left < box.right && (r.left < box.left - 1 || r.right > box.right + 1);
    });
    return {
      tag,
      found: true,
      upgraded: !!customElements.get(tag) && el instanceof customElements.get(tag),
      text: root?.textContent.replace(/\s+/g, ' ').trim() ?? '',
      busy: !!root?.querySelector('[aria-busy="true"]'),
      alert: root?.querySelector('[part~="error"]')?.textContent.trim() ?? null,
      width: box.width,
      height: box.height,
      fontSize: text ? parseFloat(getComputedStyle(text).fontSize) : null,
      // Relative to the text's own size: the reader's style sets --pgo-letter-spacing and --pgo-word-spacing,
      // which every element inside applies in its own em (docs: theming, "The reader's own text settings").
      letterSpacing: text ? parseFloat(getComputedStyle(text).letterSpacing) / parseFloat(getComputedStyle(text).fontSize) : null,
      wordSpacing: text ? parseFloat(getComputedStyle(text).wordSpacing) / parseFloat(getComputedStyle(text).fontSize) : null,
      paragraphs: paragraphs.length,
      // The smallest space after a paragraph, in times its own text size.
      paragraphSpacing: paragraphs.length
        ? Math.min(...paragraphs.map((p) => parseFloat(getComputedStyle(p).marginBlockEnd) / parseFloat(getComputedStyle(p).fontSize)))
        : null,
      lineHeight: text ? parseFloat(getComputedStyle(text).lineHeight) / parseFloat(getComputedStyle(text).fontSize) : null,
      smallButtons: buttons
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.width < 44 || r.height < 44)
        .map((r) => `${Math.round(r.width)}x${Math.round(r.height)}`),
      overflow:
        el.scrollWidth > el.clientWidth + 1 || outside.length > 0
          ? `${Math.round(box.left)}..${Math.round(box.right)} scrollWidth ${el.scrollWidth}/${el.clientWidth}; ${outside
              .slice(0, 3)
              .map(
                (d) =>
                  `<${d.localName} class="${d.className}"> ${Math.round(d.getBoundingClientRect().left)}..${Math.round(d.getBoundingClientRect().right)}`,
              )
              .join(', ')}`
          : null,
      locale: el.locale,
    };
  });
}

/** Why an element does not count as rendered, or null. */
function notRendered(s) {
  if (!s.found) return 'not on the page';
  if (!s.upgraded) return 'not upgraded';
  if (s.tag === 'pgo-consultation') return null;
  if (!s.text) return 'empty shadow root';
  if (s.busy) return 'still loading';
  if (s.alert) return `error shown: ${s.alert}`;
  if (s.width < 1 || s.height < 1) return `invisible (${s.width}x${s.height})`;
  return null;
}

async function open(browser, base, path, recorder = {}, { defaultFontSize } = {}) {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  if (defaultFontSize) {
    // The reader's own default text size, as set in the browser's settings (what `font-size: medium` is).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: defaultFontSize, fixed: Math.round((defaultFontSize * 13) / 16) } });
  }
  const log = { errors: [], warnings: [], requests: [], violations: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (m.type() === 'warning') log.warnings.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.exposeFunction('__pgoViolation', (v) => log.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__pgoViolation(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`),
    );
  });
  Object.assign(recorder, log);
  await page.goto(`${base}${path}`);
  return { context, page, log };
}

/** Waits until every top-level pgo element in `frame` has rendered past loading. */
async function settle(frame, tags) {
  await frame.waitForFunction(
    (list) =>
      document.documentElement.dataset.widgetsReady === 'true' &&
      list.every((tag) => {
        const el = document.querySelector(tag);
        // The provider renders a slot and no text of its own.
        if (el?.localName === 'pgo-consultation') return !!el.shadowRoot;
        return el?.shadowRoot && el.shadowRoot.textContent.trim() && !el.shadowRoot.querySelector('[aria-busy="true"]');
      }),
    tags,
    { timeout: TIMEOUT },
  );
}

export async function run() {
  ensureBuild();
  const results = [];
  const check = (title, fn) => {
    try {
      const problem = fn();
      results.push({ title, ok: !problem, problem });
    } catch (error) {
      results.push({ title, ok: false, problem: String(error?.message ?? error) });
    }
  };
  const dist = mkdtempSync(join(tmpdir(), 'pgo-hostile-'));
  cpSync(join(ROOT, 'dist/cdn'), join(dist, 'cdn'), { recursive: true });
  const server = await startServer(dist);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS, headless: true });
  const elementTags = TAGS.filter((t) => t !== 'pgo-consultation');

  const checkAs = check;
  /** Opens a page, waits for the widgets, runs the common checks and `more(page, states)`. */
  async function hostPageAs(path, label, more = async () => {}, { topLevel = true, expectedErrors = /^$/, defaultFontSize } = {}) {
    let opened;
    try {
      opened = await open(browser, base, path, {}, { defaultFontSize });
      const { page, log } = opened;
      const states = topLevel
        ? await settle(page, TAGS).then(
            () => page.evaluate(inspect, TAGS),
            () => page.evaluate(inspect, TAGS),
          )
        : [];
      for (const s of states) check(`${label}: <${s.tag}> renders`, () => notRendered(s));
      await more(page, states, log);
      const errors = log.errors.filter((e) => !expectedErrors.test(e));
      check(`${label}: no console error or exception`, () => (errors.length ? errors.slice(0, 3).join(' | ') : null));
      check(`${label}: no request outside the page's origin`, () => {
        const foreign = log.requests.filter((u) => !u.startsWith(`${base}/`) && !/^(data|blob):/.test(u));
        return foreign.length ? foreign.join(', ') : null;
      });
      check(`${label}: no Content-Security-Policy violation`, () => (log.violations.length ? log.violations.join(' | ') : null));
    } catch (error) {
      check(`${label}: page runs`, () => String(error?.message ?? error));
    } finally {
      await opened?.context.close();
    }
  }

  const readableAs = (label) => async (page, states) => {
    for (const s of states.filter((x) => x.tag !== 'pgo-consultation' && x.found)) {
      check(`${label}: <${s.tag}> text keeps its size and spacing, buttons keep 44x44 px`, () => {
        if (s.fontSize === null || s.fontSize < 12 || s.fontSize > 24) return `text at ${s.fontSize}px`;
        if (!(s.lineHeight >= 1.1)) return `lines squeezed to ${s.lineHeight?.toFixed(2)} times the text size`;
        if (s.smallButtons.length) return `buttons under 44x44: ${s.smallButtons.join(', ')}`;
        return null;
      });
    }
  };

  /** The reader's settings win inside: text at their raised default size; with 1.4.12 spacing, that spacing. */
  const readersOwnAs =
    (label, size, { spacing = false } = {}) =>
    async (page, states) => {
      for (const s of states.filter((x) => x.tag !== 'pgo-consultation' && x.found)) {
        check(
          `${label}: <${s.tag}> text follows the reader's ${size}px default${spacing ? ' and 1.4.12 spacing' : ''}, buttons keep 44x44 px, nothing spills out`,
          () => {
            // The smallest text of the widgets is 0.875em (notes).
            if (s.fontSize === null || s.fontSize < size * 0.875) return `text at ${s.fontSize}px`;
            if (spacing && !(Math.abs(s.letterSpacing - 0.12) < 0.01 && Math.abs(s.wordSpacing - 0.16) < 0.01)) {
              return `letter spacing ${s.letterSpacing?.toFixed(3)}em, word spacing ${s.wordSpacing?.toFixed(3)}em`;
            }
            // 1.4.12: twice the text size after each paragraph (the elements that show paragraphs here).
            if (spacing && s.paragraphs && !(s.paragraphSpacing >= 1.99)) {
              return `a paragraph followed by ${s.paragraphSpacing?.toFixed(2)} times its text size`;
            }
            // Text runs at --pgo-line-height (1.5, 1.4.12's value, headings too when the reader's style sets it).
            if (!(s.lineHeight >= (spacing ? 1.49 : 1.1))) return `lines squeezed to ${s.lineHeight?.toFixed(2)} times the text size`;
            if (s.smallButtons.length) return `buttons under 44x44: ${s.smallButtons.join(', ')}`;
            if (s.overflow) return `content overflows the element: ${s.overflow}`;
            return null;
          },
        );
      }
    };

  /** The pages every build must pass: `mode` is 'loader' (pgo-widgets.js) or 'one file' (pgo-widgets-all.js). */
  async function commonPages(mode) {
    const q = mode === 'loader' ? '' : '?bundle=all';
    const hostPage = (path, label, ...rest) => hostPageAs(`${path}${q}`, `[${mode}] ${label}`, ...rest);
    const readable = (label) => readableAs(`[${mode}] ${label}`);
    const check = (title, fn) => checkAs(`[${mode}] ${title}`, fn);
    const readersOwn = (label, ...rest) => readersOwnAs(`[${mode}] ${label}`, ...rest);
    await hostPage('/hostile/aggressive.html', 'aggressive CSS, html at 5px', readable('aggressive CSS, html at 5px'));
    await hostPage(
      '/hostile/aggressive.html',
      'aggressive CSS, reader default 24px',
      readersOwn('aggressive CSS, reader default 24px', 24),
      { defaultFontSize: 24 },
    );
    await hostPage(
      '/hostile/text-spacing.html',
      'reader default 24px + 1.4.12 spacing',
      readersOwn('reader default 24px + 1.4.12 spacing', 24, { spacing: true }),
      { defaultFontSize: 24 },
    );
    await hostPage('/hostile/aggressive-large.html', 'aggressive CSS, html at 40px', readable('aggressive CSS, html at 40px'));
    await hostPage('/hostile/csp.html', 'strict CSP + Trusted Types', async (page) => {
      const header = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      check('strict CSP + Trusted Types: the page is served with the policy', () => (header === CSP ? null : `header was ${header}`));
    });
    await hostPage('/hostile/twice.html', 'bundle loaded twice + another version', async (page, states, log) => {
      const ours = log.warnings.filter((w) => w.includes('pgo-widgets'));
      check('bundle loaded twice + another version: exactly one warning, naming both versions', () =>
        ours.length !== 1
          ? `${ours.length} warnings: ${ours.join(' | ')}`
          : ours[0].includes(VERSION) && ours[0].includes(OTHER_VERSION)
            ? null
            : `warning names neither version: ${ours[0]}`,
      );
    });
    for (const lang of ['en', 'fr']) {
      const other = lang === 'en' ? 'fr' : 'en';
      await hostPage(`/hostile/lang-${lang}.html`, `lang="${lang}" page`, async (page, states) => {
        check(`lang="${lang}" page: every element speaks ${lang}`, () => {
          const wrong = states.filter((s) => s.tag !== 'pgo-consultation' && s.found && s.locale !== lang);
          return wrong.length ? wrong.map((s) => `${s.tag}: ${s.locale}`).join(', ') : null;
        });
        const own = await page.evaluate(() => {
          const el = document.getElementById('own-lang');
          const inProvider = document.querySelector('pgo-consultation pgo-phase-countdown');
          return {
            locale: el.locale,
            text: el.shadowRoot.textContent.replace(/\s+/g, ' ').trim(),
            providerText: inProvider.shadowRoot.textContent.replace(/\s+/g, ' ').trim(),
          };
        });
        check(`lang="${lang}" page: an element with lang="${other}" speaks ${other}`, () =>
          own.locale !== other ? `locale ${own.locale}` : own.text === own.providerText ? 'same text as the page-language countdown' : null,
        );
      });
    }
    await hostPage('/hostile/rtl.html', 'dir="rtl" page', async (page, states) => {
      for (const s of states.filter((x) => x.found))
        check(`dir="rtl" page: <${s.tag}> stays within its box`, () =>
          s.overflow ? `content overflows the element: ${s.overflow}` : null,
        );
      const pageOverflow = await page.evaluate(() =>
        document.documentElement.scrollWidth > innerWidth ? `${document.documentElement.scrollWidth} > ${innerWidth}` : null,
      );
      check('dir="rtl" page: no horizontal scroll', () => (pageOverflow ? `the page scrolls sideways: ${pageOverflow}` : null));
    });
    await hostPage(
      '/hostile/iframe.html',
      'inside an iframe',
      async (page) => {
        const frame = page.frames().find((f) => f.url().includes('/hostile/embed.html'));
        await settle(frame, TAGS).catch(() => {});
        const states = await frame.evaluate(inspect, TAGS);
        for (const s of states) check(`inside an iframe: <${s.tag}> renders in the frame`, () => notRendered(s));
      },
      { topLevel: false },
    );
    await hostPage('/hostile/framework.html', 'another framework re-renders the parent', async (page) => {
      const calls = () => page.evaluate(() => window.pgoMemoryBackend.calls.map((c) => c.method));
      const rendered = () => page.evaluate(inspect, TAGS);
      const first = await calls();
      for (let i = 0; i < 5; i++) await page.evaluate(() => window.renderFromMarkup());
      await settle(page, TAGS).catch(() => {});
      const afterMarkup = await calls();
      const states = await rendered();
      check('framework re-render from markup (x5): every element renders again', () => {
        const bad = states.filter((s) => notRendered(s));
        return bad.length ? bad.map((s) => `${s.tag}: ${notRendered(s)}`).join(', ') : null;
      });
      check('framework re-render from markup (x5): the consultation is loaded once for the page', () => {
        const loads = afterMarkup.filter((m) => m === 'getConsultation').length;
        return loads === 1 ? null : `getConsultation called ${loads} times`;
      });
      check('framework re-render from markup (x5): at most one round of requests per render', () => {
        const perRender = first.length;
        return afterMarkup.length <= perRender * 6 ? null : `${afterMarkup.length} calls for 6 renders (first render: ${perRender})`;
      });
      const before = await calls();
      for (let i = 0; i < 5; i++) await page.evaluate(() => window.moveUnderNewParent());
      await settle(page, TAGS).catch(() => {});
      const afterMoves = await calls();
      const extra = afterMoves.slice(before.length);
      if (extra.length) console.log(`  (moving the nodes 5 times reloaded: ${extra.join(', ')})`);
      check('framework moves the same nodes (x5): no reload of the consultation, at most one reload per element and move', () => {
        if (extra.includes('getConsultation')) return 'the consultation was loaded again';
        return extra.length <= elementTags.length * 5 ? null : `${extra.length} new calls: ${[...new Set(extra)].join(', ')}`;
      });
      const movedStates = await rendered();
      check('framework moves the same nodes (x5): every element still rendered', () => {
        const bad = movedStates.filter((s) => notRendered(s));
        return bad.length ? bad.map((s) => `${s.tag}: ${notRendered(s)}`).join(', ') : null;
      });
      // Settled means settled: no retry loop or polling storm while nothing happens.
      const idleStart = (await calls()).length;
      await page.waitForTimeout(1500);
      const idleEnd = (await calls()).length;
      check('framework page at rest: no requests while idle', () =>
        idleEnd === idleStart ? null : `${idleEnd - idleStart} calls in 1.5 s of idle`,
      );
    });
  }

  try {
    await commonPages('loader');
    await commonPages('one file');
    await loaderPages({ hostPage: hostPageAs, check: checkAs, inspect, settle, notRendered, tags: TAGS });
  } finally {
    await browser.close();
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
  for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.title}${r.ok ? '' : `\n      ${r.problem}`}`);
  const failed = results.filter((r) => !r.ok).length;
  return { passed: results.length - failed, failed };
}
