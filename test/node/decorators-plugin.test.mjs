// The CDN build's Lit field decorators as createProperty calls (scripts/decorators-plugin.mjs): the same reactive
// properties as Lit's own decorators declare (checked with the real Lit in Node), and anything else left alone.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { parseAst } from 'rollup/parseAst';
import { litPropertiesAsCalls } from '../../scripts/decorators-plugin.mjs';

const SOURCE = `import { ReactiveElement } from '@lit/reactive-element';
import { property, state as localState } from 'lit/decorators.js';
const other = () => () => undefined;
export class Widget extends ReactiveElement {
  @property({ type: Boolean, reflect: true }) compact = false;
  @property({ attribute: 'hide-timeline', type: Boolean }) hideTimeline = false;
  @property() label = 'x';
  @property({ type: Number }) @other() both = 1;
  @localState() open = false;
  @other() plain = 2;
}
`;

/** esbuild's output with the CDN build's decorator settings (legacy decorators, fields assigned in the constructor). */
const compiled = transformSync(SOURCE, {
  loader: 'ts',
  target: 'es2021',
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
}).code;
const transform = (code, id = '/src/widget.ts') => litPropertiesAsCalls().transform.call({ parse: parseAst }, code, id);

/** Imports a module written beside the project's node_modules (so `lit` resolves); the class's declared properties. */
async function declared(code) {
  const cache = resolve('node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'pgo-decorators-'));
  try {
    writeFileSync(join(dir, 'widget.mjs'), code);
    const { Widget } = await import(pathToFileURL(join(dir, 'widget.mjs')).href);
    Widget.finalize();
    const own = Object.getOwnPropertyNames(Widget.prototype).filter((n) => n !== 'constructor');
    return { properties: [...Widget.elementProperties], accessors: own.sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('each single @property/@state field becomes the createProperty call its decorator makes', () => {
  const { code } = transform(compiled);
  assert.match(code, /Widget\.createProperty\("compact", \{ type: Boolean, reflect: true \}\)/);
  assert.match(code, /Widget\.createProperty\("hideTimeline", \{ attribute: "hide-timeline", type: Boolean \}\)/);
  assert.match(code, /Widget\.createProperty\("label"\)/);
  assert.match(code, /Widget\.createProperty\("open", \{ state: true \}\)/);
  // Two decorators on one field, or another decorator: left to esbuild's helper.
  assert.match(code, /__decorateClass\(\[\s*property\(\{ type: Number \}\),\s*other\(\)\s*\], Widget\.prototype, "both", 2\)/);
  assert.match(code, /__decorateClass\(\[\s*other\(\)\s*\], Widget\.prototype, "plain", 2\)/);
});

test('the class declares the same reactive properties, with the same options, as with Lit’s own decorators', async () => {
  const before = await declared(compiled);
  const after = await declared(transform(compiled).code);
  assert.equal(after.properties.length, 5);
  assert.deepEqual(after, before);
});

test('modules without Lit’s decorators, and dependencies, are left alone', () => {
  const foreign = compiled
    .replace("from 'lit/decorators.js'", "from './decorators.js'")
    .replace('from "lit/decorators.js"', 'from "./decorators.js"');
  assert.notEqual(foreign, compiled);
  assert.equal(transform(foreign), null);
  assert.equal(transform(compiled, '/node_modules/x/widget.js'), null);
  assert.equal(transform('export const a = 1;'), null);
});

test('the CDN build uses the plugin after esbuild, in the chunks and the one-file bundle', () => {
  const config = readFileSync('rollup.config.mjs', 'utf8');
  assert.equal(config.match(/esbuildPlugin\(true\),\s*litPropertiesAsCalls\(\),/g)?.length, 2);
});
