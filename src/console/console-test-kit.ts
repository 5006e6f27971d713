/**
 * What the console's browser tests share (console.test.ts and the console-settings.suite.ts it imports): focus and elements
 * through shadow roots, keyboard navigation, and the reference server the WTR plugin starts.
 */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../test-utils/wait.js';
import type { PgoConsole } from './console-app.js';

export interface Ready {
  ready?: boolean;
  pending?: boolean;
  error?: string;
  proposals?: string[];
  password?: string;
}

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An element through nested shadow roots: `deep(el, 'pgo-moderation-queue', '#reason')`. */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let node: Element | null = root;
  for (const selector of selectors) node = (node?.shadowRoot ?? node)?.querySelector(selector) ?? null;
  return node as T | null;
}

/**
 * Presses Tab until the focused element matches; fails after `max` presses. `fromTop`: start from the
 * console's heading, as heading navigation (a screen reader's "1") would: Firefox over WebDriver BiDi
 * drops the Shift of a Shift+Tab sent as two commands, so the tests never tab backwards.
 */
export async function tabTo(match: (el: Element) => boolean, what: string, max = 60, fromTop = false): Promise<void> {
  const seen: string[] = [];
  if (fromTop && !match(deepActive()!)) document.querySelector('pgo-console')?.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  for (let i = 0; i < max; i++) {
    const active = deepActive();
    if (active && match(active)) return;
    seen.push(`${active?.localName}${active?.id ? `#${active.id}` : ''}:${active?.textContent?.trim().slice(0, 12) ?? ''}`);
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}; focus went: ${[...new Set(seen)].join(' > ')}`);
}

export const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const count = (queue: Element, tab: string) => Number(/\((\d+)\)/.exec(text(deep(queue, `#tab-${tab}`)))?.[1] ?? NaN);

/** Starts the console's reference server (test/console-server.mjs); resolves with its set-up data. */
export async function startConsoleServer(): Promise<Ready> {
  await executeServerCommand('pgo-console-start');
  let ready: Ready = {};
  for (let i = 0; i < 30 && !ready.ready && !ready.error; i++) ready = await executeServerCommand<Ready, unknown>('pgo-console-ready');
  if (!ready.ready) throw new Error(`console server: ${ready.error ?? 'not ready'}`);
  return ready;
}

/** A console on this page, in English, once it shows either the sign-in form or its sections. */
export async function mountConsole(): Promise<PgoConsole> {
  const el = document.createElement('pgo-console');
  el.lang = 'en';
  document.body.append(el);
  await waitUntil(() => deep(el, 'pgo-console-sign-in', '#f-email') ?? el.shadowRoot?.querySelector('nav button'), 'no console', {
    timeout: 20_000,
  });
  return el;
}
