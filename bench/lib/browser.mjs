// Headless Chromium for the page benchmarks (Debian's, found or installed by scripts/browsers.mjs; never
// a download), and a loopback HTTP server for the bundles and the generated pages.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
import { BENCH, OUT } from './paths.mjs';

export async function launchChromium() {
  return chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS, headless: true });
}

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html; charset=utf-8' };
const FOLDERS = { '/out/': OUT, '/peers/': join(BENCH, 'peers') };

/**
 * Serves `/out/*` (the bundles in OUT), `/peers/*` (bench/peers) and `/page/<name>` from `pages` (name -> HTML),
 * never cached, so every load fetches and compiles afresh like a first visit.
 */
export async function startStaticServer(pages) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let body = null;
    let type = TYPES['.html'];
    if (path.startsWith('/page/')) {
      body = pages.get(path.slice('/page/'.length)) ?? null;
    } else {
      const prefix = Object.keys(FOLDERS).find((p) => path.startsWith(p));
      const file = prefix && normalize(join(FOLDERS[prefix], path.slice(prefix.length)));
      if (file && file.startsWith(FOLDERS[prefix])) {
        body = await readFile(file).catch(() => null);
        type = TYPES[extname(file)] ?? 'application/octet-stream';
      }
    }
    res.writeHead(body === null ? 404 : 200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** A page in a fresh context (empty cache), with the CPU slowed `rate` times through the DevTools protocol. */
export async function throttledPage(browser, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (rate > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }
  return { page, close: () => context.close() };
}
