// A Web Test Runner command that asks the browser engine itself what an element is in its accessibility
// tree: `executeServerCommand('pgo-a11y', { role, name })` checks the element the test marked with
// `data-pgo-a11y-probe` (anywhere, inside shadow roots too). Each engine through its own door:
// - Chromium: the DevTools accessibility tree (puppeteer `accessibility.snapshot`), which gives role,
//   name, description and states, so the answer carries what the engine computed;
// - Firefox (puppeteer over WebDriver BiDi): BiDi `browsingContext.locateNodes` with an accessibility
//   locator started at the element: it matches only if Firefox computes that role and that name;
// - WebKit (WebKitWebDriver): WebDriver's "Get Computed Role" and "Get Computed Label".
// Answers `{ matched, actual }`; `actual` is what the engine computed where it can say (not Firefox).
//
// Also `executeServerCommand('pgo-default-font-size', { px })`: the reader's default font size (the
// browser setting behind `font-size: medium`), through DevTools `Page.setFontSizes`; Chromium only
// (answers false elsewhere, and the test says it skipped).

const FIND = `(() => {
  const walk = (root) => {
    const hit = root.querySelector('[data-pgo-a11y-probe]');
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const found = walk(el.shadowRoot); if (found) return found; }
    return null;
  };
  return walk(document);
})()`;

/** `aria/` selectors take `[` `]` and quotes literally only when escaped. */
const ariaEscape = (text) => text.replace(/["\\\][]/g, (c) => `\\${c}`);

const otherPages = new Map();

export function a11yTreePlugin() {
  return {
    name: 'pgo-a11y-tree',
    async executeCommand({ command, payload, session }) {
      if (command === 'pgo-default-font-size') {
        const page = session.browser.getPage(session.id);
        if (typeof page.createCDPSession !== 'function' || page.browser?.().cdpSupported === false) return false;
        const cdp = await page.createCDPSession();
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: payload.px, fixed: Math.round((payload.px * 13) / 16) } });
        await cdp.detach();
        return true;
      }
      if (command === 'pgo-other-page') {
        // Another page of the same browser takes the front (harness test: keys must still reach the test page).
        const page = session.browser.getPage(session.id);
        if (typeof page.browser !== 'function') return false;
        if (payload?.open) {
          const other = await page.browser().newPage();
          await other.bringToFront();
          otherPages.set(session.id, other);
        } else await otherPages.get(session.id)?.close();
        return true;
      }
      if (command === 'pgo-focus-page') {
        // Two test pages run side by side: only the one in front has focus, and :focus-visible with it.
        const page = session.browser.getPage(session.id);
        if (typeof page.bringToFront === 'function') await page.bringToFront();
        return true;
      }
      if (command !== 'pgo-a11y') return undefined;
      const { role, name } = payload;
      const page = session.browser.getPage(session.id);
      if (typeof page.computedAccessibility === 'function') {
        // WebKit launcher (WebDriver computed role and label).
        const actual = await page.computedAccessibility(FIND);
        return { matched: actual.role === role && actual.name === name, actual };
      }
      const handle = await page.evaluateHandle(FIND);
      const element = handle.asElement();
      if (!element) throw new Error('pgo-a11y: no element marked data-pgo-a11y-probe');
      if (page.browser().cdpSupported === false) {
        // Firefox over BiDi: no computed name to read, but the engine finds nodes by role and name.
        const hits = await element.$$(`aria/${ariaEscape(name)}[role="${role}"]`);
        const same = await Promise.all(hits.map((hit) => hit.evaluate((node, target) => node === target, element)));
        return { matched: same.includes(true), actual: null };
      }
      const node = await page.accessibility.snapshot({ root: element, interestingOnly: false });
      const actual = node
        ? { role: node.role, name: node.name ?? '', description: node.description ?? '', required: node.required ?? false }
        : null;
      return { matched: !!actual && actual.role === role && actual.name === name, actual };
    },
  };
}
