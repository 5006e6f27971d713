// Finds the browsers the tests drive, and installs Debian's packages when they are missing and apt-get
// is usable. Nothing here downloads a browser build of its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROME_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

export function findChrome() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return CHROME_PATHS.find((path) => existsSync(path)) ?? null;
}

/** Flags Chromium needs here: root needs --no-sandbox; the closed network wants no background calls. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function aptUsable() {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Another install (PostgreSQL, another engine) may hold dpkg's lock for a while: wait for it.
const APT_WAIT = ['-o', 'DPkg::Lock::Timeout=300'];
let aptUpdated = false;
/** Installs Debian packages with apt-get (as root); returns false when apt-get is not usable. */
export function aptInstall(packages) {
  if (!aptUsable()) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq', ...APT_WAIT], { stdio: ['ignore', 'ignore', 'inherit'], env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...APT_WAIT, ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  return true;
}

export function ensureChrome() {
  let path = findChrome();
  if (path) return path;
  console.log("pgo-widgets: no Chrome or Chromium found; installing Debian's chromium with apt-get…");
  if (!aptInstall(['chromium'])) {
    console.error(
      'pgo-widgets: no Chrome or Chromium found. Install one (Debian: `sudo apt-get install chromium`) or set CHROME_PATH to its executable, then run `npm test` again.',
    );
    process.exit(1);
  }
  path = findChrome();
  if (!path) {
    console.error('pgo-widgets: apt-get installed chromium but no executable was found; set CHROME_PATH.');
    process.exit(1);
  }
  return path;
}

/** Finds a program, else installs Debian's packages for it; exits with a one-line instruction when it cannot. */
function ensureProgram(label, paths, packages) {
  let path = paths.find((p) => existsSync(p));
  if (path) return path;
  console.log(`pgo-widgets: ${label} not found; installing Debian's ${packages.join(' ')} with apt-get…`);
  if (!aptInstall(packages)) {
    console.error(
      `pgo-widgets: ${label} not found. Install it (Debian: \`sudo apt-get install ${packages.join(' ')}\`), then run the tests again.`,
    );
    process.exit(1);
  }
  path = paths.find((p) => existsSync(p));
  if (!path) {
    console.error(`pgo-widgets: apt-get installed ${packages.join(' ')} but ${label} is still missing.`);
    process.exit(1);
  }
  return path;
}

export const findFirefox = () =>
  [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p)) ?? null;

/** Debian's firefox-esr, driven through WebDriver BiDi by puppeteer-core (no geckodriver needed). */
export function ensureFirefox() {
  return ensureProgram('Firefox', [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean), ['firefox-esr']);
}

/**
 * Debian's WebKitGTK WebDriver (it starts WebKitGTK's MiniBrowser) and the virtual X display it needs:
 * WebKitGTK 2.50 on GTK 3 has no headless mode, so it runs under xvfb-run.
 */
export function ensureWebKit() {
  const driver = ensureProgram('WebKitWebDriver', ['/usr/bin/WebKitWebDriver'], ['webkit2gtk-driver']);
  const xvfbRun = ensureProgram('xvfb-run', ['/usr/bin/xvfb-run'], ['xvfb', 'xauth']);
  return { driver, xvfbRun };
}
