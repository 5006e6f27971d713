// Two builds: the npm build (one module per source file, bare imports, for bundlers) and the CDN build
// (everything bundled and minified, one file per entry, for a single <script type="module"> tag).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { sizeReport } from './scripts/size-plugin.mjs';

const EXTERNAL = /^(lit|lit-html|lit-element|zod|@lit\/[^/]+|@lit-labs\/[^/]+)(\/|$)/;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-utils' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.(test|stories)\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** CDN entries: the whole library, then one per element (its define module). */
export function cdnEntries() {
  const entries = { 'pgo-widgets': 'src/define/index.ts' };
  for (const file of readdirSync('src/define')) {
    if (file !== 'index.ts' && file.endsWith('.ts')) entries[`pgo-${file.replace(/\.ts$/, '')}`.replace(/^pgo-pgo-/, 'pgo-')] = `src/define/${file}`;
  }
  for (const file of readdirSync('src/cdn', { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.ts'))) {
    entries[file.name.replace(/\.ts$/, '')] = `src/cdn/${file.name}`;
  }
  return entries;
}

const esbuildPlugin = (minify) => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false, legalComments: minify ? 'none' : 'inline' });

const npmBuild = {
  input: sources('src'),
  external: (id) => EXTERNAL.test(id),
  plugins: [esbuildPlugin(false)],
  output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, entryFileNames: '[name].js' },
};

const cdnBuilds = Object.entries(cdnEntries()).map(([name, input]) => ({
  input,
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuildPlugin(true),
    terser({ ecma: 2021, module: true, compress: { passes: 2 }, format: { comments: false } }),
    sizeReport(),
  ],
  output: { file: `dist/cdn/${name}.js`, format: 'es', sourcemap: true, inlineDynamicImports: true },
}));

export default [npmBuild, ...cdnBuilds];
