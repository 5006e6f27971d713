// Generated benchmark pages. Each carries a probe, an inline script run before anything else, that
// watches the document and every shadow root as it is attached and, once `ready` (a JS expression)
// holds, records the time then and at the start of the next frame (the one that paints it).

function probe(ready) {
  return `<script>
(() => {
  let resolve;
  window.__benchDone = new Promise((r) => (resolve = r));
  let done = false;
  const ready = () => { try { return Boolean(${ready}); } catch { return false; } };
  const check = () => {
    if (done || !ready()) return;
    done = true;
    const dom = performance.now();
    requestAnimationFrame(() => resolve({ dom, frame: performance.now() }));
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    return root;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
</script>`;
}

/**
 * A page: `before` module scripts (backends, data), then the `pgo-script-start` mark, then `scripts`
 * (the code measured), then `body`. Module scripts run in document order, so the mark falls between.
 */
export function benchPage({ before = [], scripts, body, ready, lang = 'fr' }) {
  const module = (src) => `<script type="module" src="${src}"></script>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>pgo-widgets bench</title>
${probe(ready)}
${before.map(module).join('\n')}
<script type="module">performance.mark('pgo-script-start');</script>
${scripts.map(module).join('\n')}
</head><body>
${body}
</body></html>`;
}

/** Milliseconds from the `pgo-script-start` mark to the probe's ready frame (and DOM change); fails after a minute. */
export async function readyTimes(page) {
  return page.evaluate(async () => {
    const late = new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`${location.pathname} was not ready within a minute`)), 60_000),
    );
    const { dom, frame } = await Promise.race([window.__benchDone, late]);
    const start = performance.getEntriesByName('pgo-script-start')[0]?.startTime ?? 0;
    return { frame: frame - start, dom: dom - start, fromNavigation: frame };
  });
}
