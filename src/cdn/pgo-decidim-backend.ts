// CDN entry: the `decidim` backend, loaded beside pgo-widgets.js (before it, so `backend="decidim"` is known
// when the elements start).
import '../backends/decidim/index.js';
