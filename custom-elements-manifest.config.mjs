// Custom Elements Manifest (custom-elements.json) from the elements' JSDoc: feeds Storybook's docs
// tables and editors. `npm run analyze` writes it at the package root; `npm run build` also copies it
// into dist/. The base class is analysed too, so the attributes every element inherits from
// PgoElement (backend, endpoint, consultation, lang) appear on each element.
import { readFileSync } from 'node:fs';

/** Tags come from the one list of elements (src/elements/elements.json): class name -> tag. */
function tagsFromElementList() {
  const { elements } = JSON.parse(readFileSync('src/elements/elements.json', 'utf8'));
  return new Map(elements.map((e) => [e.class, e.tag]));
}

/** `'pgo-x': CustomEvent<T>` entries of the `HTMLElementEventMap` declarations in an element's source. */
function eventTypes(sourcePath) {
  const source = readFileSync(sourcePath, 'utf8');
  return new Map([...source.matchAll(/^\s*'(pgo-[a-z-]+)':\s*(CustomEvent<.+>);\s*$/gm)].map(([, name, type]) => [name, type]));
}

/** The package ships dist/ only: `src/x/y.ts` (or `/src/x/y.js`) becomes `dist/x/y.js` everywhere in the manifest. */
function pointAtDist(node) {
  if (Array.isArray(node)) return node.forEach(pointAtDist);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'path' || key === 'module') && typeof value === 'string')
      node[key] = value.replace(/^\/?src\/(.+)\.(ts|js)$/, 'dist/$1.js');
    else pointAtDist(value);
  }
}

const pgoRegistrations = {
  name: 'pgo-registrations',
  packageLinkPhase({ customElementsManifest }) {
    const tags = tagsFromElementList();
    for (const mod of customElementsManifest.modules) {
      const types = eventTypes(mod.path);
      for (const declaration of mod.declarations ?? []) {
        // `this.emit(type, …)` in PgoElement reads as an event named "type": keep real, documented events.
        // Private members are implementation details, not API: keep them out of docs and editors.
        if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('pgo-') || e.description);
        // Event types come from the element's HTMLElementEventMap entries, the ones TypeScript users get.
        for (const event of declaration.events ?? []) if (types.has(event.name)) event.type = { text: types.get(event.name) };
        const tag = tags.get(declaration.name);
        if (!tag) continue;
        declaration.tagName = tag;
        declaration.customElement = true;
        mod.exports ??= [];
        if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
          mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: mod.path } });
        }
      }
    }
    pointAtDist(customElementsManifest.modules);
  },
};

export default {
  globs: ['src/elements/**/*.ts', 'src/base/pgo-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [pgoRegistrations],
};
