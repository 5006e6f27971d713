/**
 * The one list of the elements (src/elements/elements.json) against every place that names them: a
 * new element missing from one of them fails here, naming the place.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const { elements } = JSON.parse(read('src/elements/elements.json')) as { elements: { tag: string; folder: string; class: string }[] };
const tags = elements.map((e) => e.tag).sort();
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('the one list of elements', () => {
  it('names each element folder once, and every folder is listed', () => {
    const folders = readdirSync(join(ROOT, 'src/elements'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    assert.deepEqual(sorted(elements.map((e) => e.folder)), sorted(folders));
    assert.equal(new Set(tags).size, elements.length);
  });

  for (const { tag, folder, class: name } of elements) {
    it(`${tag}: its class, tag map entry, registration and public export`, () => {
      const source = read(`src/elements/${folder}/${folder}.ts`);
      assert.match(source, new RegExp(`export class ${name} extends`), 'the class lives in its folder');
      const define = read(`src/define/${folder}.ts`);
      assert.match(define, new RegExp(`defineElement\\('${tag}', ${name}\\)`), `src/define/${folder}.ts registers it`);
      assert.match(
        define,
        new RegExp(`interface HTMLElementTagNameMap \\{[^}]*'${tag}': ${name};`),
        `src/define/${folder}.ts maps the tag (HTMLElementTagNameMap)`,
      );
      assert.match(read('src/define/index.ts'), new RegExp(`import '\\./${folder}\\.js';`), 'src/define/index.ts registers it');
      assert.match(read('src/index.ts'), new RegExp(`\\b${name}\\b`), 'the package root exports its class');
      assert.ok(existsSync(join(ROOT, `stories/${folder}.stories.ts`)), `stories/${folder}.stories.ts documents it`);
    });
  }

  it('registers nothing else', () => {
    const defined = readdirSync(join(ROOT, 'src/define'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .flatMap((f) => [...read(`src/define/${f}`).matchAll(/defineElement\('([a-z0-9-]+)'/g)].map((m) => m[1]!));
    assert.deepEqual(sorted(defined), tags);
  });

  it('the README table lists exactly these elements', () => {
    assert.deepEqual(sorted([...read('README.md').matchAll(/^\| `<(pgo-[a-z-]+)>` +\|/gm)].map((m) => m[1]!)), tags);
  });

  it('the Custom Elements Manifest (the docs: Storybook, editors) documents exactly these elements, each with a summary', () => {
    const manifest = JSON.parse(read('custom-elements.json')) as {
      modules: { declarations?: { tagName?: string; name: string; summary?: string }[] }[];
    };
    const declared = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('pgo-'));
    assert.deepEqual(sorted(declared.map((d) => d.tagName!)), tags);
    for (const { tag, class: name } of elements) {
      const declaration = declared.find((d) => d.tagName === tag)!;
      assert.equal(declaration.name, name, `${tag} is documented as ${name}`);
      assert.ok(declaration.summary?.trim(), `${tag} has a @summary`);
    }
  });

  it('the WordPress plugin offers exactly these elements, with a label each', () => {
    const php = read('wordpress/pgo-widgets/includes/elements.php');
    const offered = (fn: string) => {
      const body = php.slice(php.indexOf(`function ${fn}()`));
      return sorted([...body.slice(0, body.indexOf('\n}')).matchAll(/^\t\t'(pgo-[a-z-]+)'\s*=>/gm)].map((m) => m[1]!));
    };
    assert.deepEqual(offered('pgo_widgets_elements'), tags);
    assert.deepEqual(offered('pgo_widgets_element_labels'), tags);
  });

  it('every element has a chunk the loader can fetch, and no size budget names a missing file', async () => {
    const size = (await import(pathToFileURL(join(ROOT, 'scripts/size.mjs')).href)) as {
      BUDGETS: object;
      CEILINGS: object;
      ENTRY_BUDGET: number;
    };
    const { BUDGETS, CEILINGS, ENTRY_BUDGET } = size;
    assert.ok(ENTRY_BUDGET > 0);
    const chunks = (await import(pathToFileURL(join(ROOT, 'scripts/chunks.mjs')).href)) as { elementEntries: () => Record<string, string> };
    const elementChunks = Object.keys(chunks.elementEntries()).map((name) => `pgo-${name}`);
    for (const tag of tags) assert.ok(elementChunks.includes(tag), `a loader chunk for ${tag}`);
    const rollup = (await import(pathToFileURL(join(ROOT, 'rollup.config.mjs')).href)) as { cdnEntries: () => Record<string, string> };
    const entries = Object.keys(rollup.cdnEntries());
    const budgeted = [...Object.keys(BUDGETS), ...Object.keys(CEILINGS)].map((file) => file.replace(/\.js$/, ''));
    for (const name of budgeted) assert.ok(name === 'pgo-widgets' || entries.includes(name), `${name}.js is built`);
  });
});
