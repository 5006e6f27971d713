/** Helpers for play functions: find what an element rendered in its shadow root, and wait for it. */
import { waitFor } from 'storybook/test';

/** The first element matching `selector` under `root`, looking through every shadow root. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  const found = root.querySelector<T>(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot ? deepQuery<T>(el.shadowRoot, selector) : null;
    if (inner) return inner;
  }
  return null;
}

/** Waits until `selector` is rendered inside the shadow root of the first `host` element. */
export function rendered<T extends Element = HTMLElement>(root: ParentNode, host: string, selector: string): Promise<T> {
  return waitFor(() => {
    const el = deepQuery(root, host)?.shadowRoot?.querySelector<T>(selector);
    if (!el) throw new Error(`<${host}> has not rendered ${selector}`);
    return el;
  }, { timeout: 5000 });
}

/** Waits until the shadow text of `selector` in `host` contains `text`. */
export function renderedText(root: ParentNode, host: string, selector: string, text: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const el = deepQuery(root, host)?.shadowRoot?.querySelector<HTMLElement>(selector);
    const content = el?.textContent ?? '';
    if (!el || !(typeof text === 'string' ? content.includes(text) : text.test(content))) throw new Error(`<${host}> ${selector} does not say ${text}`);
    return el;
  }, { timeout: 5000 });
}

/** Types into a field the way the element hears it (value, then an `input` event). */
export function fill(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
