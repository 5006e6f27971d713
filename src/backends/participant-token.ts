/**
 * Where the `rest` backend keeps the anonymous participant token: `localStorage`, keyed by endpoint,
 * so a visitor stays the same participant across pages and visits; in memory when storage is blocked
 * (private modes, sandboxed frames, storage partitioning), which lasts as long as the page.
 */
import { readStored, removeStored, storageKeys, webStorage, writeStored, type KeyValueStorage } from '../core/storage.js';

export type TokenStorage = KeyValueStorage;

const inMemory = new Map<string, string>();

/** A storage of its own in memory: one fresh participant per backend (tests, several identities). */
export function memoryStorage(): TokenStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

export class TokenStore {
  readonly key: string;

  constructor(
    endpoint: string,
    private readonly storage: TokenStorage | null = webStorage(),
  ) {
    this.key = storageKeys.participant(endpoint || globalThis.location?.origin || '');
  }

  get(): string | null {
    // Blocked storage: the in-memory copy serves this page.
    return readStored(this.storage, this.key) ?? inMemory.get(this.key) ?? null;
  }

  set(token: string): void {
    // Quota or blocked storage: the token lives in memory for this page.
    if (!writeStored(this.storage, this.key, token)) inMemory.set(this.key, token);
  }

  /** Forgets `token`, only if it is still the current one (another tab may have replaced it). */
  drop(token: string): void {
    if (this.get() !== token) return;
    removeStored(this.storage, this.key);
    inMemory.delete(this.key);
  }
}
