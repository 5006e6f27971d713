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

/** Rows to render so that they cover the viewport plus `margin` px above and below. */
export function rangeFor(count: number, heightAt: (index: number) => number, listTop: number, viewport: number, margin: number): ListRange {
  const top = -listTop - margin;
  const bottom = -listTop + viewport + margin;
  let y = 0;
  let i = 0;
  while (i < count && y + heightAt(i) <= top) y += heightAt(i++);
  const start = i;
  while (i < count && (y < bottom || i === start)) y += heightAt(i++);
  return spaced(count, heightAt, start, i);
}

/** The range of rows `start` to `end` with its spacers. */
function spaced(count: number, heightAt: (index: number) => number, start: number, end: number): ListRange {
  let before = 0;
  let after = 0;
  for (let i = 0; i < start; i++) before += heightAt(i);
  for (let i = end; i < count; i++) after += heightAt(i);
  return { start, end, before, after };
}

const ESTIMATE = 200;
/** A focused row is kept rendered while it is at most this many rows from the viewport. */
const KEEP_FOCUSED = 50;

/**
 * Keeps `range` in step with scrolling, resizing and measured row heights, and asks the host to
 * render when it changes. Lists of at most `minimum` rows are rendered whole.
 */
export class ListWindow implements ReactiveController {
  range: ListRange = { start: 0, end: 0, before: 0, after: 0 };
  private readonly heights = new Map<string, number>();
  /**
   * The height assumed for rows not measured yet, fixed from the first rows measured: a running
   * average would move thousands of unmeasured rows, and the row in view with them.
   */
  private estimate: number | null = null;
  private queued = false;
  private pinned: number | null = null;
  /** The key of the row holding focus: it stays rendered, or focus would fall to the page. */
  private focusedKey: string | null = null;
  private readonly observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
    // Measured after the observer returns: resizing rows inside its callback is a "ResizeObserver loop" error in WebKit.
    const rows = entries.map((e) => e.target as HTMLElement);
    setTimeout(() => this.measure(rows));
  });
  private readonly onScroll = () => this.schedule();
  private readonly onFocus = (event: FocusEvent) => {
    const row = event.type === 'focusin' && event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.parentElement === this.list());
    this.focusedKey = row ? row.dataset['key'] ?? null : null;
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The keys of every row, in order. */
    private readonly keys: () => readonly string[],
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
    if (pinned !== null && ((pinned >= this.range.start && pinned < this.range.end) || pinned >= this.keys().length)) this.pinned = null;
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

  /** Recomputes the range now; returns it. */
  compute(): ListRange {
    const keys = this.keys();
    const count = keys.length;
    let next: ListRange;
    if (count <= this.minimum) {
      next = { start: 0, end: count, before: 0, after: 0 };
    } else {
      const estimate = this.estimate ?? ESTIMATE;
      const heightAt = (i: number) => this.heights.get(keys[i]!) ?? estimate;
      const list = this.list();
      const top = list ? list.getBoundingClientRect().top : 0;
      next = rangeFor(count, heightAt, top, window.innerHeight, window.innerHeight);
      if (this.pinned !== null && (this.pinned < next.start || this.pinned >= next.end)) {
        // The row to focus lies outside the viewport: render from it; focusing it scrolls it in.
        next = rangeFor(count, heightAt, -spaced(count, heightAt, this.pinned, count).before, window.innerHeight, 0);
      }
      const focused = this.focusedKey === null ? -1 : keys.indexOf(this.focusedKey);
      if (focused >= 0 && focused >= next.start - KEEP_FOCUSED && focused < next.end + KEEP_FOCUSED) {
        next = spaced(count, heightAt, Math.min(next.start, focused), Math.max(next.end, focused + 1));
      }
    }
    const current = this.range;
    const moved = next.start !== current.start || next.end !== current.end
      || Math.abs(next.before - current.before) > 1 || Math.abs(next.after - current.after) > 1;
    if (moved) {
      this.range = next;
      this.host.requestUpdate();
    }
    return this.range;
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
      changed = true;
    }
    if (this.estimate === null && measured) this.estimate = total / measured;
    if (changed) this.schedule();
  }
}
