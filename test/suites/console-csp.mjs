// The organiser console as served at /admin/ (issue 19), in Chromium: the built page under its strict CSP
// (no inline script or style, Trusted Types), with no CSP violation and no console error while an
// organiser signs in and the queue renders; the CSP header itself; nothing of the console in dist/cdn/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, ensureChrome } from '../../scripts/browsers.mjs';
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
  const server = await startReferenceServer({});
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
  } catch (error) {
    check('the console runs at /admin/', String(error?.message ?? error).split('\n')[0]);
  } finally {
    await browser.close();
    await server.close();
  }
  return counts;
}
