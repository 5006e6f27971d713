// Keyboard and focus tests need the page they drive to hold the focus, whatever else the browser shows.
// - Chromium runs two test pages side by side: each page emulates focus, so both have it at once.
// - Firefox (one page at a time, over WebDriver BiDi) may have given the focus to another window: a sign-in
//   popup a test opened, or the previous test page. Its page is brought to the front before any key or mouse
//   input is sent, so keys never go to a window the test does not see.

/** `createPage` for chromeLauncher: a new page that keeps the focus even beside another page. */
export async function createFocusedPage({ context }) {
  const page = await context.newPage();
  // Chromium only (CDP): Firefox over BiDi has no focus emulation, and `frontBeforeInput` covers it.
  if (page.browser().cdpSupported !== false) await page.emulateFocusedPage(true);
  return page;
}

/** Wraps a puppeteer launcher so that each key or mouse input first brings its page to the front. */
export function frontBeforeInput(launcher) {
  const getPage = launcher.getPage.bind(launcher);
  const wrapped = new WeakMap();
  launcher.getPage = (sessionId) => {
    const page = getPage(sessionId);
    if (!wrapped.has(page)) wrapped.set(page, inputInFront(page));
    return wrapped.get(page);
  };
  return launcher;
}

function inputInFront(page) {
  const device = (target) =>
    new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key);
        if (typeof value !== 'function') return value;
        return async (...args) => {
          await page.bringToFront();
          return value.apply(object, args);
        };
      },
    });
  return new Proxy(page, {
    get(object, key) {
      if (key === 'keyboard' || key === 'mouse') return device(object[key]);
      const value = Reflect.get(object, key);
      // Puppeteer's pages keep private fields: their methods must run on the page itself.
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
