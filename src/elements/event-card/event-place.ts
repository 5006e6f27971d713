/** The event card's facts about where and with whom: the address with its map link, the online link, the organiser. */
import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
import type { ConsultationEvent } from '../../core/schemas.js';
import { tEvent } from './event-card.messages.js';
import { mapUrl, webUrl } from './event-display.js';

/** The `<div><dt><dd>` rows of the place, online link and organiser, inside the card's `<dl>`. */
export function renderPlace(locale: Locale, event: ConsultationEvent) {
  const address = event.mode !== 'online' ? event.address : undefined;
  const online = event.mode !== 'in-person' ? event.onlineUrl : undefined;
  const onlineHref = webUrl(online);
  const map = address ? mapUrl(event) : null;
  const organiserHref = webUrl(event.organiser.url);
  return html`
      ${
        address
          ? html`<div><dt>${tEvent(locale, 'where')}</dt> <dd part="address" class="address">
        ${[address.placeName, address.street, [address.postalCode, address.locality].filter(Boolean).join(' ')].filter(Boolean).map((line) => html`<span class="line">${line}</span> `)}
        ${map ? html`<a part="map-link" class="line" href=${map}>${tEvent(locale, 'map')}</a>` : nothing}
      </dd></div>`
          : nothing
      }
      ${
        online
          ? html`<div><dt>${tEvent(locale, 'online')}</dt> <dd>
        ${onlineHref ? html`<a part="online-link" href=${onlineHref}>${tEvent(locale, 'join')}</a> <span class="host">(${new URL(onlineHref).host})</span>` : online}
      </dd></div>`
          : nothing
      }
      <div><dt>${tEvent(locale, 'organiser')}</dt> <dd part="organiser">
        ${organiserHref ? html`<a href=${organiserHref}>${event.organiser.name}</a>` : event.organiser.name}
      </dd></div>`;
}
