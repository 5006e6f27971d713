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
