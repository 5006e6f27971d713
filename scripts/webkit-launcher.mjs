// A Web Test Runner launcher for WebKit: Debian's WebKitWebDriver (WebKitGTK's MiniBrowser) under a
// virtual X display, spoken to over plain W3C WebDriver HTTP (no webdriverio, nothing downloaded).
// It presents itself as a puppeteer launcher whose getPage() returns a small page object with
// `keyboard`, `mouse` and `setViewport`, so @web/test-runner-commands (sendKeys with down/up, sendMouse,
// setViewport) work unchanged; the generic webdriver path of those commands lacks down/up and viewports.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureWebKit } from './browsers.mjs';

const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Backspace: '\uE003',
  Delete: '\uE017',
  Space: ' ',
  ' ': ' ',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Home: '\uE011',
  End: '\uE010',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Meta: '\uE03D',
};
const BUTTONS = { left: 0, middle: 1, right: 2 };
const keyValue = (key) =>
  KEYS[key] ??
  (key.length === 1 ? key : null) ??
  (() => {
    throw new Error(`WebKit launcher: unknown key ${key}`);
  })();

/** WebKitGTK's MiniBrowser, the browser WebKitWebDriver starts (libwebkit2gtk-4.1-0 ships it). */
function miniBrowser() {
  const lib = '/usr/lib';
  for (const dir of readdirSync(lib)) {
    const path = join(lib, dir, 'webkit2gtk-4.1/MiniBrowser');
    if (existsSync(path)) return path;
  }
  throw new Error('WebKit launcher: no MiniBrowser under /usr/lib/*/webkit2gtk-4.1/');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

class WebDriverSession {
  constructor(base) {
    this.base = base;
  }

  async call(method, path, body) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error ?? res.status} ${json.value?.message ?? ''}`);
    return json.value;
  }

  actions(source) {
    return this.call('POST', '/actions', { actions: [source] });
  }
}

/** The page object @web/test-runner-commands drives (the puppeteer calls it makes, on WebDriver actions). */
function pageFor(wd) {
  const keys = (...steps) => wd.actions({ type: 'key', id: 'keyboard', actions: steps });
  const pointer = (...steps) => wd.actions({ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: steps });
  const combo = (key) => (key.length > 1 && key.includes('+') ? key.split('+') : [key]).map(keyValue);
  return {
    keyboard: {
      type: (text) =>
        keys(
          ...[...text].flatMap((c) => [
            { type: 'keyDown', value: c },
            { type: 'keyUp', value: c },
          ]),
        ),
      press: (key) => {
        const parts = combo(key);
        return keys(...parts.map((value) => ({ type: 'keyDown', value })), ...parts.reverse().map((value) => ({ type: 'keyUp', value })));
      },
      down: (key) => keys({ type: 'keyDown', value: keyValue(key) }),
      up: (key) => keys({ type: 'keyUp', value: keyValue(key) }),
    },
    mouse: {
      move: (x, y) => pointer({ type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y), duration: 0 }),
      click: (x, y, { button = 'left' } = {}) =>
        pointer(
          { type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y), duration: 0 },
          { type: 'pointerDown', button: BUTTONS[button] },
          { type: 'pointerUp', button: BUTTONS[button] },
        ),
      down: ({ button = 'left' } = {}) => pointer({ type: 'pointerDown', button: BUTTONS[button] }),
      up: ({ button = 'left' } = {}) => pointer({ type: 'pointerUp', button: BUTTONS[button] }),
      reset: async () => {
        await wd.call('DELETE', '/actions');
        await pointer({ type: 'pointerMove', origin: 'viewport', x: 0, y: 0, duration: 0 });
      },
    },
    /** Role and name WebKit computes for the element a script finds (WebDriver computed role and label). */
    async computedAccessibility(find) {
      const element = await wd.call('POST', '/execute/sync', { script: `return ${find}`, args: [] });
      if (!element) throw new Error('WebKit launcher: the script found no element');
      const id = Object.values(element)[0];
      const [role, name] = await Promise.all([
        wd.call('GET', `/element/${id}/computedrole`),
        wd.call('GET', `/element/${id}/computedlabel`),
      ]);
      return { role, name };
    },
    /** WebDriver sizes the window: add the window's own frame so the viewport gets the asked size. */
    async setViewport({ width, height }) {
      const [dw, dh] = await wd.call('POST', '/execute/sync', {
        script: 'return [outerWidth - innerWidth, outerHeight - innerHeight]',
        args: [],
      });
      await wd.call('POST', '/window/rect', { width: width + dw, height: height + dh });
    },
  };
}

class WebKitLauncher {
  name = 'WebKit';
  // See the header: the commands plugins reach getPage() only for puppeteer or playwright launchers.
  type = 'puppeteer';
  // One MiniBrowser window: one test file at a time.
  concurrency = 1;
  activeSession = null;
  starting = null;

  async initialize() {}

  async start() {
    const { driver, xvfbRun } = ensureWebKit();
    const port = await freePort();
    // Its own process group, so stop() ends xvfb-run, Xvfb, the driver and MiniBrowser together.
    this.process = spawn(xvfbRun, ['-a', '-s', '-screen 0 1280x1024x24', driver, `--port=${port}`], { detached: true, stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await (await fetch(`${base}/status`)).json()).value?.ready) break;
      } catch {
        // not listening yet
      }
      if (i > 200) throw new Error('WebKitWebDriver did not start within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Popups allowed, as puppeteer's Chromium allows them (--disable-popup-blocking): sign-in popups are tested.
    const args = ['--automation', '--javascript-can-open-windows-automatically=true'];
    // The reader's default font size (WebKitGTK's default-font-size setting, what `font-size: medium` is): MiniBrowser
    // takes integer settings only from a configuration file, read once at start.
    const size = Number(process.env.PGO_DEFAULT_FONT_SIZE ?? 0);
    if (size) {
      const config = join(mkdtempSync(join(tmpdir(), 'pgo-webkit-')), 'minibrowser.ini');
      writeFileSync(config, `[websettings]\ndefault-font-size=${size}\ndefault-monospace-font-size=${Math.round((size * 13) / 16)}\n`);
      args.push(`--config=${config}`);
    }
    const browserOptions = { binary: miniBrowser(), args };
    const capabilities = { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': browserOptions } };
    const session = await new WebDriverSession(base).call('POST', '/session', { capabilities });
    this.wd = new WebDriverSession(`${base}/session/${session.sessionId}`);
    this.page = pageFor(this.wd);
    await this.page.setViewport({ width: 800, height: 600 });
  }

  async startSession(sessionId, url) {
    this.starting ??= this.start();
    await this.starting;
    this.activeSession = sessionId;
    await this.wd.call('POST', '/url', { url });
  }

  isActive(sessionId) {
    return this.activeSession === sessionId;
  }

  getBrowserUrl() {
    return this.wd.call('GET', '/url');
  }

  getPage() {
    return this.page;
  }

  async stopSession() {
    // A blank page stops the finished file's timers before the next one loads.
    await this.wd.call('POST', '/url', { url: 'about:blank' });
    this.activeSession = null;
    return {};
  }

  async startDebugSession() {
    throw new Error('WebKit launcher: no debug mode; run the file in Chromium with `npx wtr --manual`.');
  }

  async stop() {
    await this.wd?.call('DELETE', '').catch(() => {});
    if (this.process?.pid) {
      try {
        process.kill(-this.process.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

export const webkitLauncher = () => new WebKitLauncher();

/**
 * A WebKit window outside Web Test Runner, for suites that follow real navigations (the console's OpenID
 * Connect sign-in): goto, evaluate a script's value, press a key, the current URL, close.
 */
export async function openWebKitWindow() {
  const launcher = new WebKitLauncher();
  await launcher.start();
  const { wd, page } = launcher;
  return {
    goto: (url) => wd.call('POST', '/url', { url }),
    evaluate: (expression) => wd.call('POST', '/execute/sync', { script: `return (${expression})`, args: [] }),
    press: (key) => page.keyboard.press(key),
    url: () => wd.call('GET', '/url'),
    close: () => launcher.stop(),
  };
}
