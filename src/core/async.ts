/** Timers and abort signals, one home: the longest timer, a cancellable timer, an abortable delay, an abortable wait, a load kept once it worked. */
import { abortedError } from './errors.js';

/** Longest single timer: setTimeout overflows past 2^31-1 ms (24.8 days). */
export const MAX_TIMER = 2 ** 31 - 1;

/** Runs `fn` after `ms` (clamped to `MAX_TIMER`); returns the function that cancels it. */
export function startTimer(ms: number, fn: () => void): () => void {
  const timer = setTimeout(fn, Math.min(ms, MAX_TIMER));
  return () => clearTimeout(timer);
}

/** Resolves after `ms`; rejects with the `aborted` BackendError as soon as the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortedError());
      },
      { once: true },
    );
  });
}

/** A shared promise one caller may stop waiting for (its signal) without cancelling it for the others. */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * `load` run once and its result shared, unless it fails: a chunk that could not load (offline) is
 * imported again by the next caller instead of failing for the page's whole life.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}
