import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
import type { ProposalOrigin } from '../../core/reports.js';
import type { ProposalAnswer } from '../../core/schemas.js';
import { tProposalList } from './proposal-list.messages.js';

/** What became of a proposal (issue 19): a badge, the organisers' answer, its commitment or the proposal it joined. */
export function renderAnswer(answer: ProposalAnswer | null | undefined, locale: Locale) {
  if (!answer) return nothing;
  return html`<div part="answer" class="answer">
    <p><span class="visually-hidden">${tProposalList(locale, 'answer.label')} </span><span part="answer-badge" class="answer-badge">${tProposalList(locale, `answer.${answer.state}`)}</span></p>
    ${answer.text ? html`<p>${answer.text}</p>` : nothing}
    ${answer.commitment ? html`<p>${tProposalList(locale, 'answer.commitment', { text: answer.commitment })}</p>` : nothing}
    ${answer.mergedInto ? html`<p>${tProposalList(locale, 'answer.mergedInto', { id: answer.mergedInto })}</p>` : nothing}
  </div>`;
}

/** Where a relay workshop's contribution comes from (issue 22), and the support counted in the room: apart from the online tally. */
export function renderOrigin(origin: ProposalOrigin | undefined, locale: Locale) {
  if (!origin) return nothing;
  return html`<p part="origin" class="origin">${tProposalList(locale, 'origin.workshop', { place: origin.town ? `${origin.eventTitle}, ${origin.town}` : origin.eventTitle })}${
    origin.roomSupport !== null ? html` · <span part="room-support">${tProposalList(locale, 'origin.roomSupport', { count: origin.roomSupport })}</span>` : nothing}</p>`;
}
