// Framework and editor files generated from dist/custom-elements.json (run by scripts/build.mjs after the
// manifest), so they never drift from the elements:
//   dist/frameworks/react.d.ts   React 19 JSX: properties and `onpgo-…` event props (React 19 listens to them)
//   dist/frameworks/vue.d.ts     Vue 3 GlobalComponents: camelCase properties, `@pgo-…` events
//   dist/frameworks/svelte.d.ts  Svelte 5 SvelteHTMLElements: properties and `onpgo-…` events
//   dist/react/index.js + .d.ts  @lit/react wrappers (optional subpath `pgo-widgets/react`): onPgoVoted… props
//   dist/editors/html-custom-data.json  VS Code (`html.customData`)
//   dist/editors/web-types.json         JetBrains (package.json `web-types`)
// Types come from the element classes (`HTMLElementTagNameMap['pgo-x']['prop']`) and the events from
// `HTMLElementEventMap`, both declared by the define modules: the manifest gives the names only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const HEADER = '// Generated from custom-elements.json by scripts/framework-types.mjs: do not edit.\n';

/** The elements of the manifest: tag, class, description, writable properties, attributes, events. */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .map((d) => ({
      tag: d.tagName,
      className: d.name,
      description: d.summary || d.description || '',
      properties: (d.members ?? [])
        .filter((m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public' && m.name !== 'lang')
        .map((m) => ({ name: m.name, description: m.description ?? '', attribute: m.attribute })),
      attributes: (d.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', type: a.type?.text ?? 'string' })),
      events: (d.events ?? [])
        .filter((e) => e.name)
        .map((e) => ({ name: e.name, description: e.description ?? '', type: e.type?.text ?? 'Event' })),
    }))
    .sort((a, b) => a.tag.localeCompare(b.tag));
}

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const wrapperEvent = (name) => `on${camel(name).replace(/^./, (c) => c.toUpperCase())}`;
const q = (s) => JSON.stringify(s);
const el = (tag) => `HTMLElementTagNameMap[${q(tag)}]`;
const ev = (name) => `HTMLElementEventMap[${q(name)}]`;
const props = (e) => `Props<${el(e.tag)}, ${e.properties.map((p) => q(p.name)).join(' | ') || 'never'}>`;
const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */\n` : '');

/** `{ 'onpgo-voted'?: (event: …) => void; … }` for React 19 and Svelte 5, `{ onPgoVoted?: … }` for Vue. */
function eventProps(e, key) {
  if (!e.events.length) return '{}';
  return `{\n${e.events.map((x) => `${doc(x.description, '        ')}        ${q(key(x.name))}?: (event: ${ev(x.name)}) => void;`).join('\n')}\n      }`;
}

const PROPS = 'type Props<E, K extends keyof E> = Partial<Pick<E, K>>;\n';

function react(elements) {
  return `${HEADER}// Add it once: \`import type {} from 'pgo-widgets/types/react';\` (or list it in tsconfig "types").
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {} from '../define/index.js';

${PROPS}
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements.map((e) => `${doc(e.description, '      ')}      ${q(e.tag)}: DetailedHTMLProps<HTMLAttributes<${el(e.tag)}>, ${el(e.tag)}> & ${props(e)} & ${eventProps(e, (n) => `on${n}`)};`).join('\n')}
    }
  }
}
`;
}

function vue(elements) {
  return `${HEADER}// Add it once: \`import type {} from 'pgo-widgets/types/vue';\`. Bind objects with camelCase names
// (\`:customBackend\`, or \`.prop\`): Vue sets \`:custom-backend\` as an attribute on a custom element.
import type { DefineComponent } from 'vue';
import type {} from '../define/index.js';

${PROPS}
declare module 'vue' {
  interface GlobalComponents {
${elements.map((e) => `${doc(e.description, '    ')}    ${q(e.tag)}: DefineComponent<${props(e)} & ${eventProps(e, wrapperEvent).replace(/^ {4}/gm, '')}>;`).join('\n')}
  }
}
`;
}

function svelte(elements) {
  return `${HEADER}// Add it once: \`import type {} from 'pgo-widgets/types/svelte';\` (in a .d.ts or the app's entry).
import type { HTMLAttributes } from 'svelte/elements';
import type {} from '../define/index.js';

