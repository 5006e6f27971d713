/**
 * "3 new proposals — show" (issue 23): proposals published elsewhere while the list is open are never
 * inserted under the reader's focus or scroll position; the list says how many there are, politely
 * (the status changes only when their number does, never on every tally), and shows them on request.
 */
import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
import type { Proposal } from '../../core/schemas.js';
import type { ConsultationSession } from '../../base/session.js';
import { tProposalList } from './proposal-list.messages.js';

/** Published elsewhere and not in the list yet. */
export function freshIds(session: ConsultationSession, items: readonly Proposal[]): string[] {
  return session.live.fresh.filter((id) => !items.some((p) => p.id === id));
}

/** The polite status (always present, so that screen readers hear it change) and, when there are new ones, the button. */
export function renderLiveNotice(session: ConsultationSession, items: readonly Proposal[], locale: Locale, show: () => void) {
  const count = freshIds(session, items).length;
  const onShow = () => {
    session.live.takeFresh();
    show();
  };
  return html`<div part="live" class="live">
    <p class="live-status" role="status" aria-live="polite" aria-atomic="true">${count ? tProposalList(locale, 'fresh', { count }) : ''}</p>
    ${count ? html`<button part="button show-new" class="pgo-button pgo-button--secondary" type="button" @click=${onShow}>${tProposalList(locale, 'showFresh', { count })}</button>` : nothing}
  </div>`;
}
