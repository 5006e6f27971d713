import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
import type { ProposalOrigin } from '../../core/reports.js';
import { tProposalList } from './proposal-list.messages.js';

/** Where a relay workshop's contribution comes from (issue 22), and the support counted in the room: apart from the online tally. */
export function renderOrigin(origin: ProposalOrigin | undefined, locale: Locale) {
  if (!origin) return nothing;
  return html`<p part="origin" class="origin">${tProposalList(locale, 'origin.workshop', { place: origin.town ? `${origin.eventTitle}, ${origin.town}` : origin.eventTitle })}${
    origin.roomSupport !== null
      ? html` · <span part="room-support">${tProposalList(locale, 'origin.roomSupport', { count: origin.roomSupport })}</span>`
      : nothing
  }</p>`;
}
