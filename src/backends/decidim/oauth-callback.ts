/**
 * For the host site's OAuth redirect page (the `redirect-uri` registered in Decidim): hands the answer
 * (code and state, never a token) to the window that opened the sign-in popup, on the same origin only.
 * The popup also works without it, as the opener reads the popup's address once it is back on the site.
 */
import { LOGIN_MESSAGE } from './oauth.js';

export function relayDecidimLogin(): void {
  const opener = window.opener as Window | null;
  if (!opener || opener === window) return;
  opener.postMessage({ type: LOGIN_MESSAGE, href: location.href }, location.origin);
}
