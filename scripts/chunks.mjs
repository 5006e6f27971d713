// The CDN's chunked build (rollup plugins): one entry per element, the shared runtime chunk, and the
// manifest that tells the loader (and the WordPress plugin) which files each tag needs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST = 'pgo-manifest.json';
const RUNTIME_ENTRY = /src[\\/]cdn[\\/]loader[\\/]runtime\.ts$/;
/** Small shared modules most elements use: in the runtime too, rather than a request of their own each. */
const SHARED = /src[\\/](styles|base|core[\\/](web-url|format|phase|i18n|errors|version))[\\/.]/;
/** Loaded on demand by the runtime (the live feed's machinery, issue 23): a chunk of its own, not part of the runtime. */
const LAZY = /src[\\/]base[\\/]live-(engine|poll)\.ts$/;
/** A language module (`<name>.messages.en.ts`, `common.en.ts`): a chunk of its own, loaded when a page speaks it. */
const LANGUAGE = /\.(?:messages\.)?([a-z]{2,3})\.ts$/;

/** `{ 'vote-button': 'src/define/vote-button.ts', … }`: every element's define module. */
export function elementEntries() {
  return Object.fromEntries(
    readdirSync(join(import.meta.dirname, '../src/define'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => [f.replace(/\.ts$/, ''), `src/define/${f}`]),
  );
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
    return inRuntime.has(id) || (SHARED.test(id) && !LAZY.test(id)) ? 'runtime' : undefined;
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
      for (const chunk of chunks.filter((c) => c.isEntry && c.name !== 'runtime')) {
        const tag = `pgo-${chunk.name}`;
        tags[tag] = withRuntime(chunk);
        // The language modules of the texts this tag's chunks carry (the runtime's common texts too).
        for (const file of tags[tag]) {
          for (const dynamic of byName.get(file).dynamicImports.map((f) => byName.get(f))) {
            const language = dynamic?.facadeModuleId && LANGUAGE.exec(dynamic.facadeModuleId)?.[1];
            if (!language) continue;
            const list = ((languages[language] ??= {})[tag] ??= []);
            for (const f of closure(dynamic)) if (!runtimeFiles.includes(f) && !list.includes(f)) list.push(f);
          }
        }
      }
      this.emitFile({
        type: 'asset',
        fileName: MANIFEST,
        source: `${JSON.stringify({ runtime: runtimeFiles, tags, languages }, null, 2)}\n`,
      });
    },
  };
}

/**
 * `import manifest from 'pgo:manifest'` in the loader: the manifest in a compact form, files listed once
 * and named by index: `{ f: [files], t: { tag: [indexes] }, l: { language: { tag: [indexes] } } }`.
 */
export function manifestModule(dir = 'dist/cdn') {
  return {
    name: 'pgo-manifest-module',
    resolveId: (id) => (id === 'pgo:manifest' ? '\0pgo:manifest' : null),
    load(id) {
      if (id !== '\0pgo:manifest') return null;
      const { tags, languages } = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
      const files = [];
      const index = (file) => (files.includes(file) ? files.indexOf(file) : files.push(file) - 1);
      const compact = (lists) =>
        Object.fromEntries(Object.entries(lists).map(([key, list]) => [key.replace(/^pgo-/, ''), list.map(index)]));
      const t = compact(tags);
      const l = Object.fromEntries(Object.entries(languages).map(([language, byTag]) => [language, compact(byTag)]));
      return `export default ${JSON.stringify({ f: files.map((file) => file.replace(/\.js$/, '')), t, l })};`;
    },
  };
}
