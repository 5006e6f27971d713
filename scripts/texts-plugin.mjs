// Rollup plugin of the CDN builds: a language module (`x.messages.en.ts`, `common.en.ts`) ships its texts as an
// array in the order of the French catalogue's keys, without the keys (they fixed by the French texts, which every
// page has): `export const en = ['Support', …]`. The keys were a quarter of the English bytes (issue 24: 1.4 KB of
// gzip over the eight elements' English). `defineMessages` (src/core/i18n.ts) maps the values back onto the keys.
// The npm build keeps the modules as written.
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';
import { LANGUAGE } from './chunks.mjs';

/** Property name of a non-computed object-literal property (identifier or string key), else null. */
const keyOf = (p) => (p.type === 'Property' && !p.computed ? (p.key.type === 'Identifier' ? p.key.name : String(p.key.value)) : null);

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit));
    else if (value && typeof value === 'object') walk(value, visit);
  }
}

/** The keys of the catalogue `defineMessages(name, { … })` defines in a French module's source, in order. */
export function frenchKeys(source, parse) {
  const calls = [];
  walk(parse(transformSync(source, { loader: 'ts' }).code), (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'defineMessages') calls.push(n);
  });
  if (calls.length !== 1) throw new Error(`one defineMessages call expected, found ${calls.length}`);
  const object = calls[0].arguments[1];
  if (object?.type !== 'ObjectExpression') throw new Error('defineMessages’ texts must be an object literal');
  return object.properties.map((p) => {
    const key = keyOf(p);
    if (key === null) throw new Error('defineMessages’ texts must have plain keys (no spread, no computed key)');
    return key;
  });
}

/**
 * A language module's `export const en = { … }` (its language's code) rewritten as the values in the order of
 * `keys` (`void 0` where missing): the object literal's range and the array that replaces it.
 */
export function valuesEdit(code, keys, parse, language = 'en') {
  let object = null;
  walk(parse(code), (n) => {
    if (n.type === 'VariableDeclarator' && n.id.name === language && n.init?.type === 'ObjectExpression') object = n.init;
  });
  if (!object) throw new Error(`\`export const ${language} = { … }\` expected`);
  const values = new Map(
    object.properties.map((p) => {
      const key = keyOf(p);
      if (key === null || !keys.includes(key)) throw new Error(`key ${key ?? '(spread or computed)'} is not one of the French catalogue's`);
      return [key, code.slice(p.value.start, p.value.end)];
    }),
  );
  return { start: object.start, end: object.end, text: `[${keys.map((k) => values.get(k) ?? 'void 0').join(', ')}]` };
}

/** The module's code with its texts as values (see valuesEdit). */
export function textsAsArray(code, keys, parse, language = 'en') {
  const { start, end, text } = valuesEdit(code, keys, parse, language);
  return code.slice(0, start) + text + code.slice(end);
}

export function textsAsValues() {
  return {
    name: 'pgo-texts-as-values',
    transform(code, id) {
      if (id.includes('node_modules') || !LANGUAGE.test(id) || !/[\\/]src[\\/]/.test(id)) return null;
      const french = id.replace(/\.[a-z]{2,3}\.ts$/, '.ts');
      try {
        const keys = frenchKeys(readFileSync(french, 'utf8'), (c) => this.parse(c));
        const { start, end, text } = valuesEdit(code, keys, (c) => this.parse(c), LANGUAGE.exec(id)[1]);
        // The array maps to where the object was: the file keeps a source map with its source.
        const edited = new MagicString(code).overwrite(start, end, text);
        return { code: edited.toString(), map: edited.generateMap({ hires: true }) };
      } catch (error) {
        this.error(`${id} (French: ${french}): ${error.message}`);
      }
    },
  };
}
