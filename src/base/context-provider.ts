// The provider's half of the context protocol (context.ts): only <pgo-consultation> provides, so it comes with its chunk.
import type { ReactiveController } from 'lit';
import { dispatch, listen, type Callback, type Context, type Host } from './context.js';

/** Gives `value` to the host's descendants (across shadow roots) that ask for `context`, and tells subscribers of changes. */
export class ContextProvider<T> implements ReactiveController {
  value: T | undefined;
  private readonly subscribers = new Map<Callback<T>, [consumer: Element, unsubscribe: () => void]>();

  constructor(
    private readonly host: Host,
    private readonly context: Context<T>,
  ) {
    host.addController(this);
    listen(host, 'context-request', context, (event, consumer) => {
      event.stopPropagation();
      const callback = event.callback;
      if (!event.subscribe) return callback(this.value as T);
      let entry = this.subscribers.get(callback);
      if (!entry) this.subscribers.set(callback, (entry = [consumer, () => this.subscribers.delete(callback)]));
      callback(this.value as T, entry[1]);
    });
    // A provider of the same context appeared inside this one: its consumers ask again and find the nearer one.
    listen(host, 'context-provider', context, (event) => {
      event.stopPropagation();
      for (const [callback, [consumer]] of this.subscribers) dispatch(consumer, 'context-request', context, callback);
    });
  }

  hostConnected(): void {
    dispatch(this.host, 'context-provider', this.context);
  }

  setValue(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const [callback, [, unsubscribe]] of this.subscribers) callback(value, unsubscribe);
  }
}
