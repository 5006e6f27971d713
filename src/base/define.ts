import { VERSION } from '../core/version.js';

const WARNED = Symbol.for('pgo-widgets.version-warning');

/**
 * Registers a tag without ever throwing. A page may load the library twice (a CMS plugin plus a
 * hand-pasted script): the same version does nothing; another version keeps the first registration
 * and warns once per page, naming both versions.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor & { pgoVersion?: string }): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag) as (CustomElementConstructor & { pgoVersion?: string }) | undefined;
  if (existing) {
    const theirs = existing.pgoVersion ?? 'unknown';
    const g = globalThis as unknown as Record<symbol, boolean>;
    if (theirs !== VERSION && !g[WARNED]) {
      g[WARNED] = true;
      console.warn(
        `pgo-widgets ${VERSION} found <${tag}> already defined by pgo-widgets ${theirs}; keeping ${theirs}. Load the library once per page.`,
      );
    }
    return;
  }
  try {
    registry.define(tag, ctor);
  } catch (error) {
    // Two copies racing, or a scoped registry refusing: the page keeps working with whichever won.
    console.warn(`pgo-widgets could not define <${tag}>:`, error);
  }
}
