/**
 * The runtime chunk's entry: what every element shares (Lit, the base element, the session, the French
 * texts) and the default backend (`backend="rest"`), which must be there before any provider connects.
 * The CDN build puts everything this imports into one chunk; the loader fetches it with each element.
 */
import '../../backends/rest.js';
import '../../base/pgo-element.js';
import { attachContextRoot } from '../../base/context.js';

// Before any element: the loader defines them in whatever order their chunks arrive.
attachContextRoot();
