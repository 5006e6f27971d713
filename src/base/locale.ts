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

type Watcher = Element & { requestUpdate(): void };
const watchers = new Set<Watcher>();
let observer: MutationObserver | undefined;

/**
 * Re-renders `element` whenever a `lang` attribute changes anywhere in the document (`<html>`, a
 * `<pgo-consultation>`, any ancestor): one observer for the whole page, shared by every element, so a
 * language switch reaches them all at once, inside other elements' shadow roots too.
 */
export function watchLanguage(element: Watcher): void {
  watchers.add(element);
  // Only ever called from connectedCallback, so in a browser.
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const watcher of watchers) watcher.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

export function unwatchLanguage(element: Watcher): void {
  watchers.delete(element);
}
