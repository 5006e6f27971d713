// The CDN's chunked build (rollup plugins): one entry per element, the shared runtime chunk, and the
// manifest that tells the loader (and the WordPress plugin) which files each tag needs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST = 'pgo-manifest.json';
const RUNTIME_ENTRY = /src[\\/]cdn[\\/]loader[\\/]runtime\.ts$/;
/** Small shared modules most elements use: in the runtime too, rather than a request of their own each. */
const SHARED = /src[\\/](styles|base|core[\\/](web-url|format|phase|i18n|errors|version|vote-choices|origin-place))[\\/.]/;
/** Loaded on demand by the runtime (the live feed's machinery, issue 23): a chunk of its own, not part of the runtime. */
const LAZY = /src[\\/]base[\\/]live-(engine|poll)\.ts$/;
/** In src/base but used by a few elements only (the answer's display: vote button and list; the context provider: <pgo-consultation>): with them. */
const FEW = /src[\\/]base[\\/](answer|context-provider)\.ts$/;
/**
 * A language module (`<name>.messages.en.ts`, `common.en.ts`): a chunk of its own, loaded when a page speaks it,
 * named `en-<hash>.js` (the loader carries each name: the hash alone; pgo-manifest.json says which is which).
 */
export const LANGUAGE = /\.(?:messages\.)?([a-z]{2,3})\.ts$/;

/** `{ 'vote-button': 'src/define/vote-button.ts', … }`: every element's define module. */
export function elementEntries() {
  return Object.fromEntries(
    readdirSync(join(import.meta.dirname, '../src/define'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => [f.replace(/\.ts$/, ''), `src/define/${f}`]),
  );
}

/**
 * The rest backend's module of each kind an element reads or writes (src/backends/rest-<kind>.ts): the
 * backend imports it with its first call; the CDN puts it in the element's chunks so that costs no request.
 * A kind missing here still works (one more round trip on first use). Proposals, events and comments stay in
 * rest.ts (the runtime): as modules of their own they measured heavier (see issue 24's note, session 3).
 */
export const REST_KINDS = {
  text: ['documents'],
};

const ENTRY = '\0pgo-entry:';
/** The CDN's input per element: `{ 'vote-button': '\0pgo-entry:vote-button', … }` (see `elementEntryModules`). */
export function chunkEntries() {
  return Object.fromEntries(Object.keys(elementEntries()).map((name) => [name, `${ENTRY}${name}`]));
}

/** Each element's CDN entry: its define module and the rest backend's modules of its kinds (REST_KINDS). */
export function elementEntryModules() {
  const defines = elementEntries();
  return {
    name: 'pgo-element-entries',
    resolveId(id, importer) {
      if (id.startsWith(ENTRY)) return id;
      // The kinds' modules export functions only: kept whole, and imported by the element's chunk.
      if (importer?.startsWith(ENTRY) && /rest-[a-z]+\.ts$/.test(id)) return { id, moduleSideEffects: 'no-treeshake' };
      return null;
    },
    load(id) {
      if (!id.startsWith(ENTRY)) return null;
      const name = id.slice(ENTRY.length);
      const root = join(import.meta.dirname, '..');
      // The kinds first: they run nothing, and the element's code then stays in its entry chunk (no facade).
      const modules = [...(REST_KINDS[name] ?? []).map((kind) => `src/backends/rest-${kind}.ts`), defines[name]];
      return modules.map((m) => `import ${JSON.stringify(join(root, m))};`).join('\n');
    },
  };
}

/** rollup's manualChunks: every module the runtime entry imports statically goes into its chunk. */
export function runtimeChunk() {
  let inRuntime = null;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!inRuntime) {
      inRuntime = new Set();
      const entry = [...getModuleIds()].find((m) => RUNTIME_ENTRY.test(m));
      const walk = (m) => {
        if (inRuntime.has(m)) return;
        inRuntime.add(m);
        for (const next of getModuleInfo(m)?.importedIds ?? []) walk(next);
      };
      if (entry) walk(entry);
    }
    if (inRuntime.has(id) || (SHARED.test(id) && !LAZY.test(id) && !FEW.test(id))) return 'runtime';
    return undefined;
  };
}

