/**
 * Windowing for long lists: only the rows near the viewport are in the DOM, spacers stand for the
 * others. Row heights are measured as rows render; unmeasured rows take the first rows’ average.
 * Written here instead of @lit-labs/virtualizer, which costs about 9 KB min+gzip: this is about 1 KB.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ListRange {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** Space standing for the rows before `start` and after `end`, in px. */
  before: number;
  after: number;
}

/**
 * Row heights by index with their prefix sums (a Fenwick tree): the height above a row, and the row at a
 * given offset, in O(log n); changing one row's height is O(log n) too. A scroll step never walks every row.
 */
export class RowHeights {
  readonly count: number;
  private readonly sizes: Float64Array;
  private readonly tree: Float64Array;
  private readonly top: number;

  constructor(sizes: ArrayLike<number>) {
    const count = (this.count = sizes.length);
    this.sizes = Float64Array.from(sizes);
    const tree = (this.tree = new Float64Array(count + 1));
    // Linear build: each node adds itself to its parent.
    for (let i = 1; i <= count; i++) {
      tree[i]! += this.sizes[i - 1]!;
      const parent = i + (i & -i);
      if (parent <= count) tree[parent]! += tree[i]!;
    }
    let top = 1;
    while (top * 2 <= count) top *= 2;
    this.top = top;
  }

  heightAt(index: number): number {
    return this.sizes[index] ?? 0;
  }

  set(index: number, height: number): void {
    const delta = height - this.sizes[index]!;
    if (!delta) return;
    this.sizes[index] = height;
    for (let i = index + 1; i <= this.count; i += i & -i) this.tree[i]! += delta;
  }

