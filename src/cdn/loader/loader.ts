/**
 * `pgo-widgets.js`, the loader: finds the `pgo-*` tags of the page (in the document, in open shadow roots,
 * in elements added later) and imports what they need in one parallel round: the runtime chunk, each tag's
 * chunk (nested elements come with their parent's) and the language of the page or element when it is not
 * French. Files are named from the loader's own URL (any `?ver=` query or CDN path works) and carry a
 * content hash. A file that fails to load shows an error with a retry in each element that needed it.
 */
import manifest from 'pgo:manifest';
import { VERSION } from '../../core/version.js';

interface Manifest {
  /** Chunk files (without `.js`), named relative to the loader; the runtime first (every tag needs it). */
  f: string[];
  /** Tag (without `pgo-`) -> indexes of every other file it needs. */
  t: Record<string, number[]>;
  /** Language -> per file (same order as `f`), the hash of its texts in that language (`en-<hash>.js`), 0 for none. */
  l: Record<string, (string | 0)[]>;
}
const { f: files, t: tags, l: languages } = manifest as Manifest;
const KEY = Symbol.for('pgo-widgets.loader');
const g = globalThis as unknown as Record<symbol, { version: string; scan: (root: ParentNode) => void } | undefined>;

/** Names being or done loading (`vote-button`, `en:vote-button`), and the names to load next. */
const started = new Set<string>();
const failed = new Set<string>();
const next = new Set<string>();
const roots: ParentNode[] = [];
let queued = false;

const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) visit(node as Element);
  flush();
});

function scan(root: Document | ShadowRoot | ParentNode): void {
  if (roots.includes(root)) return;
  roots.push(root);
  observer.observe(root, { childList: true, subtree: true });
  visit(root);
  flush();
}

function visit(node: ParentNode): void {
  if (node instanceof Element) check(node);
  for (const element of node.querySelectorAll('*')) check(element);
}

/** The language an element will speak: its own `lang` or the nearest ancestor's, across shadow roots. */
function languageOf(element: Element): string {
  for (let node: Element | null = element; node; node = (node.getRootNode() as ShadowRoot).host ?? null) {
    const tagged = node.closest('[lang]');
    if (tagged) return tagged.getAttribute('lang')!.toLowerCase().split(/[-_]/)[0]!;
  }
  return '';
}

function check(element: Element): void {
  const tag = element.localName;
  const name = tag.slice(4);
  if (tag.startsWith('pgo-') && tags[name]) {
    if (failed.has(name)) showError(element);
    if (!customElements.get(tag)) {
      if (!started.has(name)) next.add(name);
      const language = `${languageOf(element)}:${name}`;
      if (texts(language).length && !started.has(language)) next.add(language);
    }
    // Our own elements' shadow roots, once rendered: their nested elements came with them, but a host
    // may slot or render others there.
    void customElements.whenDefined(tag).then(() => element.shadowRoot && scan(element.shadowRoot));
  } else if (element.shadowRoot) {
    scan(element.shadowRoot);
  }
}

/** Every file of a tag: the runtime (index 0) and its own. */
const filesOf = (tag: string): number[] => [0, ...tags[tag]!];

/** The files of `lang:tag`: the texts in that language of every file the tag loads. */
function texts(name: string): string[] {
  const [lang, tag] = name.split(':');
  return filesOf(tag!).flatMap((file) => {
    const hash = languages[lang!]?.[file];
    return hash ? [`${lang}-${hash}`] : [];
  });
}

function flush(): void {
  if (queued || !next.size) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    const names = [...next];
    next.clear();
    // One round: every file of every name at once (the browser fetches modules once per URL).
    for (const name of names) load(name);
  });
}

/** Imports every file of a name; a retry adds a query (browsers keep a failed module fetch per URL). */
function load(name: string, query = ''): void {
  started.add(name);
  const language = name.includes(':');
  const names = language ? texts(name) : filesOf(name).map((i) => files[i]!);
  Promise.all(names.map((file) => import(new URL(`${file}.js${query}`, import.meta.url).href))).catch(() => {
    // A language that cannot load leaves the elements in French; an element shows why it is missing.
    if (language) return;
    failed.add(name);
    for (const root of roots) for (const element of root.querySelectorAll(`pgo-${name}`)) showError(element);
  });
}

/** An element with a part and a text. */
function create(tag: string, part: string, text = ''): HTMLElement {
  const element = document.createElement(tag);
  element.setAttribute('part', part);
  element.textContent = text;
  return element;
}

function showError(element: Element): void {
  if (customElements.get(element.localName)) return;
  const [message, retry] = languageOf(element) === 'en' ? ['Could not load.', 'Try again'] : ['Chargement impossible.', 'Réessayer'];
  const box = create('div', 'error');
  box.setAttribute('role', 'alert');
  // In a shadow root of its own, outside any form: a plain button submits nothing.
  const button = create('button', 'button retry', retry);
  // One retry tries every part that failed (they often failed together: a network drop).
  button.onclick = () => {
    for (const again of failed) {
      failed.delete(again);
      for (const r of roots) for (const e of r.querySelectorAll(`pgo-${again}`)) e.shadowRoot?.replaceChildren();
      load(again, `?${Date.now()}`);
    }
  };
  box.append(message!, button);
  (element.shadowRoot ?? element.attachShadow({ mode: 'open' })).replaceChildren(box);
}

const previous = g[KEY];
if (!previous) {
  g[KEY] = { version: VERSION, scan };
  scan(document);
} else if (previous.version !== VERSION) {
  console.warn(`pgo-widgets ${VERSION}: keeping ${previous.version}, loaded first`);
}
