/**
 * Web storage, guarded, and the keys the library stores under. Storage may be missing, blocked
 * (sandboxed frames, privacy modes, storage partitioning) or full: none of that may break a widget,
 * so every access here answers null / false instead of throwing, and callers fall back.
 */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `localStorage` or `sessionStorage`, or null where merely touching it throws. */
export function webStorage(kind: 'local' | 'session' = 'local'): KeyValueStorage | null {
  try {
    return (kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage) ?? null;
  } catch {
    return null;
  }
}

/** The stored value, or null when absent or unreadable. */
export function readStored(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores a value; false when it could not be kept (no storage, blocked, over quota). */
export function writeStored(storage: KeyValueStorage | null, key: string, value: string): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(storage: KeyValueStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing could be stored there either.
  }
}

/** Every key the library stores under: their formats live here, so two places never disagree. */
export const storageKeys = {
  /** A form's draft: form kind, backend kind, endpoint, consultation and extra parts (an event id). */
  draft: (parts: readonly string[]) => `pgo-draft:${parts.join('|')}`,
  /** The `rest` backend's anonymous participant token, per endpoint. */
  participant: (endpoint: string) => `pgo-widgets:participant:${endpoint}`,
  /** The visitor's seed for the random order of proposals (per tab). */
  randomSeed: 'pgo-widgets.seed',
};
