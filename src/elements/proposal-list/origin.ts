import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
import { originPlace } from '../../core/origin-place.js';
import type { ProposalOrigin } from '../../core/reports.js';
import type { ReadySession } from '../../base/session.js';
import { givenWorkshop, leaveWorkshop, workshopOf } from './list-parts.js';
import { tProposalList } from './proposal-list.messages.js';

/** Where a relay workshop's contribution comes from (issue 22), and the support counted in the room: apart from the online tally. */
export function renderOrigin(origin: ProposalOrigin | undefined, locale: Locale) {
  if (!origin) return nothing;
  return html`<p part="origin" class="origin">${tProposalList(locale, 'origin.workshop', { place: originPlace(origin) })}${
    origin.roomSupport !== null
      ? html` · <span part="room-support">${tProposalList(locale, 'origin.roomSupport', { count: origin.roomSupport })}</span>`
      : nothing
  }</p>`;
}

/** What the origin filter needs of its list. */
export interface OriginList {
  origin: '' | 'online' | 'workshop';
  workshop: string;
  reload(): Promise<void>;
  requestUpdate(): void;
}

/** Workshops' names for the filter's "this workshop" choice, by `consultation/event` (read once). */
const names = new Map<string, string | null>();

function workshopName(session: ReadySession, id: string, list: OriginList): string | null {
  const key = `${session.consultationId}/${id}`;
  if (!names.has(key)) {
    names.set(key, null);
    session.backend
      .getEvent(session.consultationId, id)
      .then((event) => {
        names.set(key, event.address?.locality ? `${event.title}, ${event.address.locality}` : event.title);
        list.requestUpdate();
      })
      .catch(() => names.delete(key));
  }
  return names.get(key) ?? null;
}

/**
 * The visible filter by origin (issue 22), where the backend takes workshop reports: all, online, relay
 * workshops, and, when the list was given one workshop (its `workshop`, or the page's `?workshop=` from an
 * event card's link), "this workshop" by name: chosen while it applies; another choice leaves it, and it
 * can be chosen again. The list's count (a polite status) says what the choice shows.
 */
export function renderOriginFilter(list: OriginList, session: ReadySession, locale: Locale) {
  if (!session.backend.capabilities.workshopReports) return nothing;
  const given = givenWorkshop(list);
  const current = workshopOf(list) ? 'this' : list.origin;
  const choose = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as typeof list.origin | 'this';
    const before = workshopOf(list);
    if (given) leaveWorkshop(list, value !== 'this');
    const origin = value === 'this' ? '' : value;
    // A changed origin reloads by itself (the list's willUpdate); leaving or taking the workshop alone does not.
    if (origin !== list.origin) list.origin = origin;
    else if (workshopOf(list) !== before) void list.reload();
  };
  const option = (value: typeof current, label: string) => html`<option value=${value} ?selected=${current === value}>${label}</option>`;
  const name = given ? workshopName(session, given, list) : null;
  return html`<label class="field"><span>${tProposalList(locale, 'origin.filter')}</span>
    <select part="select" name="origin" @change=${choose}>${option('', tProposalList(locale, 'origin.all'))}${option('online', tProposalList(locale, 'origin.online'))}${option('workshop', tProposalList(locale, 'origin.workshops'))}${
      given
        ? option('this', name ? tProposalList(locale, 'origin.this', { place: name }) : tProposalList(locale, 'origin.thisUnnamed'))
        : nothing
    }</select></label>`;
}
