// The organiser console as served at /admin/ (issue 19), in Chromium: the built page under its strict CSP
// (no inline script or style, Trusted Types), with no CSP violation and no console error while an
// organiser signs in and the queue renders; the CSP header itself; nothing of the console in dist/cdn/.
// Then OpenID Connect by keyboard against a real local provider (oidc-provider, started here): the sign-in
// page's link, the provider, back to the console signed in; a refused e-mail explained on the page. The same
// sign-in by keyboard in Firefox (puppeteer-core over WebDriver BiDi) and WebKit (WebKitWebDriver): the
// redirects through the provider and the SameSite=Strict session cookie they end with are each engine's own.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, ensureChrome, ensureFirefox } from '../../scripts/browsers.mjs';
import { openWebKitWindow } from '../../scripts/webkit-launcher.mjs';
import { pathToFileURL } from 'node:url';
import { startReferenceServer } from '../reference-server.mjs';

export const name = 'console-csp';

export async function run() {
  const counts = { passed: 0, failed: 0 };
  const check = (title, problem) => {
    if (problem) {
      counts.failed++;
      console.log(`  ✗ ${title}: ${problem}`);
    } else {
      counts.passed++;
      console.log(`  ✓ ${title}`);
    }
  };
  const { buildConsole } = await import('../../scripts/build-console.mjs');
  await buildConsole();
  // npm test builds dist/cdn/ before the suites; alone, the check needs `npm run build` first.
  const cdn = existsSync('dist/cdn')
    ? readdirSync('dist/cdn', { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.js'))
    : [];
  if (cdn.length)
    check(
      'no console element in dist/cdn/',
      cdn.some((f) => readFileSync(`dist/cdn/${f.name}`, 'utf8').includes('pgo-moderation-queue'))
        ? 'found pgo-moderation-queue in the CDN build'
        : null,
    );
  const { tsImport } = await import('tsx/esm/api');
  const { startTestProvider } = await tsImport(pathToFileURL('server/test/oidc-provider.ts').href, import.meta.url);
  const provider = await startTestProvider({
    oidcUser: { email: 'agent@ville.example.fr', email_verified: true },
    stranger: { email: 'inconnu@ailleurs.example.fr', email_verified: true },
  });
  const oidc = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: 'ProConnect' };
  const server = await startReferenceServer({ oidc });
  provider.register(`${server.url}/api/v1/admin/oidc/callback`);
  const browser = await chromium.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_ARGS });
  try {
    const password = 'une phrase de passe pour la csp';
    await fetch(`${server.url}/api/v1/admin/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ setupToken: server.setupToken, email: 'csp@ville.example.fr', displayName: 'CSP', password }),
    });
    const page = await browser.newPage({ locale: 'en-GB' });
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // "Failed to load resource" is the browser logging an HTTP status (the signed-out 401, a missing favicon).
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
    });
    await page.exposeFunction('pgoViolation', (v) => problems.push(`CSP: ${v}`));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => window.pgoViolation(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    const answer = await page.goto(`${server.url}/admin/`);
    const csp = answer.headers()['content-security-policy'] ?? '';
    check(
      '/admin/ answers with a strict CSP (no unsafe-inline, Trusted Types)',
      /script-src 'self'/.test(csp) && /style-src 'self'/.test(csp) && !/unsafe/.test(csp) && /require-trusted-types-for 'script'/.test(csp)
        ? null
        : csp,
    );
    const html = await answer.text();
    check('the page has no inline script or style', /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/i.test(html) ? 'found one' : null);
    await page.locator('pgo-console-sign-in #f-email').fill('csp@ville.example.fr');
    await page.locator('pgo-console-sign-in #f-password').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('pgo-moderation-queue [role="tab"]').first().waitFor({ timeout: 30_000 });
    await page.locator('pgo-moderation-queue .item, pgo-moderation-queue .pgo-notice').first().waitFor({ timeout: 30_000 });
    check(
      'signing in and showing the queue under the CSP: no violation, no error',
      problems.length ? problems.slice(0, 5).join('; ') : null,
    );
    await draftSurvivesReload(page, check, problems);
    await oidcByKeyboard(browser, server, provider, check);
    for (const [engine, open] of [
      ['Firefox', openFirefoxWindow],
      ['WebKit', openWebKitWindow],
    ]) {
      await oidcInEngine(engine, open, server, provider, check);
    }
  } catch (error) {
    check('the console runs at /admin/', String(error?.message ?? error).split('\n')[0]);
  } finally {
    await browser.close();
    await server.close();
    await provider.close();
  }
  return counts;
}

/**
 * Issue 19: an unsaved settings edit comes back after a real reload of /admin/, typed and reloaded at once (no field
 * left: the page's `pagehide` writes the draft), still under the CSP.
 */
async function draftSurvivesReload(page, check, problems) {
  try {
    const settings = () => page.locator('pgo-console nav button', { hasText: /^\s*(Settings|Paramètres)\s*$/ }).click();
    const title = page.locator('pgo-consultation-editor #f-consultation-title');
    await settings();
    await title.click({ timeout: 30_000 });
    await page.keyboard.press('End');
    await page.keyboard.type(' (avant rechargement)');
    await page.reload();
    await settings();
    await page.locator('pgo-consultation-editor [part="draft-notice"]').waitFor({ timeout: 30_000 });
    const value = await title.inputValue();
    check(
      'an unsaved settings edit survives a real reload (no CSP violation, no error)',
      !value.endsWith(' (avant rechargement)') ? `the title reads “${value}”` : problems.length ? problems.slice(0, 5).join('; ') : null,
    );
  } catch (error) {
    check('an unsaved settings edit survives a real reload', String(error?.message ?? error).split('\n')[0]);
  }
}

/**
 * Tabs until the focused element (through shadow roots) matches `selector`; false after `max` presses. `window`:
 * anything with `evaluate(expression)` and `press(key)` (a Playwright page through `playwrightWindow`, openFirefoxWindow,
 * openWebKitWindow).
 */
async function tabTo(window, selector, max = 30) {
  const focusedMatches = `(() => { let a = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return Boolean(a?.matches(${JSON.stringify(selector)})); })()`;
  for (let i = 0; i < max; i++) {
    if (await window.evaluate(focusedMatches)) return true;
    await window.press('Tab');
  }
  return false;
}

/** A Playwright page as the small window interface the other engines' drivers offer. */
const playwrightWindow = (page) => ({ evaluate: (expression) => page.evaluate(expression), press: (key) => page.keyboard.press(key) });

async function oidcByKeyboard(browser, server, provider, check) {
  // The agent's organiser account has no password: the provider is their only way in.
  await fetch(`${server.url}/api/v1/admin/organisers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ email: 'agent@ville.example.fr', displayName: 'Agent', roles: [{ consultationId: '*', role: 'moderator' }] }),
  });
  const problems = [];
  // A browser of its own per person: the provider remembers who signed in there.
  const newPage = async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.exposeFunction('pgoViolation', (v) => problems.push(`CSP: ${v}`));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => window.pgoViolation(`${e.violatedDirective} ${e.blockedURI}`)),
    );
    return page;
  };
  const signInWith = async (page, account) => {
    provider.nextAccount = account;
    await page.goto(`${server.url}/admin/`);
    await page.locator('pgo-console-sign-in [part="oidc"]').waitFor({ timeout: 30_000 });
    if (!(await tabTo(playwrightWindow(page), '[part="oidc"]'))) throw new Error('Tab never reached the OpenID Connect link');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/admin/**`, { timeout: 30_000 });
  };
  const page = await newPage();
  const link = await page.goto(`${server.url}/admin/`).then(() => page.locator('pgo-console-sign-in [part="oidc"]'));
  await link.waitFor({ timeout: 30_000 });
  check(
    'the sign-in page offers the configured provider by name',
    (await link.textContent()).trim() === 'Se connecter avec ProConnect' ? null : await link.textContent(),
  );
  await signInWith(page, 'oidcUser');
  await page.locator('pgo-moderation-queue [role="tab"]').first().waitFor({ timeout: 30_000 });
  const who = (await page.locator('pgo-console header span').textContent()) ?? '';
  check(
    'OpenID Connect by keyboard: the link, the provider, back in the console signed in as the agent',
    who.includes('Agent') ? null : who,
  );
  const stranger = await newPage();
  await signInWith(stranger, 'stranger');
  const alert = stranger.locator('pgo-console-sign-in [role="alert"]');
  await alert.waitFor({ timeout: 30_000 });
  const said = ((await alert.textContent()) ?? '').trim();
  check(
    'an e-mail no organiser has: refused, and the page says why (the address is gone from the URL)',
    /Aucun compte d’organisateur/.test(said) && !stranger.url().includes('signin-error') ? null : `${said} at ${stranger.url()}`,
  );
  check('OpenID Connect sign-in under the CSP: no violation, no error', problems.length ? problems.slice(0, 5).join('; ') : null);
}

/** A Firefox window with the same small interface as openWebKitWindow(). */
async function openFirefoxWindow() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: ensureFirefox(),
    headless: true,
    protocol: 'webDriverBiDi',
  });
  const page = await browser.newPage();
  return {
    goto: (url) => page.goto(url),
    evaluate: (expression) => page.evaluate(`(${expression})`),
    press: (key) => page.keyboard.press(key),
    url: async () => page.url(),
    close: () => browser.close(),
  };
}

