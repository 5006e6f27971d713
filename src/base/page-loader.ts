/**
 * Loading a list page by page, as the proposal list and the agenda do: the first page (again when the
 * filters change), "load more", aborting the request a newer one replaces or a disconnect leaves behind,
 * and the errors of each (the first page's, and the next page's that keeps the pages already shown).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort, toBackendError, type BackendError } from '../core/errors.js';
import type { Page } from '../core/schemas.js';

/** Fetches one page: the first (`cursor` undefined) or the one after `cursor`. */
export type PageRequest<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

export class PageLoader<T> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  /** The number of items in the whole list: from the backend, or counted once the last page has come. */
  total: number | null = null;
  /** The first page is loading. */
  loading = false;
  /** The next page is loading. */
  loadingMore = false;
  /** The first page failed. */
  error: BackendError | null = null;
  /** The next page failed (the pages shown stay). */
  moreError: BackendError | null = null;

  private abort: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Empty the list while its first page loads again (else the old pages stay shown, marked busy). */
    private readonly clearOnReload = false,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  cancel(): void {
    this.abort?.abort();
    this.abort = null;
    this.loading = false;
    this.loadingMore = false;
  }

  /**
   * Loads the first page (`more` false) or the next one; `applied` runs once the page is in `items`
   * (`first` is the index of its first item). A newer call aborts this one, which then changes nothing.
   */
  async load(more: boolean, request: PageRequest<T>, applied?: (page: Page<T>, first: number) => void): Promise<void> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const cursor = more ? (this.nextCursor ?? undefined) : undefined;
    if (more) {
      this.loadingMore = true;
      this.moreError = null;
    } else {
      this.loading = true;
      this.error = null;
      this.moreError = null;
      if (this.clearOnReload) {
        this.items = [];
        this.nextCursor = null;
        this.total = null;
      }
    }
    this.host.requestUpdate();
    try {
      const page = await request(cursor, abort.signal);
      if (abort.signal.aborted) return;
      const first = more ? this.items.length : 0;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total ?? (page.nextCursor ? null : this.items.length);
      applied?.(page, first);
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      if (more) this.moreError = toBackendError(error);
      else this.error = toBackendError(error);
    } finally {
      if (this.abort === abort) {
        this.loading = false;
        this.loadingMore = false;
        this.abort = null;
        this.host.requestUpdate();
      }
    }
  }
}
