// A Web Test Runner command that asks the browser engine itself what an element is in its accessibility
// tree: `executeServerCommand('pgo-a11y', { role, name })` checks the element the test marked with
// `data-pgo-a11y-probe` (anywhere, inside shadow roots too). Each engine through its own door:
// - Chromium: the DevTools accessibility tree (puppeteer `accessibility.snapshot`), which gives role,
//   name, description and states, so the answer carries what the engine computed;
// - Firefox (puppeteer over WebDriver BiDi): BiDi `browsingContext.locateNodes` with an accessibility
//   locator started at the element: it matches only if Firefox computes that role and that name;
// - WebKit (WebKitWebDriver): WebDriver's "Get Computed Role" and "Get Computed Label".
// Answers `{ matched, actual }`; `actual` is what the engine computed where it can say (not Firefox).
// `pgo-a11y-states` ({ role, name }): Firefox's required and invalid states of that node, from its
// accessibility service in the parent process (null in the other engines).
//
// Also `executeServerCommand('pgo-default-font-size', { px })`: the reader's default font size (the
// browser setting behind `font-size: medium`, what a reader changes in the browser's settings), each engine
// through the very setting:
// - Chromium: DevTools `Page.setFontSizes` (the "Font size" of chrome://settings/fonts);
// - Firefox: the preference `font.size.variable.x-western` (about:preferences' "Size", for Latin-script pages
//   such as French and English ones), set in Firefox's parent process over WebDriver BiDi; Firefox is started
//   with -remote-allow-system-access for that (web-test-runner.config.mjs). New elements get the new size.
// - WebKit: WebKitGTK's `default-font-size` setting cannot change once MiniBrowser runs; the launcher starts it
//   with PGO_DEFAULT_FONT_SIZE (scripts/webkit-launcher.mjs), and the command answers true only for that size.
// Answers false where the engine cannot take that size (the test says it skipped).

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

/** The Firefox parent process's browser window (WebDriver BiDi chrome scope; Firefox runs with -remote-allow-system-access). */
async function firefoxChrome(connection) {
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  return result.contexts[0]?.context ?? null;
}

const FIREFOX_ROLES = { checkbox: 'ROLE_CHECKBUTTON', textbox: 'ROLE_ENTRY', button: 'ROLE_PUSHBUTTON', radio: 'ROLE_RADIOBUTTON' };

/**
 * Firefox: the states (required, invalid) of the node of this role and name in the page's accessibility tree,
 * read from Firefox's accessibility service in the parent process (what screen readers get); null if none.
 */
async function firefoxStates(page, { role, name }) {
  const { connection } = page.browser();
  const context = await firefoxChrome(connection);
  if (!context || !FIREFOX_ROLES[role]) return null;
  const expression = `(async () => {
    const service = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
    const win = Services.wm.getMostRecentWindow('navigator:browser');
    const browser = win.gBrowser.browsers.find((b) => b.currentURI.spec === ${JSON.stringify(page.url())});
    if (!browser) return null;
    const nodes = [];
    const walk = (node, depth) => {
      if (!node || depth > 80) return;
      if (node.role === Ci.nsIAccessibleRole.${FIREFOX_ROLES[role]}) nodes.push(node);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child, depth + 1);
    };
    // The tree reaches the parent process a moment after the page changes: wait for the node (bounded).
    for (let attempt = 0; attempt < 80; attempt++) {
      nodes.length = 0;
      walk(service.getAccessibleFor(browser), 0);
      // The parent's copy of a node may not hold its name (Firefox caches names there on demand): the one
      // node of that role on the page is taken then, and the answer says its name was not known.
      const node = nodes.find((n) => n.name === ${JSON.stringify(name)}) ?? (nodes.length === 1 && nodes[0].name === null ? nodes[0] : null);
      if (node) {
        const state = {};
        const extra = {};
        node.getState(state, extra);
        return JSON.stringify({
          name: node.name,
          required: !!(state.value & Ci.nsIAccessibleStates.STATE_REQUIRED),
          invalid: !!(state.value & Ci.nsIAccessibleStates.STATE_INVALID),
        });
      }
      await new Promise((resolve) => win.setTimeout(resolve, 100));
    }
    return null;
  })()`;
  const answer = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  const value = answer.result.type === 'success' ? answer.result.result.value : null;
  return typeof value === 'string' ? JSON.parse(value) : null;
}

/** Firefox: sets the default sizes of Latin-script pages in the parent process (16 px: back to Firefox's own default). */
async function firefoxDefaultFontSize(browser, px) {
  const { connection } = browser;
  const context = await firefoxChrome(connection);
  if (!context) return false;
  const prefs = { 'font.size.variable.x-western': px, 'font.size.monospace.x-western': Math.round((px * 13) / 16) };
  const expression = `(() => {
    const prefs = ${JSON.stringify(prefs)};
    for (const [name, value] of Object.entries(prefs)) ${px === 16 ? 'Services.prefs.clearUserPref(name)' : 'Services.prefs.setIntPref(name, value)'};
    return Services.prefs.getIntPref('font.size.variable.x-western');
  })()`;
  const answer = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: false });
  return answer.result.type === 'success' && answer.result.result.value === px;
}

export function a11yTreePlugin() {
  return {
    name: 'pgo-a11y-tree',
    async executeCommand({ command, payload, session }) {
      if (command === 'pgo-default-font-size') {
        const page = session.browser.getPage(session.id);
        if (typeof page.computedAccessibility === 'function') return payload.px === Number(process.env.PGO_DEFAULT_FONT_SIZE ?? 16);
        if (page.browser?.().cdpSupported === false) return firefoxDefaultFontSize(page.browser(), payload.px);
        if (typeof page.createCDPSession !== 'function') return false;
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
      if (command === 'pgo-a11y-states') {
        // Firefox only (Chromium's states come with pgo-a11y; WebDriver gives WebKit's role and name only).
        const page = session.browser.getPage(session.id);
        // (Wrapped: a command answering null counts as not handled.)
        if (typeof page.computedAccessibility === 'function' || page.browser?.().cdpSupported !== false) return { states: null };
        return { states: await firefoxStates(page, payload) };
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
        ? {
            role: node.role,
            name: node.name ?? '',
            description: node.description ?? '',
            required: node.required ?? false,
            invalid: node.invalid ?? 'false',
          }
        : null;
      return { matched: !!actual && actual.role === role && actual.name === name, actual };
    },
  };
}
