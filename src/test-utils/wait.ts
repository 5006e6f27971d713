/**
 * `waitUntil` for every browser test. @open-wc's own gives up after 1 s, which a loaded machine (CI, or several
 * engines at once) can exceed for an honest round trip to a reference server: a condition that holds is seen
 * as soon as it holds, so a long limit costs nothing when tests pass and only bounds how long a failure takes.
 */
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

type Options = { interval?: number; timeout?: number };

export function waitUntil(predicate: () => unknown | Promise<unknown>, message?: string, options: Options = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 8000, ...options });
}
