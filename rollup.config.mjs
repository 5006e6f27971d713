// Two builds: the npm build (one module per source file, bare imports, for bundlers) and the CDN build
// (everything bundled and minified, one file per entry, for a single <script type="module"> tag).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { LANGUAGE, chunkEntries, chunkManifest, elementEntryModules, manifestModule, runtimeChunk } from './scripts/chunks.mjs';
import { litPropertiesAsCalls } from './scripts/decorators-plugin.mjs';
import { minifyTemplateLiterals, sizeReport } from './scripts/size-plugin.mjs';
import { ssrSafe } from './scripts/ssr-safe-plugin.mjs';
import { textsAsValues } from './scripts/texts-plugin.mjs';

const EXTERNAL = /^(lit|lit-html|lit-element|zod|@lit\/[^/]+|@lit-labs\/[^/]+)(\/|$)/;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // test-utils are for tests; src/cdn holds CDN-only entries (bundled below, not published as modules).
    if (statSync(path).isDirectory()) return name === 'test-utils' || name === 'cdn' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.(test|stories)\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Stand-alone CDN files: the whole library in one file, and the backends and helpers of src/cdn/. */
export function cdnEntries() {
  // Single elements come through the loader (pgo-widgets.js and its chunks, below), not files of their own.
  const entries = { 'pgo-widgets-all': 'src/define/index.ts' };
  // src/cdn/loader/ is the loader (built below from the chunks' manifest), not a stand-alone file.
  for (const file of readdirSync('src/cdn', { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.ts'))) {
    entries[file.name.replace(/\.ts$/, '')] = `src/cdn/${file.name}`;
  }
  return entries;
}

const esbuildPlugin = (minify) =>
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false, legalComments: minify ? 'none' : 'inline' });

const npmBuild = {
  input: sources('src'),
  external: (id) => EXTERNAL.test(id),
  plugins: [esbuildPlugin(false)],
  output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, entryFileNames: '[name].js' },
};

/**
 * Minifier settings for the CDN files, measured on the whole bundle (each option kept only if it saves
 * bytes without changing behaviour): three passes, arrow functions for methods that never use `this`
 * or `arguments`, getters assumed side-effect free (ours and Lit's are), unused function arguments dropped.
 */
const TERSER = {
  ecma: 2021,
  module: true,
  compress: { passes: 3, pure_getters: true, keep_fargs: false, unsafe_arrows: true, unsafe_methods: true },
  format: { comments: false },
};

// Each CDN file stands alone: no shared chunks, one <script type="module"> is all a page needs.
const cdnBuilds = Object.entries(cdnEntries()).map(([name, input]) => ({
  input,
  plugins: [
    // Lit's production build (the `production` condition): no dev-mode warnings or checks.
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuildPlugin(true),
    litPropertiesAsCalls(),
    textsAsValues(),
    minifyTemplateLiterals(),
    terser(TERSER),
    ssrSafe(),
    sizeReport(),
  ],
  output: { file: `dist/cdn/${name}.js`, format: 'es', sourcemap: true, inlineDynamicImports: true },
}));

const cdnPlugins = () => [
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
  esbuildPlugin(true),
  litPropertiesAsCalls(),
  textsAsValues(),
  minifyTemplateLiterals(),
  terser(TERSER),
  sizeReport(),
];

/**
 * The chunks the loader imports: one entry per element (its define module: nested elements come with
 * their parent), the runtime every element shares (Lit, the base element, session, French texts, the
 * rest backend) in one chunk, other shared code where rollup puts it; content-hashed names.
 */
const chunkBuild = {
  input: { runtime: 'src/cdn/loader/runtime.ts', ...chunkEntries() },
  plugins: [elementEntryModules(), ...cdnPlugins(), chunkManifest()],
  // The runtime entry exports nothing anyone imports: rollup may merge it into the runtime chunk.
  preserveEntrySignatures: false,
  output: {
    dir: 'dist/cdn',
    format: 'es',
    sourcemap: true,
    hashCharacters: 'hex',
    entryFileNames: '[name]-[hash:6].js',
    // Language chunks `en-<hash>.js`: the loader carries their hashes only (chunks.mjs, LANGUAGE).
    chunkFileNames: (chunk) => `${(chunk.facadeModuleId && LANGUAGE.exec(chunk.facadeModuleId)?.[1]) || chunk.name}-[hash:6].js`,
    manualChunks: runtimeChunk(),
  },
};

/** The loader, `pgo-widgets.js`, with the chunk manifest written into it. */
const loaderBuild = {
  input: 'src/cdn/loader/loader.ts',
  plugins: [manifestModule(), ...cdnPlugins()],
  output: { file: 'dist/cdn/pgo-widgets.js', format: 'es', sourcemap: true },
};

// PGO_BUILD=loader builds only the chunks and the loader (while working on them).
export default process.env.PGO_BUILD === 'loader' ? [chunkBuild, loaderBuild] : [npmBuild, chunkBuild, loaderBuild, ...cdnBuilds];
