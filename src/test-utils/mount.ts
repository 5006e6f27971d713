/** Mounting helpers for element tests: a provider around the element, ready to use. */
import { fixture } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { html, type TemplateResult } from 'lit';
import type { ConsultationBackend } from '../core/backend.js';
import type { PgoConsultation } from '../elements/consultation/consultation.js';
import '../define/index.js';

export async function mountInProvider<T extends HTMLElement>(
  backend: ConsultationBackend,
  consultationId: string,
  inner: TemplateResult,
  options: { lang?: string; ready?: boolean } = {},
): Promise<{ provider: PgoConsultation; el: T }> {
  const provider = await fixture<PgoConsultation>(
    html`<pgo-consultation lang=${options.lang ?? 'fr'} consultation=${consultationId} .customBackend=${backend}>${inner}</pgo-consultation>`,
  );
  const el = provider.firstElementChild as T;
  if (options.ready !== false) {
    await waitUntil(() => provider.session?.status === 'ready' || provider.session?.status === 'error', 'the consultation did not load');
    await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  }
  return { provider, el };
}

/** Text of an element's shadow root, whitespace folded. */
export function shadowText(el: Element, selector = ':host'): string {
  const root = el.shadowRoot!;
  const node = selector === ':host' ? root : root.querySelector(selector);
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Makes the page look hidden or visible to the elements, as a background tab would. */
export function setPageVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

export function restorePageVisibility(): void {
  delete (document as unknown as Record<string, unknown>).visibilityState;
  delete (document as unknown as Record<string, unknown>).hidden;
}

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
