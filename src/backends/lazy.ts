import { loadOnce } from '../core/async.js';

/**
 * An implementation loaded on first use: each named async method imports the module, builds the object
 * once and forwards the call. Keeps a kind of data the runtime seldom needs (documents, issue 21) out of
 * the rest backend every page loads; the page that shows a document fetches it with its first request.
 */
export function lazyMethods<T extends object>(load: () => Promise<T>, names: readonly (keyof T & string)[]): T {
  const target = loadOnce(load);
  return Object.fromEntries(
    names.map((name) => [name, (...args: unknown[]) => target().then((impl) => (impl[name] as (...a: unknown[]) => unknown)(...args))]),
  ) as T;
}