  /** The height of the rows before `index`. */
  before(index: number): number {
    let sum = 0;
    for (let i = Math.min(index, this.count); i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }

  /** The first row whose bottom lies below `offset` (`count` when none does). */
  indexAt(offset: number): number {
    let index = 0;
    let sum = 0;
    for (let step = this.top; step; step >>= 1) {
      const next = index + step;
      if (next <= this.count && sum + this.tree[next]! <= offset) {
        index = next;
        sum += this.tree[next]!;
      }
    }
    return index;
  }
}

/** Rows to render so that they cover the viewport plus `margin` px above and below. */
export function rangeFor(rows: RowHeights, listTop: number, viewport: number, margin: number): ListRange {
  const start = rows.indexAt(-listTop - margin);
  // At least one row, and every row that starts above the bottom edge.
  const end = Math.max(Math.min(start + 1, rows.count), Math.min(rows.count, rows.indexAt(-listTop + viewport + margin) + 1));
  return spaced(rows, start, end);
}

/** The range of rows `start` to `end` with its spacers. */
function spaced(rows: RowHeights, start: number, end: number): ListRange {
  const before = rows.before(start);
  return { start, end, before, after: rows.before(rows.count) - rows.before(end) };
}

const ESTIMATE = 200;
/** A focused row is kept rendered while it is at most this many rows from the viewport. */
const KEEP_FOCUSED = 50;

/**
 * Keeps `range` in step with scrolling, resizing and measured row heights, and asks the host to
 * render when it changes. Lists of at most `minimum` rows are rendered whole.
 */
export class ListWindow<T> implements ReactiveController {
  range: ListRange = { start: 0, end: 0, before: 0, after: 0 };
  private readonly heights = new Map<string, number>();
  /**
   * The height assumed for rows not measured yet, fixed from the first rows measured: a running
   * average would move thousands of unmeasured rows, and the row in view with them.
   */
  private estimate: number | null = null;
  /** Heights and index of the rows as last read from `items` (rebuilt when the array or the estimate changes). */
  private built: { items: readonly T[]; estimate: number | null; rows: RowHeights; index: Map<string, number> } | null = null;
  private queued = false;
  private pinned: number | null = null;
  /** The key of the row holding focus: it stays rendered, or focus would fall to the page. */
  private focusedKey: string | null = null;
  private readonly observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          // Measured after the observer returns: resizing rows inside its callback is a "ResizeObserver loop" error in WebKit.
          const rows = entries.map((e) => e.target as HTMLElement);
          setTimeout(() => this.measure(rows));
        });
  private readonly onScroll = () => this.schedule();
  private readonly onFocus = (event: FocusEvent) => {
    const row =
      event.type === 'focusin' &&
      event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.parentElement === this.list());
    this.focusedKey = row ? (row.dataset['key'] ?? null) : null;
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Every row, in order (a new array when rows change: the window re-reads it only then). */
    private readonly items: () => readonly T[],
    private readonly keyOf: (item: T) => string,
    /** The list element holding the rows (`[data-key]` children). */
    private readonly list: () => HTMLElement | null,
    private readonly minimum = 100,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Capture sees the scrolls of any scrolling ancestor too, not only the page's.
    document.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    this.host.addEventListener('focusin', this.onFocus);
    this.host.addEventListener('focusout', this.onFocus);
  }

  hostDisconnected(): void {
    document.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onScroll);
    this.host.removeEventListener('focusin', this.onFocus);
    this.host.removeEventListener('focusout', this.onFocus);
    this.observer?.disconnect();
  }

  hostUpdated(): void {
    // The pinned row is kept until a render has put it in the DOM (for the host to focus it).
    const { pinned } = this;
    if (pinned !== null && ((pinned >= this.range.start && pinned < this.range.end) || pinned >= this.items().length)) this.pinned = null;
    const rows = [...(this.list()?.children ?? [])] as HTMLElement[];
    this.observer?.disconnect();
    for (const row of rows) this.observer?.observe(row);
    this.measure(rows);
  }

  /** Makes the next range include the row at `index` (to focus it), wherever the page is scrolled. */
  reveal(index: number): void {
    this.pinned = index;
    this.host.requestUpdate();
  }

  /**
   * Focuses a rendered row and scrolls it into view. WebKit's `focus()` leaves a row outside the viewport
   * where it is (Chromium and Firefox scroll to it): the next range, computed from the scroll position,
   * then dropped the row far from it and focus fell to the page (the row after "load more" of a long list).
   */
  focus(row: HTMLElement): void {
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  }

  /** Recomputes the range now; returns it. */
  compute(): ListRange {
    const count = this.items().length;
    let next: ListRange;
    if (count <= this.minimum) {
      next = { start: 0, end: count, before: 0, after: 0 };
    } else {
      const { rows, index } = this.rows();
      const list = this.list();
      const top = list ? list.getBoundingClientRect().top : 0;
      next = rangeFor(rows, top, window.innerHeight, window.innerHeight);
      if (this.pinned !== null && (this.pinned < next.start || this.pinned >= next.end)) {
        // The row to focus lies outside the viewport: render from it; focusing it scrolls it in.
        next = rangeFor(rows, -rows.before(this.pinned), window.innerHeight, 0);
      }
      const focused = this.focusedKey === null ? -1 : (index.get(this.focusedKey) ?? -1);
      if (focused >= 0 && focused >= next.start - KEEP_FOCUSED && focused < next.end + KEEP_FOCUSED) {
        next = spaced(rows, Math.min(next.start, focused), Math.max(next.end, focused + 1));
      }
    }
    const current = this.range;
    const moved =
      next.start !== current.start ||
      next.end !== current.end ||
      Math.abs(next.before - current.before) > 1 ||
      Math.abs(next.after - current.after) > 1;
    if (moved) {
      this.range = next;
      this.host.requestUpdate();
    }
    return this.range;
  }

  /** The rows' heights (measured, else the estimate), rebuilt only when the rows or the estimate change. */
  private rows(): { rows: RowHeights; index: Map<string, number> } {
    const items = this.items();
    if (this.built?.items !== items || this.built.estimate !== this.estimate) {
      const estimate = this.estimate ?? ESTIMATE;
      const index = new Map<string, number>();
      const sizes = items.map((item, i) => {
        const key = this.keyOf(item);
        index.set(key, i);
        return this.heights.get(key) ?? estimate;
      });
      this.built = { items, estimate: this.estimate, rows: new RowHeights(sizes), index };
    }
    return this.built;
  }

  /** Scroll and resize callbacks come once per frame already: coalesce within it, no rAF (none in hidden pages). */
  private schedule(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (this.host.isConnected) this.compute();
    });
  }

  private measure(rows: HTMLElement[]): void {
    let changed = false;
    let total = 0;
    let measured = 0;
    for (const row of rows) {
      const key = row.dataset['key'];
      const height = key && row.isConnected ? row.offsetHeight : 0;
      if (!height) continue;
      total += height;
      measured++;
      if (this.heights.get(key!) === height) continue;
      this.heights.set(key!, height);
      const at = this.built?.index.get(key!);
      if (at !== undefined) this.built!.rows.set(at, height);
      changed = true;
    }
    if (this.estimate === null && measured) this.estimate = total / measured;
    if (changed) this.schedule();
  }
}
