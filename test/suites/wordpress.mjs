// The WordPress plugin, end to end: WordPress and MariaDB from Debian's packages (installed when
// missing), a private database, the plugin activated, a page with a shortcode and a block, a
// contributor's post, and Chromium checking that the elements render and work against the reference
// server, and that a contributor cannot inject other tags.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { aptInstall, CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
import { startReferenceServer } from '../reference-server.mjs';
import { insertBlockInEditor } from '../wordpress/editor.mjs';

export const name = 'wordpress';

const PACKAGES = ['wordpress', 'wordpress-theme-twentytwentyone', 'mariadb-server', 'php-cli', 'php-mysql'];
const root = resolve('.');

function freePort() {
  return new Promise((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitFor(check, what, timeout = 30000) {
  const start = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function ensurePackages() {
  const missing =
    !existsSync('/usr/share/wordpress/wp-settings.php') ||
    !existsSync('/usr/sbin/mariadbd') ||
    !existsSync('/usr/bin/php') ||
    (!existsSync('/usr/share/wordpress/wp-content/themes/twentytwentyone') &&
      !existsSync('/var/lib/wordpress/wp-content/themes/twentytwentyone'));
  if (missing && !aptInstall(PACKAGES)) throw new Error(`WordPress test needs Debian packages: apt-get install ${PACKAGES.join(' ')}`);
}

/** A private MariaDB on loopback, in a temporary data folder, stopped by `stop()`. */
async function startMariaDb(dir) {
  const data = join(dir, 'mysql');
  mkdirSync(data);
  execFileSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=socket', '--skip-test-db'],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  const socket = join(dir, 'mysql.sock');
  const child = spawn(
    '/usr/sbin/mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      `--pid-file=${join(dir, 'mysql.pid')}`,
      '--skip-log-error',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(() => existsSync(socket), 'MariaDB to start');
  const sql = (query) => execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', query], { encoding: 'utf8' });
  await waitFor(() => (sql('SELECT 1'), true), 'MariaDB to answer');
  sql(
    "CREATE DATABASE wp CHARACTER SET utf8mb4; CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY 'wp-test'; GRANT ALL ON wp.* TO 'wp'@'127.0.0.1';",
  );
  return { port, stop: () => child.kill('SIGTERM') };
}

/** A WordPress site in `dir`: Debian's files, our own wp-config.php and wp-content with the plugin linked in. */
function prepareWordPress(dir, dbPort, siteUrl) {
  const wp = join(dir, 'wp');
  execFileSync('cp', ['-a', '/usr/share/wordpress', wp]);
  // Debian links some core scripts (underscore, …) relatively to /usr/share/javascript: keep them reachable
  // from the copy, or the editor's media scripts fail to load.
  symlinkSync('/usr/share/javascript', join(dir, 'javascript'));
  rmSync(join(wp, 'wp-config.php'), { force: true });
  rmSync(join(wp, 'wp-content'), { recursive: true, force: true });
  mkdirSync(join(wp, 'wp-content', 'plugins'), { recursive: true });
  mkdirSync(join(wp, 'wp-content', 'themes'), { recursive: true });
  mkdirSync(join(wp, 'wp-content', 'uploads'), { recursive: true });
  mkdirSync(join(wp, 'wp-content', 'mu-plugins'), { recursive: true });
  // No mail on this machine: WordPress's install e-mail goes nowhere.
  writeFileSync(join(wp, 'wp-content', 'mu-plugins', 'no-mail.php'), '<?php function wp_mail() { return true; }\n');
  const themes = ['/usr/share/wordpress/wp-content/themes', '/var/lib/wordpress/wp-content/themes'].find((d) =>
    existsSync(join(d, 'twentytwentyone')),
  );
  symlinkSync(join(themes, 'twentytwentyone'), join(wp, 'wp-content', 'themes', 'twentytwentyone'));
  symlinkSync(join(root, 'wordpress', 'pgo-widgets'), join(wp, 'wp-content', 'plugins', 'pgo-widgets'));
  // The plugin ships the library's CDN build; npm test has just built it.
  // pgo-widgets.js is the loader: its chunks and their manifest go beside it (PGO_CDN_BUNDLE: one file instead).
  const assets = join(root, 'wordpress', 'pgo-widgets', 'assets');
  if (process.env.PGO_CDN_BUNDLE) copyFileSync(process.env.PGO_CDN_BUNDLE, join(assets, 'pgo-widgets.js'));
  else
    for (const file of readdirSync(join(root, 'dist', 'cdn')).filter((f) =>
      /^(pgo-widgets\.js|pgo-manifest\.json|[\w.-]+-[0-9a-f]{6}\.js)$/.test(f),
    ))
      copyFileSync(join(root, 'dist', 'cdn', file), join(assets, file));
  writeFileSync(
    join(wp, 'wp-config.php'),
    `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp-test'); define('DB_HOST', '127.0.0.1:${dbPort}');
define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
define('WP_HOME', '${siteUrl}'); define('WP_SITEURL', '${siteUrl}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content'); define('WP_CONTENT_URL', '${siteUrl}/wp-content');
define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_HTTP_BLOCK_EXTERNAL', true); define('DISABLE_WP_CRON', true);
define('WP_DEBUG', true); define('WP_DEBUG_DISPLAY', false); define('WP_DEBUG_LOG', '${join(dir, 'debug.log')}');
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
  );
  return wp;
}

/** The reference server with the demo action-plan consultation, allowing the WordPress site's origin. */
async function startConsultationServer(siteUrl) {
  const config = JSON.parse(readFileSync(join(root, 'server/config/plan-action-2017.json'), 'utf8'));
  config.allowedOrigins = [siteUrl];
  const server = await startReferenceServer({ consultations: [config] });
  const consultationId = config.consultation.id;
  const api = `${server.url}/api/v1/consultations/${consultationId}`;
  const page = await (await fetch(`${api}/proposals?sort=newest&limit=1`)).json();
  const proposalId = page.items[0].id;
  const total = async (id) => (await (await fetch(`${api}/proposals/${id}`)).json()).tally.total;
  const before = await total(proposalId);
  return { ...server, consultationId, proposalId, votesFor: async (id) => (await total(id)) - before };
}

export async function run() {
  ensurePackages();
  const dir = mkdtempSync(join(tmpdir(), 'pgo-wordpress-'));
  const results = [];
  const check = (label, ok, detail = '') => {
    results.push({ label, ok });
    console.log(`${ok ? '  ✓' : '  ✗'} ${label}${ok || !detail ? '' : ` — ${detail}`}`);
  };
  let db;
  let php;
  let server;
  let browser;
  try {
    db = await startMariaDb(dir);
    const wpPort = await freePort();
    const siteUrl = `http://127.0.0.1:${wpPort}`;
    server = await startConsultationServer(siteUrl);
    const wp = prepareWordPress(dir, db.port, siteUrl);
    const setup = JSON.parse(
      execFileSync('php', [join(root, 'test/wordpress/setup.php'), wp, siteUrl, server.url, server.consultationId, server.proposalId], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop(),
    );
    check('the plugin activates', setup.activated === true);
    check(
      'bad settings are refused with clear messages',
      setup.settingsErrors.length === 3 && setup.settingsErrors.some((m) => m.includes('https://')),
      JSON.stringify(setup.settingsErrors),
    );
    check(
      'valid settings are stored',
      setup.settings.endpoint === server.url && setup.settings.consultation === server.consultationId && setup.settings.theme === 'dsfr',
      JSON.stringify(setup.settings),
    );

    Object.assign(
      setup,
      JSON.parse(
        execFileSync('php', [join(root, 'test/wordpress/inspect.php'), wp, siteUrl], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .pop(),
      ),
    );
    check(
      'a block and a shortcode exist for every element',
      setup.blocks.length === Object.keys(setup.elements).length - 1 && setup.shortcodes.length === Object.keys(setup.elements).length,
      JSON.stringify([setup.blocks, setup.shortcodes]),
    );
    const types = Object.entries(setup.blockTypes);
    const blockJson = (name) => join(root, 'wordpress/pgo-widgets/blocks', name.slice('pgo-widgets/'.length), 'block.json');
    check(
      'each block is registered from its block.json, API version 3, with the attributes of the one list of elements',
      types.length > 0 &&
        types.every(
          ([name, t]) =>
            t.apiVersion === 3 &&
            t.attributesMatch &&
            t.rendersCallback &&
            existsSync(blockJson(name)) &&
            JSON.parse(readFileSync(blockJson(name), 'utf8')).apiVersion === 3,
        ),
      JSON.stringify(setup.blockTypes),
    );
    check(
      'the plugin’s texts are translated into French (.mo)',
      setup.french[0] === 'Bouton de vote' && setup.french[1] === 'Adresse du serveur de consultation',
      JSON.stringify(setup.french),
    );
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const declared = new Map(
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .filter((d) => d.tagName?.startsWith('pgo-'))
        .map((d) => [d.tagName, (d.attributes ?? []).map((a) => a.name)]),
    );
    const drift = [...declared].flatMap(([tag, attributes]) => {
      const known = setup.elements[tag];
      if (!known) return [`${tag} missing`];
      return attributes
        .filter((a) => !['backend', 'endpoint', 'consultation', 'lang'].includes(a) && !(a in known))
        .map((a) => `${tag}[${a}] not allowed`);
    });
    check(
      'the plugin knows every element and attribute of custom-elements.json',
      declared.size > 0 && drift.length === 0,
      drift.join(', '),
    );

    const content = setup.contributorContent;
    check('a contributor cannot use unfiltered HTML', setup.contributorCanUnfiltered === false);
    check(
      'pasted <pgo-…> elements and their attributes survive the HTML filter',
      /<pgo-vote-button proposal="[^"]+"/.test(content) && /<pgo-phase-countdown compact hide-timeline consultation=/.test(content),
      content,
    );
    check(
      'a contributor cannot inject other tags or attributes',
      !/<script|<iframe|onerror|onclick|data-evil|style=|<pgo-unknown/i.test(content),
      content,
    );

    php = spawn('php', ['-S', `127.0.0.1:${wpPort}`, '-t', wp], { stdio: 'ignore' });
    await waitFor(async () => (await fetch(`${siteUrl}/wp-login.php`)).status < 500, 'the PHP server');

    browser = await chromium.launch({ executablePath: ensureChrome(), args: CHROME_ARGS });
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The test site has no favicon; that 404 is WordPress's, not ours.
    page.on(
      'console',
      (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(`${m.text()} ${m.location().url}`),
    );
    await page.goto(setup.pageUrl);
    const scripts = await page.$$eval('script[src*="pgo-widgets.js"]', (s) => s.map((x) => x.type));
    check('the library is loaded once, as a module script', scripts.length === 1 && scripts[0] === 'module', JSON.stringify(scripts));
    if (!process.env.PGO_CDN_BUNDLE) {
      // The loader's chunks for exactly the tags on the page (and their English: the site speaks en-US).
      const preloads = (
        await page.$$eval('link[rel="modulepreload"]', (l) => l.map((x) => new URL(x.href).pathname.split('/').pop()))
      ).sort();
      const onPage = await page.evaluate(() => [
        ...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('pgo-'))),
      ]);
      const manifest = JSON.parse(readFileSync(join(root, 'dist', 'cdn', 'pgo-manifest.json'), 'utf8'));
      const wanted = [...new Set(onPage.flatMap((tag) => [...(manifest.tags[tag] ?? []), ...(manifest.languages.en?.[tag] ?? [])]))].sort();
      check(
        'modulepreload hints for exactly the chunks of the page’s widgets',
        preloads.length > 0 && JSON.stringify(preloads) === JSON.stringify(wanted),
        `${onPage.join(' ')}: ${preloads.join(' ')} vs ${wanted.join(' ')}`,
      );
    }
    check('the DSFR theme stylesheet is loaded', (await page.$$('link[href*="themes/dsfr.css"]')).length === 1);
    // WordPress's default site language is en-US: the widgets follow <html lang>.
    const lang = await page.evaluate(() => document.documentElement.lang);
    await page
      .waitForFunction(() => document.querySelector('pgo-phase-countdown')?.shadowRoot?.textContent?.includes('idéation'), null, {
        timeout: 15000,
      })
      .catch(() => {});
    const countdown = (await page.evaluate(() => document.querySelector('pgo-phase-countdown')?.shadowRoot?.textContent ?? '')).replace(
      /\s+/g,
      ' ',
    );
    check(
      'the shortcode countdown renders the server’s open phase in the page’s language',
      lang === 'en-US' && /Open now Phase 1 : idéation \d+ days/.test(countdown),
      `${lang}: ${countdown.slice(0, 200)}`,
    );
    const button = page.locator('pgo-vote-button').first().locator('button').first();
    await button.waitFor({ timeout: 15000 }).catch(() => {});
    const pressedBefore = await button.getAttribute('aria-pressed').catch(() => null);
    await button.click({ timeout: 5000 }).catch(() => {});
    await page
      .waitForFunction(() => document.querySelector('pgo-vote-button')?.shadowRoot?.querySelector('button[aria-pressed="true"]'), null, {
        timeout: 10000,
      })
      .catch(() => {});
    // The button updates optimistically: wait for the server to have the vote.
    await waitFor(async () => (await server.votesFor(server.proposalId)) >= 1, 'the vote to reach the server', 10000).catch(() => {});
    const votes = await server.votesFor(server.proposalId);
    const voteText = await page.evaluate(
      () => document.querySelector('pgo-vote-button')?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
    );
    check(
      'the block vote button votes on the reference server',
      pressedBefore === 'false' && votes >= 1,
      `aria-pressed before: ${pressedBefore}, votes stored: ${votes}; ${voteText} ${errors.join(' | ')}`,
    );
    const list = await page.evaluate(() => document.querySelector('pgo-consultation pgo-proposal-list')?.shadowRoot?.textContent ?? '');
    check('the wrapped proposal list renders the server’s proposals', list.length > 50, list.slice(0, 200));
    check('no page or console error', errors.length === 0, errors.join(' | '));

    await page.goto(setup.plainUrl);
    check('a page without widgets loads no library', (await page.$$('script[src*="pgo-widgets.js"]')).length === 0);

    await page.goto(setup.contributorUrl);
    await page.waitForTimeout(500);
    check(
      'the contributor’s post renders its element and runs none of the smuggled code',
      await page.evaluate(() => !!document.querySelector('pgo-phase-countdown')?.shadowRoot && !('__pwned' in window)),
    );

    await insertBlockInEditor(page, siteUrl, server.proposalId, check);

    const uninstall = JSON.parse(
      execFileSync('php', [join(root, 'test/wordpress/uninstall.php'), wp, siteUrl], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop(),
    );
    check('uninstalling removes the plugin’s options', uninstall.before === true && uninstall.after === false, JSON.stringify(uninstall));
  } finally {
    await browser?.close().catch(() => {});
    php?.kill('SIGTERM');
    db?.stop();
    await server?.close().catch(() => {});
    await new Promise((r) => setTimeout(r, 500));
    // MariaDB may still be writing its last files as it stops.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
  return { passed: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
}

// Run alone: node test/suites/wordpress.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = await run();
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed ? 1 : 0);
}
