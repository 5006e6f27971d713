/**
 * The community context protocol (webcomponents-cg, `context-request` / `context-provider` events), the part
 * pgo-widgets uses: a provider element (`<pgo-consultation>`), consumers that subscribe (every element), and a
 * root that keeps the requests nobody answered until a provider arrives (elements upgraded before their
 * provider). Events and fields are those of `@lit/context` 1.x, so a copy of the library built with it (or any
 * other implementation of the protocol) meets this one on the same page; this is ~0.3 KB against its ~1.2 KB.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A context key: a string, so that two copies of the library on one page meet. */
export type Context<T> = string & { readonly __value?: T };

export type Callback<T> = (value: T, unsubscribe?: () => void) => void;
export type Host = ReactiveControllerHost & HTMLElement;
/** `context-request` and `context-provider` events: the protocol's fields. */
export interface ContextEvent<T> extends Event {
  context: Context<T>;
  contextTarget?: Element;
  callback: Callback<T>;
  subscribe?: boolean;
}

export function dispatch<T>(target: Element, type: string, context: Context<T>, callback?: Callback<T>): void {
  const event = new Event(type, { bubbles: true, composed: true });
  target.dispatchEvent(Object.assign(event, { context, contextTarget: target }, callback && { callback, subscribe: true }));
}

/** Listens on `target` to protocol events of `context` not sent by `self`. */
export function listen<T>(
  target: Element,
  type: string,
  context: Context<T>,
  handle: (event: ContextEvent<T>, from: Element) => void,
  self = target,
) {
  target.addEventListener(type, (event) => {
    const e = event as ContextEvent<T>;
    const from = e.contextTarget ?? (e.composedPath()[0] as Element);
    if (e.context === context && from !== self) handle(e, from);
  });
}

/** Subscribes the host to the nearest provider of `context` while it is connected; `callback` gets each value. */
export class ContextConsumer<T> implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly context: Context<T>,
    private readonly callback: (value: T) => void,
  ) {
    host.addController(this);
  }

  private readonly receive: Callback<T> = (value, unsubscribe) => {
    // A nearer provider answered (or the old one is gone): leave the previous one.
    if (this.unsubscribe !== unsubscribe) this.unsubscribe?.();
    this.unsubscribe = unsubscribe;
    this.callback(value);
  };

  hostConnected(): void {
    dispatch(this.host, 'context-request', this.context, this.receive);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

const ROOT = Symbol.for('pgo-widgets.context-root');

/**
 * Lets elements upgraded before their provider still find it once it arrives: one root per page (the
 * provider's module attaches it; the loader's runtime too, as chunks come in any order). Subscriptions that
 * reach the document unanswered are kept (weakly) and asked again when a provider of their context connects.
 */
export function attachContextRoot(): void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (g[ROOT] || typeof document === 'undefined') return;
  g[ROOT] = true;
  const root = document.documentElement;
  const pending = new Map<unknown, [WeakRef<Element>, WeakRef<Callback<unknown>>][]>();
  const kept = new WeakSet<Callback<unknown>>();
  root.addEventListener('context-request', (event: Event) => {
    const { context, contextTarget, callback, subscribe } = event as ContextEvent<unknown>;
    if (!subscribe || kept.has(callback)) return;
    kept.add(callback);
    const consumer = contextTarget ?? (event.composedPath()[0] as Element);
    pending.set(context, [...(pending.get(context) ?? []), [new WeakRef(consumer), new WeakRef(callback)]]);
  });
  root.addEventListener('context-provider', (event: Event) => {
    const { context } = event as ContextEvent<unknown>;
    const waiting = pending.get(context) ?? [];
    pending.delete(context);
    for (const [consumer, callback] of waiting.map((refs) => refs.map((ref) => ref.deref()) as [Element?, Callback<unknown>?])) {
      if (!callback) continue;
      kept.delete(callback);
      if (consumer) dispatch(consumer, 'context-request', context, callback);
    }
  });
}
