/**
 * `backend="decidim"`: importing this module registers the Decidim backend. It is not part of the main
 * bundle; on a CDN page load `dist/cdn/pgo-decidim-backend.js` before `pgo-widgets.js`.
 */
import { registerBackend } from '../../core/backend.js';
import { decidimBackendFromConfig } from './backend.js';

export { DecidimBackend, decidimBackendFromConfig, type DecidimOptions } from './backend.js';
export type { DecidimCapabilities } from './options.js';
export type { CommentAlignment, CommentDraft, CommentThread, DecidimComment } from './comments.js';
export { relayDecidimLogin } from './oauth-callback.js';

registerBackend('decidim', decidimBackendFromConfig);
