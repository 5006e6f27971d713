/**
 * Where the `rest` backend keeps the anonymous participant token: `localStorage`, keyed by endpoint,
 * so a visitor stays the same participant across pages and visits; in memory when storage is blocked
 * (private modes, sandboxed frames, storage partitioning), which lasts as long as the page.
 */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const inMemory = new Map<string, string>();

/** `localStorage`, or null where merely touching it throws (blocked cookies, opaque origins). */
export function browserStorage(): TokenStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** A storage of its own in memory: one fresh participant per backend (tests, several identities). */
export function memoryStorage(): TokenStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

export class TokenStore {
  readonly key: string;

  constructor(endpoint: string, private readonly storage: TokenStorage | null = browserStorage()) {
    this.key = `pgo-widgets:participant:${endpoint || globalThis.location?.origin || ''}`;
  }

  get(): string | null {
    if (this.storage) {
      try {
        return this.storage.getItem(this.key);
      } catch {
        // Blocked storage: the in-memory copy serves this page.
      }
    }
    return inMemory.get(this.key) ?? null;
  }

  set(token: string): void {
    if (this.storage) {
      try {
        this.storage.setItem(this.key, token);
        return;
      } catch {
        // Quota or blocked storage: the token lives in memory for this page.
      }
    }
    inMemory.set(this.key, token);
  }

  /** Forgets `token`, only if it is still the current one (another tab may have replaced it). */
  drop(token: string): void {
    if (this.get() !== token) return;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing stored there.
    }
    inMemory.delete(this.key);
  }
}
