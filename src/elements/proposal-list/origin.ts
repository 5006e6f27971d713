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

/** The visible filter by origin (issue 22), where the backend takes workshop reports: all, online, relay workshops. */
export function renderOriginFilter(list: { origin: '' | 'online' | 'workshop' }, locale: Locale, shown: boolean) {
  if (!shown) return nothing;
  const choose = (event: Event) => (list.origin = (event.target as HTMLSelectElement).value as typeof list.origin);
  const option = (value: typeof list.origin, key: 'origin.all' | 'origin.online' | 'origin.workshops') =>
    html`<option value=${value} ?selected=${list.origin === value}>${tProposalList(locale, key)}</option>`;
  return html`<label class="field"><span>${tProposalList(locale, 'origin.filter')}</span>
    <select part="select" name="origin" @change=${choose}>${option('', 'origin.all')}${option('online', 'origin.online')}${option('workshop', 'origin.workshops')}</select></label>`;
}
