import { expect } from '@open-wc/testing';
import { ListWindow } from './list-window.js';

let cleanup = () => {};
afterEach(() => cleanup());

/** A host stub: an element whose list holds the rendered rows, rendered by hand from `range`. */
function setup(count: number, rowHeight = 40) {
  const host = document.createElement('div') as HTMLDivElement & {
    addController(): void;
    requestUpdate(): void;
    removeController(): void;
    updateComplete: Promise<boolean>;
  };
  const list = document.createElement('ol');
  host.append(list);
  document.body.append(host);
  host.addController = () => undefined;
  host.removeController = () => undefined;
  host.requestUpdate = () => undefined;
  const ids = Array.from({ length: count }, (_, i) => `r${i}`);
  const window_ = new ListWindow(
    host as never,
    () => ids,
    (id) => id,
    () => list,
  );
  window_.hostConnected();
  const render = () => {
    const { start, end, before, after } = window_.range;
    list.style.paddingBlock = `${before}px ${after}px`;
    // Rows keep their nodes across renders and are not moved (as Lit's keyed repeat does), so focus stays on them.
    const wanted = new Set(ids.slice(start, end));
    for (const li of [...list.children] as HTMLElement[]) if (!wanted.has(li.dataset['key']!)) li.remove();
    let at = list.firstElementChild;
    for (let i = start; i < end; i++) {
      if ((at as HTMLElement | null)?.dataset['key'] === ids[i]) {
        at = at!.nextElementSibling;
        continue;
      }
      const li = document.createElement('li');
      li.dataset['key'] = ids[i]!;
      li.dataset['index'] = String(i);
      li.tabIndex = -1;
      li.style.height = `${rowHeight}px`;
      list.insertBefore(li, at);
    }
    window_.hostUpdated();
  };
  cleanup = () => {
    window_.hostDisconnected();
    host.remove();
    window.scrollTo(0, 0);
  };
  return { host, list, window: window_, render };
}

describe('list window', () => {
  it('reads a handful of row heights per scroll step, not every row (prefix sums)', () => {
    const { window: w, render } = setup(10_000);
    w.compute();
    render();
    w.compute();
    render();
    // Count every Map lookup made while the window recomputes at 20 scroll positions.
    const get = Map.prototype.get;
    let reads = 0;
    Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
      reads++;
      return get.call(this, key);
    };
    try {
      for (let step = 1; step <= 20; step++) {
        window.scrollTo(0, step * 20_000);
        w.compute();
      }
    } finally {
      Map.prototype.get = get;
    }
    expect(reads).to.be.lessThan(20 * 50);
  });

  it('finds the rows in view wherever the page is scrolled, with spacers for the rest', () => {
    const { window: w, list, render } = setup(10_000, 40);
    w.compute();
    render();
    w.compute();
    render();
    const top = list.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top + 5000 * 40);
    const range = w.compute();
    expect(range.start).to.be.at.most(5000);
    expect(range.end).to.be.greaterThan(5000 + Math.floor(window.innerHeight / 40) - 1);
    expect(range.before).to.equal(range.start * 40);
    expect(range.after).to.equal((10_000 - range.end) * 40);
  });

  it('keeps the focused row rendered while it is near the viewport, and lets it go far away', () => {
    const { window: w, list, render } = setup(10_000, 40);
    w.compute();
    render();
    const row = list.children[3] as HTMLElement;
    row.focus();
    // A page of a concurrent run may not hold the window's focus (no focus events): say it as the browser would.
    if (document.activeElement === row && !document.hasFocus())
      row.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    const top = list.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top + 40 * 40);
    let range = w.compute();
    render();
    expect(range.start).to.be.at.most(3);
    expect(list.querySelector('[data-index="3"]') === document.activeElement, 'the focused row is still in the list').to.equal(true);
    window.scrollTo(0, top + 4000 * 40);
    range = w.compute();
    expect(range.start).to.be.greaterThan(1000);
  });
});
