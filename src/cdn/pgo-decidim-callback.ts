// CDN entry for the OAuth redirect page of a site using the decidim backend:
// <script type="module" src=".../pgo-decidim-callback.js"></script> relays the sign-in answer to the opener.
import { relayDecidimLogin } from '../backends/decidim/oauth-callback.js';

relayDecidimLogin();