${PROPS}
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${elements.map((e) => `${doc(e.description, '    ')}    ${q(e.tag)}: HTMLAttributes<${el(e.tag)}> & ${props(e)} & ${eventProps(e, (n) => `on${n}`).replace(/^ {4}/gm, '')};`).join('\n')}
  }
}
`;
}

function reactWrappers(elements) {
  const js = `${HEADER}// React wrappers (@lit/react): properties set on the element (also before it upgrades and after
// hydration), events as onPgoVoted… props. Optional: needs react and @lit/react installed.
import * as React from 'react';
import { createComponent } from '@lit/react';
import '../define/index.js';
${elements.map((e) => `import { ${e.className} as ${e.className}Element } from '../${modulePathOf(e)}';`).join('\n')}

${elements.map((e) => `export const ${e.className} = createComponent({ react: React, tagName: ${q(e.tag)}, elementClass: ${e.className}Element, events: { ${e.events.map((x) => `${wrapperEvent(x.name)}: ${q(x.name)}`).join(', ')} } });`).join('\n')}
`;
  const dts = `${HEADER}import type { EventName, ReactWebComponent } from '@lit/react';
import type {} from '../define/index.js';

${elements.map((e) => `${doc(e.description, '')}export declare const ${e.className}: ReactWebComponent<${el(e.tag)}, { ${e.events.map((x) => `${wrapperEvent(x.name)}: EventName<${ev(x.name)}>`).join('; ')} }>;`).join('\n')}
`;
  return { js, dts };
}

let modulePaths = new Map();
const modulePathOf = (e) => modulePaths.get(e.tag);

function vscode(elements, attributesOf) {
  return {
    version: 1.1,
    tags: elements.map((e) => ({
      name: e.tag,
      description: e.description,
      attributes: attributesOf(e).map((a) => ({
        name: a.name,
        description: a.description,
        ...(a.values ? { values: a.values.map((name) => ({ name })) } : a.type === 'boolean' ? { valueSet: 'v' } : {}),
      })),
    })),
  };
}

function webTypes(elements, attributesOf, pkg) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((e) => ({
          name: e.tag,
          description: e.description,
          attributes: attributesOf(e).map((a) => ({
            name: a.name,
            description: a.description,
            value:
              a.type === 'boolean'
                ? { type: 'boolean', required: false }
                : { type: a.values ? a.values.map((v) => q(v)).join(' | ') : 'string' },
          })),
          events: e.events.map((x) => ({ name: x.name, description: x.description, type: x.type })),
          js: {
            properties: e.properties.map((p) => ({ name: p.name, description: p.description })),
            events: e.events.map((x) => ({ name: x.name, description: x.description, type: x.type })),
          },
        })),
      },
    },
  };
}

/** Attributes with their literal values when the type is a union of strings (`'support' | 'agree'`). */
function attributesOf(e) {
  return e.attributes.map((a) => {
    const values = /^('[^']*'\s*\|\s*)+'[^']*'$/.test(a.type) ? [...a.type.matchAll(/'([^']*)'/g)].map((m) => m[1]) : null;
    return { ...a, values };
  });
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`);
}

export function generate(dist = 'dist') {
  const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  modulePaths = new Map(
    manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, m.path.replace(/^dist\//, '')])),
  );
  // The one list of elements decides which tags get types: each must be in the manifest.
  const listed = JSON.parse(readFileSync('src/elements/elements.json', 'utf8')).elements.map((e) => e.tag);
  const elements = elementsOf(manifest).filter((e) => listed.includes(e.tag));
  const missing = listed.filter((tag) => !elements.some((e) => e.tag === tag));
  if (missing.length) throw new Error(`custom-elements.json lacks ${missing.join(', ')} (src/elements/elements.json lists them)`);
  write(join(dist, 'frameworks/react.d.ts'), react(elements));
  write(join(dist, 'frameworks/vue.d.ts'), vue(elements));
  write(join(dist, 'frameworks/svelte.d.ts'), svelte(elements));
  const wrappers = reactWrappers(elements);
  write(join(dist, 'react/index.js'), wrappers.js);
  write(join(dist, 'react/index.d.ts'), wrappers.dts);
  write(join(dist, 'editors/html-custom-data.json'), vscode(elements, attributesOf));
  write(join(dist, 'editors/web-types.json'), webTypes(elements, attributesOf, pkg));
  return elements;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const elements = generate(process.argv[2] ?? 'dist');
  console.log(`pgo-widgets: framework types, React wrappers and editor data for ${elements.length} elements`);
}
