/**
 * Decidim's texts are translated fields whose values may hold HTML (rich-text editors). The backend
 * keeps TEXT ONLY: markup is parsed in an inert document (nothing runs, nothing loads), script-like
 * content is dropped and block ends become line breaks. Elements render the result as text, so no
 * string from the API ever reaches the page as markup.
 */

export interface LocalizedString {
  locale: string;
  text: string | null;
  machineTranslated?: boolean | null;
}
export interface TranslatedField {
  translations?: (LocalizedString | null)[] | null;
}

/**
 * The text for `locale`, else French, else English (the widgets' two languages), then a machine
 * translation in the same order, then any text at all. Empty strings count as missing.
 */
export function pickTranslation(field: TranslatedField | null | undefined, locale: string): string {
  const all = (field?.translations ?? []).filter((t): t is LocalizedString => !!t && !!t.text?.trim());
  const order = [...new Set([locale, 'fr', 'en'])];
  const base = (l: string) => l.toLowerCase().split(/[-_]/)[0];
  for (const machine of [false, true]) {
    for (const wanted of order) {
      const hit = all.find((t) => !!t.machineTranslated === machine && base(t.locale) === wanted);
      if (hit) return hit.text!;
    }
  }
  return (all.find((t) => !t.machineTranslated) ?? all[0])?.text ?? '';
}

/** A translated field as plain text in the wanted locale. */
export function translatedText(field: TranslatedField | null | undefined, locale: string, max = Infinity): string {
  return clip(htmlToText(pickTranslation(field, locale)), max);
}

const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'MATH', 'HEAD', 'TITLE']);
const BLOCK = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TR|TABLE|SECTION|ARTICLE|HR|FIGURE)$/;

/** HTML (or plain text) to plain text. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidy(html);
  const doc = parseInert(html);
  return tidy(doc ? textOf(doc.body) : stripTags(html));
}

function textOf(node: Node): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out += child.nodeValue ?? '';
    else if (child.nodeType === 1) {
      const tag = (child as Element).tagName.toUpperCase();
      if (DROPPED.has(tag)) continue;
      if (tag === 'BR') out += '\n';
      else out += BLOCK.test(tag) ? `\n${textOf(child)}\n` : textOf(child);
    }
  }
  return out;
}

let policy: { createHTML(s: string): unknown } | null | undefined;

/**
 * A document that never runs scripts nor loads images. Under Trusted Types the parser needs a policy:
 * the backend creates its own (`pgo-decidim-text`, which a strict CSP may allow by name); when it may
 * not, the string fallback below keeps working.
 */
function parseInert(html: string): Document | null {
  if (typeof DOMParser === 'undefined') return null;
  try {
    const tt = (globalThis as { trustedTypes?: { createPolicy(n: string, p: object): { createHTML(s: string): unknown } } }).trustedTypes;
    if (tt && policy === undefined) {
      try {
        policy = tt.createPolicy('pgo-decidim-text', { createHTML: (s: string) => s });
      } catch {
        policy = null;
      }
    }
    const input = (tt && policy ? policy.createHTML(html) : html) as string;
    return new DOMParser().parseFromString(input, 'text/html');
  } catch {
    return null;
  }
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  lsquo: '‘',
  hellip: '…',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
};

/** Fallback without a DOM parser: drops script-like elements and tags, decodes entities. */
export function stripTags(html: string): string {
  return html
    .replace(/<(script|style|template|noscript|iframe|object|svg|math|head|title)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote|pre|tr)\s*>/gi, '\n')
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<\/?[a-zA-Z][^>]*(>|$)/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** Collapses spaces, keeps line breaks (one per paragraph or break), trims. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
