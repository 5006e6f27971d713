// The CDN's language modules without their keys (scripts/texts-plugin.mjs), and i18n mapping them back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAst } from 'rollup/parseAst';
import { frenchKeys, textsAsArray } from '../../scripts/texts-plugin.mjs';

const french = `import { defineMessages } from '../i18n.js';
export const m = defineMessages('x', { a: 'Un', 'b.c': { one: '{count} b', other: '{count} bs' }, d: 'Dé' }, { en: () => import('./x.en.js').then((m) => m.en) });`;

test('the values follow the French keys’ order; a missing text is left to French (void 0)', () => {
  const keys = frenchKeys(french, parseAst);
  assert.deepEqual(keys, ['a', 'b.c', 'd']);
  const out = textsAsArray(`export const en = { d: 'D', a: 'One' };`, keys, parseAst);
  assert.equal(out, `export const en = ['One', void 0, 'D'];`);
  assert.deepEqual(new Function(`${out.replace('export const', 'const')}; return en;`)(), ['One', undefined, 'D']);
});

test('a key the French catalogue does not have, or texts that are not a literal object, fail the build', () => {
  const keys = frenchKeys(french, parseAst);
  assert.throws(() => textsAsArray(`export const en = { a: 'One', z: 'Zed' };`, keys, parseAst), /key z/);
  assert.throws(() => textsAsArray(`export const en = { ...other };`, keys, parseAst), /spread or computed/);
  assert.throws(() => frenchKeys(`defineMessages('x', { ...a });`, parseAst), /plain keys/);
});

test('every language module of the source keeps to its French catalogue’s keys', async () => {
  const { LANGUAGE } = await import('../../scripts/chunks.mjs');
  const { readdirSync } = await import('node:fs');
  const modules = readdirSync('src', { recursive: true }).filter((f) => LANGUAGE.test(f) && !f.startsWith('console'));
  assert.ok(modules.length >= 12, `language modules found: ${modules.length}`);
  for (const file of modules) {
    const keys = frenchKeys(readFileSync(`src/${file.replace(/\.[a-z]{2,3}\.ts$/, '.ts')}`, 'utf8'), parseAst);
    const { code } = await import('esbuild').then((e) => e.transformSync(readFileSync(`src/${file}`, 'utf8'), { loader: 'ts' }));
    const values = new Function(`${textsAsArray(code, keys, parseAst).replace('export const', 'const')}; return en;`)();
    assert.equal(values.length, keys.length, file);
  }
});
