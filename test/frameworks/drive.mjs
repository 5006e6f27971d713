// What every example app (examples/*) must do in Chromium, driven the same way whatever the framework:
// render, an object property arriving as a property, pgo-voted reaching the framework's state, a language
// switch reaching every widget at once, and unmount + remount.
const text = (selector) => `(() => {
  const el = document.querySelector(${JSON.stringify(selector)});
  return (el?.shadowRoot?.textContent ?? '').replace(/\\s+/g, ' ');
})()`;

async function waitText(page, selector, pattern) {
  try {
    await page.waitForFunction(([expression, source]) => new RegExp(source).test(eval(expression)), [text(selector), pattern.source], {
      timeout: 10000,
    });
    return '';
  } catch {
    return `${selector} never showed ${pattern}: "${(await page.evaluate(text(selector))).slice(0, 160)}"`;
  }
}

/** Runs the scenario on `url`; `check(title, fn)` records each step. */
export async function drive(browser, url, app, check) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(url);
    await check(
      `${app}: the widgets render (countdown, list of proposals with their vote buttons)`,
      async () =>
        (await waitText(page, 'pgo-phase-countdown', /Phase en cours/)) || (await waitText(page, 'pgo-proposal-list', /Rechercher/)),
    );
    await check(
      `${app}: object properties arrive as properties (data on the vote button${app === 'html' ? '' : ', customBackend on the provider'})`,
      async () => {
        const seen = await page.evaluate(() => {
          const button = document.querySelector('#data-button');
          const provider = document.querySelector('pgo-consultation');
          return {
            data: button?.data?.id,
            attr: button?.getAttribute('data'),
            backend: provider?.customBackend?.kind ?? null,
            attrs: provider?.getAttributeNames(),
          };
        });
        if (seen.data !== 'p0' || seen.attr !== null) return `data: ${JSON.stringify(seen)}`;
        if (app !== 'html' && (seen.backend !== 'memory' || seen.attrs.some((a) => /custom-?backend/i.test(a))))
          return `customBackend: ${JSON.stringify(seen)}`;
        return waitText(page, '#data-button', /Soutenir/);
      },
    );
    await check(`${app}: pgo-voted reaches the framework's state`, async () => {
      await page.locator('#data-button button').first().click();
      await page.waitForFunction(() => document.querySelector('#voted')?.textContent === 'p0', null, { timeout: 10000 }).catch(() => {});
      const shown = await page.evaluate(() => document.querySelector('#voted')?.textContent);
      return shown === 'p0' ? '' : `#voted shows "${shown}"`;
    });
    await check(`${app}: switching the language reaches every widget at once`, async () => {
      await page.click('#lang');
      return (
        (await waitText(page, 'pgo-phase-countdown', /Open now/)) ||
        (await waitText(page, 'pgo-proposal-list', /Search/)) ||
        (await waitText(page, '#data-button', /Support/))
      );
    });
    await check(`${app}: unmount and remount`, async () => {
      await page.click('#toggle');
      await page.waitForFunction(() => !document.querySelector('pgo-consultation'), null, { timeout: 10000 }).catch(() => {});
      if (await page.evaluate(() => !!document.querySelector('pgo-consultation'))) return 'the widgets stayed after unmounting';
      await page.click('#toggle');
      return (
        (await waitText(page, 'pgo-phase-countdown', /Open now|Phase en cours/)) ||
        (await waitText(page, 'pgo-proposal-list', /Search|Rechercher/)) ||
        (await page.evaluate(() => (document.querySelector('#data-button')?.data?.id === 'p0' ? '' : 'data lost after remount')))
      );
    });
    await check(`${app}: no page or console error`, () => (errors.length ? errors.join(' | ') : ''));
  } finally {
    await page.close();
  }
}
