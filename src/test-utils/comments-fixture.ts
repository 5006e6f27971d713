/**
 * `<pgo-comments>` mounted in a provider over a memory backend, with comments posted by other
 * participants first, and the few lookups its tests share (issue 20).
 */
import { forgetDrafts } from './storage.js';
import { html } from 'lit';
import type { MemoryBackend } from '../backends/memory.js';
import { newIdempotencyKey } from '../core/backend.js';
import type { CommentDraft } from '../core/comments.js';
import type { CommentSettings } from '../core/comment-settings.js';
import type { PgoComments } from '../elements/comments/comments.js';
import { memoryBackendFixture } from './fixtures.js';
import { mountInProvider } from './mount.js';
import { waitUntil } from './wait.js';

export const C = 'plan-action-2017';
export const TARGET = 'proposal:p1';
export const XSS = '<img src=x onerror="window.__pwned=1">';
export const key = () => ({ idempotencyKey: newIdempotencyKey() });

/** The same store, acting as another participant. */
export const as = (backend: MemoryBackend, participantId: string) =>
  Object.assign(Object.create(backend) as MemoryBackend, { participantId });
export const post = (backend: MemoryBackend, who: string, draft: Partial<CommentDraft>) =>
  as(backend, who).postComment(C, { target: TARGET, body: 'Un commentaire.', ...draft }, key());

export async function mount(
  options: {
    position?: 'ideation' | 'after';
    comments?: CommentSettings;
    lang?: string;
    seed?: (b: MemoryBackend) => Promise<unknown>;
  } = {},
) {
  forgetDrafts('comment', 'comment-reply');
  const { backend } = memoryBackendFixture({
    position: options.position,
    ...(options.comments ? { settings: { comments: options.comments } } : {}),
  });
  await options.seed?.(backend);
  const { el } = await mountInProvider<PgoComments>(backend, C, html`<pgo-comments target=${TARGET}></pgo-comments>`, {
    lang: options.lang,
  });
  await waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'the discussion did not load');
  return { el, backend };
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const bodies = (el: Element) => $$(el, '[part~="body"]').map((b) => b.textContent!.trim());

export async function type(el: PgoComments, name: string, value: string) {
  const input = $<HTMLTextAreaElement>(el, `[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}
