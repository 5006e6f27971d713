/**
 * Contrast of a focus ring, from the colours the browser rendered: the computed outline colour of the
 * focused element against the background behind the ring (the first opaque background among its
 * ancestors, across shadow roots and slots, translucent ones blended; the canvas is white).
 * Self-contained (no imports): the demo suite bundles it into pages too.
 */
type Rgba = [number, number, number, number];

export function parseColour(css: string): Rgba {
  const m = css.match(/rgba?\(([^)]+)\)/);
  if (!m) {
    // `color(srgb r g b / a)`, as some engines write colours from newer syntaxes.
    const s = css.match(/color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)/);
    if (!s) throw new Error(`unreadable colour ${css}`);
    return [Number(s[1]) * 255, Number(s[2]) * 255, Number(s[3]) * 255, s[4] === undefined ? 1 : Number(s[4])];
  }
  const parts = m[1]!
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function renderedParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The colour behind an element's outside: its ancestors' backgrounds, blended, over a white canvas. */
export function backgroundBehind(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node = renderedParent(el); node; node = renderedParent(node)) {
    const colour = parseColour(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  let result: Rgba = [255, 255, 255, 1];
  for (const [r, g, b, a] of layers.reverse())
    result = [r * a + result[0] * (1 - a), g * a + result[1] * (1 - a), b * a + result[2] * (1 - a), 1];
  return result;
}

export interface RingReport {
  element: string;
  ring: string | null;
  background: string;
  ratio: number;
}

/** The focus ring of an element as rendered now (focus it first): its colour, what is behind, the ratio. */
export function focusRing(el: Element): RingReport {
  const style = getComputedStyle(el);
  const behind = backgroundBehind(el);
  const background = `rgb(${behind.slice(0, 3).map(Math.round).join(', ')})`;
  const element = `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? ` part="${el.getAttribute('part')}"` : ''}>`;
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return { element, ring: null, background, ratio: 0 };
  return { element, ring: style.outlineColor, background, ratio: contrastRatio(parseColour(style.outlineColor), behind) };
}

/** Every element a keyboard reaches inside `root`, through nested shadow roots, in document order. */
export function focusables(root: Document | ShadowRoot | Element): HTMLElement[] {
  const found: HTMLElement[] = [];
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';
  const walk = (node: Document | ShadowRoot | Element) => {
    for (const el of node.querySelectorAll<HTMLElement>('*')) {
      if (el.matches(selector) && el.tabIndex >= 0 && el.getClientRects().length && !el.closest('[inert]')) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return found;
}
