// Rollup plugin for the CDN files: a page script may also be imported on a server (SSR, a Node test runner)
// where there is no DOM. Lit's browser build touches `document` and `HTMLElement` as it loads, so each
// self-contained CDN file runs its body only where a document exists: `if (globalThis.document) { … }`.
// On a server the import then does nothing at all (no error, no global). Chunks that import or export
// (which a block cannot wrap) are left as they are; the consumer suite imports every CDN file in Node.
import MagicString from 'magic-string';

export function ssrSafe() {
  return {
    name: 'pgo-ssr-safe',
    renderChunk(code, chunk) {
      if (chunk.imports.length || chunk.exports.length || chunk.dynamicImports.length) return null;
      const s = new MagicString(code);
      s.prepend('if(globalThis.document){').append('\n}');
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
