// Hostile pages of the loader's own (test/suites/hostile.mjs runs them through pgo-widgets.js): a CDN
// path with WordPress's ?ver= query, widgets inside another component's shadow roots, a provider whose
// chunk arrives after its children's, and a chunk answering 404 (error state, then a working retry).

/** Requests of the page for library files, by folder. */
const libraryRequests = (log) => log.requests.filter((u) => /\/[\w.-]+-[0-9a-f]{6}\.js/.test(u));

export async function loaderPages({ hostPage, check, inspect, settle, notRendered, tags }) {
  await hostPage('/hostile/loader-paths.html', '[loader] CDN path and ?ver= query', async (page, states, log) => {
    const chunks = libraryRequests(log);
    check('[loader] CDN path and ?ver= query: every chunk comes from beside the loader', () => {
      const elsewhere = chunks.filter((u) => !new URL(u).pathname.startsWith('/static/cdn/pgo/1.2/'));
      return !chunks.length ? 'no chunk requested' : elsewhere.length ? elsewhere.join(', ') : null;
    });
    check('[loader] CDN path and ?ver= query: each chunk fetched once', () => {
      const twice = chunks.filter((u, i) => chunks.indexOf(u) !== i);
      return twice.length ? twice.join(', ') : null;
    });
  });

  await hostPage(
    '/hostile/nested.html',
    '[loader] widgets in nested shadow roots',
    async (page) => {
      await page.waitForFunction(() =>
        document.querySelector('host-panel')?.shadowRoot?.querySelector('host-card')?.shadowRoot?.querySelector('pgo-vote-button'),
      );
      const inner = () => document.querySelector('host-panel').shadowRoot.querySelector('host-card').shadowRoot;
      await page
        .waitForFunction(
          (list) =>
            list.every((tag) => {
              const el = document.querySelector('host-panel').shadowRoot.querySelector('host-card').shadowRoot.querySelector(tag);
              return tag === 'pgo-consultation'
                ? el?.shadowRoot
                : el?.shadowRoot?.textContent.trim() && !el.shadowRoot.querySelector('[aria-busy="true"]');
            }),
          tags,
          { timeout: 15_000 },
        )
        .catch(() => {});
      const states = await page.evaluate(
        ({ source, list }) => {
          const root = new Function(`return (${source})()`)();
          return list.map((tag) => {
            const el = root.querySelector(tag);
            return {
              tag,
              found: !!el,
              upgraded: !!customElements.get(tag) && el instanceof customElements.get(tag),
              text: el?.shadowRoot?.textContent.trim() ?? '',
              busy: !!el?.shadowRoot?.querySelector('[aria-busy="true"]'),
              alert: el?.shadowRoot?.querySelector('[part~="error"]')?.textContent.trim() ?? null,
              width: el?.getBoundingClientRect().width ?? 0,
              height: el?.getBoundingClientRect().height ?? 0,
            };
          });
        },
        { source: inner.toString(), list: tags },
      );
      for (const s of states) check(`[loader] widgets in nested shadow roots: <${s.tag}> renders`, () => notRendered(s));
    },
    { topLevel: false },
  );

  await hostPage('/hostile/loader-late-provider.html', '[loader] provider chunk a second late', async (page) => {
    const order = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/(consultation|vote-button)-[0-9a-f]+\.js$/.test(e.name))
        .map((e) => ({ name: e.name.replace(/.*\/|-[0-9a-f]+\.js$/g, ''), end: e.responseEnd })),
    );
    check("[loader] provider chunk a second late: the children's chunks arrived first", () => {
      const provider = order.find((o) => o.name === 'consultation');
      const child = order.find((o) => o.name === 'vote-button');
      return provider && child && provider.end > child.end ? null : `order ${JSON.stringify(order)}`;
    });
    const noConsultation = await page.evaluate(() =>
      [...document.querySelectorAll('pgo-consultation > .widget > *')]
        .filter((el) => /Aucune consultation/.test(el.shadowRoot?.textContent ?? ''))
        .map((el) => el.localName),
    );
    check('[loader] provider chunk a second late: every child reached its provider', () =>
      noConsultation.length ? noConsultation.join(', ') : null,
    );
  });

  await hostPage(
    '/hostile/loader-404.html',
    '[loader] a chunk answers 404',
    async (page) => {
      // The failed import is reported when the browser gives up on the chunk, not when the page settles:
      // wait for it (the check below still fails if it never comes).
      await page
        .waitForFunction(
          () =>
            ['pgo-vote-button', 'pgo-proposal-list'].every((tag) =>
              document.querySelector(tag)?.shadowRoot?.querySelector('[part~="error"]'),
            ),
          null,
          { timeout: 15_000 },
        )
        .catch(() => {});
      const failed = await page.evaluate(() =>
        ['pgo-vote-button', 'pgo-proposal-list'].map((tag) => {
          const el = document.querySelector(tag);
          const box = el?.shadowRoot?.querySelector('[part~="error"]');
          return {
            tag,
            defined: !!customElements.get(tag),
            alert: box?.getAttribute('role'),
            text: box?.textContent.trim() ?? '',
            retry: !!box?.querySelector('button[part~="retry"]'),
          };
        }),
      );
      for (const f of failed) {
        check(`[loader] a chunk answers 404: <${f.tag}> shows an error with a retry, not a blank`, () =>
          f.defined ? 'defined anyway' : f.alert !== 'alert' || !f.text || !f.retry ? JSON.stringify(f) : null,
        );
      }
      await page.evaluate(() => fetch('/flaky/heal'));
      await page.evaluate(() => document.querySelector('pgo-vote-button').shadowRoot.querySelector('button[part~="retry"]').click());
      await settle(page, tags).catch(() => {});
      const states = await page.evaluate(inspect, tags);
      for (const s of states) check(`[loader] a chunk answers 404: after the retry, <${s.tag}> renders`, () => notRendered(s));
    },
    { topLevel: false, expectedErrors: /404|Failed to fetch dynamically imported module|Failed to load module script/ },
  );
}