/** Polls a window's script until it is truthy; its last value otherwise, after `tries` × 250 ms. */
async function until(window, expression, tries = 120) {
  let value;
  for (let i = 0; i < tries; i++) {
    value = await window.evaluate(expression).catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  return value;
}

const SIGN_IN = `document.querySelector('pgo-console')?.shadowRoot?.querySelector('pgo-console-sign-in')?.shadowRoot`;

/** Issue 19: OpenID Connect by keyboard in another engine, an agent and a stranger, each in a fresh window. */
async function oidcInEngine(engine, open, server, provider, check) {
  const signIn = async (account) => {
    const window = await open();
    try {
      provider.nextAccount = account;
      await window.goto(`${server.url}/admin/`);
      if (!(await until(window, `!!${SIGN_IN}?.querySelector('[part="oidc"]')`))) throw new Error('no OpenID Connect link');
      if (!(await tabTo(window, '[part="oidc"]'))) throw new Error('Tab never reached the OpenID Connect link');
      await window.press('Enter');
      const who = await until(
        window,
        `location.pathname.startsWith('/admin') && (document.querySelector('pgo-console')?.shadowRoot?.querySelector('header span')?.textContent ?? ${SIGN_IN}?.querySelector('[role="alert"]')?.textContent ?? '')`,
      );
      return { who: String(who ?? '').trim(), url: await window.url() };
    } finally {
      await window.close();
    }
  };
  try {
    const agent = await signIn('oidcUser');
    check(
      `${engine}: OpenID Connect by keyboard, back in the console signed in as the agent`,
      agent.who.includes('Agent') ? null : agent.who,
    );
    const stranger = await signIn('stranger');
    check(
      `${engine}: an e-mail no organiser has is refused and the page says why`,
      /Aucun compte d’organisateur|No organiser account/.test(stranger.who) && !stranger.url.includes('signin-error')
        ? null
        : `${stranger.who} at ${stranger.url}`,
    );
  } catch (error) {
    check(`${engine}: OpenID Connect by keyboard`, String(error?.message ?? error).split('\n')[0]);
  }
}
