import { normalizeLocale, type Locale } from '../core/i18n.js';

/**
 * The locale of an element: its own `lang` or the nearest ancestor's, crossing shadow roots, else
 * the document's, else French.
 */
export function resolveLocale(element: Element): Locale {
  let node: Element | null = element;
  while (node) {
    const tagged: Element | null = node.closest('[lang]:not([lang=""])');
    if (tagged) return normalizeLocale(tagged.getAttribute('lang'));
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return normalizeLocale(document.documentElement.lang);
}

type Watcher = Element & { requestUpdate(): void; readonly locale?: string };
/** Each element watching, and the language it had when it started to (see the catch-up below). */
const watchers = new Map<Watcher, string | undefined>();
let observer: MutationObserver | undefined;

/**
 * Re-renders `element` whenever a `lang` attribute changes anywhere in the document (`<html>`, a
 * `<pgo-consultation>`, any ancestor): one observer for the whole page, shared by every element, so a
 * language switch reaches them all at once, inside other elements' shadow roots too.
 * The observer starts once the page is idle, not during start-up: observing the document's subtree was the
 * largest piece of the vote button's own start-up in a trace (issue 24: ~30 ms of 4x-slowed CPU per load).
 * When it starts, elements whose language changed meanwhile catch up.
 */
export function watchLanguage(element: Watcher): void {
  watchers.set(element, element.locale);
  // Only ever called from connectedCallback, so in a browser.
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const watcher of watchers.keys()) watcher.requestUpdate();
  });
  const start = () => {
    observer!.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    for (const [watcher, locale] of watchers) if (watcher.locale !== locale) watcher.requestUpdate();
  };
  // WebKit has no requestIdleCallback: a timer instead.
  (globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50)))(start, { timeout: 500 });
}

export function unwatchLanguage(element: Watcher): void {
  watchers.delete(element);
}
