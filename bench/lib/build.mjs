// Bundles for the benchmarks (written to node_modules/.cache/pgo-bench/), built with the CDN build's own rollup plugins and settings (taken from
// rollup.config.mjs, so a change there changes both sides of every comparison alike).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { gzipSize } from '../../scripts/size-plugin.mjs';
import { OUT, ROOT } from './paths.mjs';

let fresh = 0;

/** A fresh copy of the CDN build's plugins (rollup plugins keep state per build), minus the size printer. */
async function cdnPlugins() {
  const { default: configs } = await import(`${pathToFileURL(join(ROOT, 'rollup.config.mjs')).href}?bench=${++fresh}`);
  const cdn = configs.find((config) => config.output?.file === 'dist/cdn/pgo-widgets-all.js');
  if (!cdn) throw new Error('rollup.config.mjs has no CDN build of dist/cdn/pgo-widgets-all.js to copy the settings from');
  return { plugins: cdn.plugins.filter((plugin) => plugin.name !== 'pgo-size-report'), output: cdn.output };
}

/**
 * Bundles `input` (a path from the repository root) like a CDN entry; writes it to OUT/<name>.js
 * and returns its code and sizes: `min` (bytes, minified) and `gzip` (minified + gzip -9).
 */
export async function bundle(input, name) {
  const { plugins, output } = await cdnPlugins();
  const warnings = [];
  const build = await rollup({ input: join(ROOT, input), plugins, onwarn: (warning) => warnings.push(warning) });
  try {
    const {
      output: [chunk],
    } = await build.generate({ format: output.format, inlineDynamicImports: true });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `${name}.js`), chunk.code);
    return { name, code: chunk.code, min: Buffer.byteLength(chunk.code), gzip: gzipSize(chunk.code), warnings };
  } finally {
    await build.close();
  }
}