/**
 * Writes `pgo-manifest.json`: for each tag and each language, every file it needs (its chunk and the
 * chunks those import, the runtime first), so a page can fetch them all in one parallel round.
 */
export function chunkManifest() {
  return {
    name: 'pgo-chunk-manifest',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (chunk, files = new Set()) => {
        for (const dep of chunk.imports) closure(byName.get(dep), files);
        files.add(chunk.fileName);
        return files;
      };
      const runtime = chunks.find((c) => c.isEntry && c.name === 'runtime');
      const runtimeFiles = [...closure(runtime)];
      const withRuntime = (chunk) => [...new Set([...runtimeFiles, ...closure(chunk)])];
      const tags = {};
      const languages = {};
      /** The same per file: language -> file -> its texts' files (the loader's compact form). */
      const texts = {};
      for (const chunk of chunks.filter((c) => c.isEntry && c.name !== 'runtime')) {
        const tag = `pgo-${chunk.name}`;
        tags[tag] = withRuntime(chunk);
        // The language modules of the texts this tag's chunks carry (the runtime's common texts too).
        for (const file of tags[tag]) {
          for (const dynamic of byName.get(file).dynamicImports.map((f) => byName.get(f))) {
            const language = dynamic?.facadeModuleId && LANGUAGE.exec(dynamic.facadeModuleId)?.[1];
            if (!language) continue;
            const list = ((languages[language] ??= {})[tag] ??= []);
            const own = ((texts[language] ??= {})[file] ??= []);
            for (const f of closure(dynamic)) {
              if (!runtimeFiles.includes(f) && !list.includes(f)) list.push(f);
              if (!runtimeFiles.includes(f) && !own.includes(f)) own.push(f);
            }
          }
        }
      }
      this.emitFile({
        type: 'asset',
        fileName: MANIFEST,
        source: `${JSON.stringify({ runtime: runtimeFiles, tags, languages, texts }, null, 2)}\n`,
      });
    },
  };
}

/**
 * `import manifest from 'pgo:manifest'` in the loader: the manifest in a compact form, files listed once
 * and named by index, the runtime first: `{ f: [files], t: { tag: [indexes but the runtime's] },
 * l: { language: [per file, the hash of its texts in that language (`en-<hash>.js`) or 0] } }` (a tag's texts
 * in a language: those of each file it loads, e.g. the runtime's common texts, the forms').
 */
export function manifestModule(dir = 'dist/cdn') {
  return {
    name: 'pgo-manifest-module',
    resolveId: (id) => (id === 'pgo:manifest' ? '\0pgo:manifest' : null),
    load(id) {
      if (id !== '\0pgo:manifest') return null;
      const { runtime, tags, texts } = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
      if (runtime.length !== 1) throw new Error(`pgo:manifest: one runtime file expected, found ${runtime.join(', ')}`);
      const files = [runtime[0]];
      const index = (file) => (files.includes(file) ? files.indexOf(file) : files.push(file) - 1);
      const t = Object.fromEntries(
        Object.entries(tags).map(([tag, list]) => [tag.replace(/^pgo-/, ''), list.filter((f) => f !== runtime[0]).map(index)]),
      );
      const l = Object.fromEntries(
        Object.entries(texts).map(([language, byFile]) => {
          const own = [];
          for (const [file, list] of Object.entries(byFile)) {
            const hash = list.length === 1 && new RegExp(`^${language}-([0-9a-f]+)\\.js$`).exec(list[0])?.[1];
            if (!hash) throw new Error(`pgo:manifest: ${file}'s ${language} texts must be one file ${language}-<hash>.js: ${list}`);
            own[index(file)] = hash;
          }
          return [language, Array.from(own, (hash) => hash ?? 0)];
        }),
      );
      return `export default ${JSON.stringify({ f: files.map((file) => file.replace(/\.js$/, '')), t, l })};`;
    },
  };
}
