/**
 * Same idempotency key, same outcome: Decidim has no such keys, so the backend keeps each write's
 * promise for the page's life. A refused write is forgotten: it may be retried with the same key once
 * the cause is fixed. Every caller gets its own copy of the answer.
 */
export class WriteOnce {
  private readonly writes = new Map<string, Promise<unknown>>();

  run<T>(key: string, write: () => Promise<T>): Promise<T> {
    const known = this.writes.get(key) as Promise<T> | undefined;
    if (known) return known.then((r) => structuredClone(r));
    let result: Promise<T>;
    try {
      result = write();
    } catch (error) {
      result = Promise.reject(error);
    }
    this.writes.set(key, result);
    result.catch(() => this.writes.delete(key));
    return result.then((r) => structuredClone(r));
  }
}
