import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
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
