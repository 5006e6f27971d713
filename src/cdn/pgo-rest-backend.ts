// CDN entry for pages that load single elements (dist/cdn/pgo-<element>.js) instead of the whole
// pgo-widgets.js, which already includes it: registers the `rest` backend (the default of
// `backend`), so `<pgo-phase-countdown endpoint="…" consultation="…">` works with two script tags.
import '../backends/rest.js';
