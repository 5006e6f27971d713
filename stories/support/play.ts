/** Helpers for play functions: find what an element rendered in its shadow root, and wait for it. */
import { waitFor } from 'storybook/test';

/** Generous: the automated check runs stories side by side on a small, busy machine. */
const PLAY_TIMEOUT = 10_000;

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
  return waitFor(
    () => {
      const el = deepQuery(root, host)?.shadowRoot?.querySelector<T>(selector);
      if (!el) throw new Error(`<${host}> has not rendered ${selector}`);
      return el;
    },
    { timeout: PLAY_TIMEOUT },
  );
}

/** Waits until the shadow text of `selector` in `host` contains `text`. */
export function renderedText(root: ParentNode, host: string, selector: string, text: string | RegExp): Promise<HTMLElement> {
  return waitFor(
    () => {
      const el = deepQuery(root, host)?.shadowRoot?.querySelector<HTMLElement>(selector);
      const content = el?.textContent ?? '';
      if (!el || !(typeof text === 'string' ? content.includes(text) : text.test(content)))
        throw new Error(`<${host}> ${selector} does not say ${text}`);
      return el;
    },
    { timeout: PLAY_TIMEOUT },
  );
}

/** Waits until `host` has rendered `count` elements matching `selector`. */
export function renderedCount(root: ParentNode, host: string, selector: string, count: number): Promise<void> {
  return waitFor(
    () => {
      const found = deepQuery(root, host)?.shadowRoot?.querySelectorAll(selector).length ?? 0;
      if (found !== count) throw new Error(`<${host}> shows ${found} ${selector}, not ${count}`);
    },
    { timeout: PLAY_TIMEOUT },
  );
}

/** Types into a field the way the element hears it (value, then an `input` event). */
export function fill(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/**
 * Sets the field `name` of a form element as the browser would after the participant edited it and
 * left it (value or checked, then `input`/`change` and `blur`). For radios, `value` picks the radio.
 */
export async function setField(root: ParentNode, host: string, name: string, value: string | boolean): Promise<void> {
  const radios = [...(deepQuery(root, host)?.shadowRoot?.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`) ?? [])];
  const radio = radios.find((r) => r.value === value) ?? null;
  const field = radio ?? (await rendered<HTMLInputElement>(root, host, `[name="${name}"]`));
  if (radio || typeof value === 'boolean') {
    field.checked = radio ? true : (value as boolean);
    field.dispatchEvent(new Event('change'));
  } else {
    field.value = value;
    field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input'));
  }
  field.dispatchEvent(new Event('blur'));
  await (deepQuery(root, host) as unknown as { updateComplete?: Promise<unknown> })?.updateComplete;
}

/** The memory backend of the story's `<pgo-consultation>` (to slow it down or cut it from a play function). */
export function storyBackend(root: ParentNode): { latency: number | [number, number]; offline: boolean } {
  const provider = root.querySelector('pgo-consultation') as (Element & { customBackend: { latency: number; offline: boolean } }) | null;
  if (!provider?.customBackend) throw new Error('the story has no <pgo-consultation> with a backend');
  return provider.customBackend;
}
