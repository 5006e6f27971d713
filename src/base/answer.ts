import { html, nothing } from 'lit';
import type { Locale } from '../core/i18n.js';
import { tCommon } from '../core/messages/common.js';
import type { ProposalAnswer } from '../core/schemas.js';

/**
 * What became of a proposal (issue 19): a badge, the organisers' answer, its commitment or the proposal it
 * joined. Shown on `<pgo-proposal-list>` entries and by a `<pgo-vote-button>` that loaded its proposal.
 */
export function renderAnswer(answer: ProposalAnswer | null | undefined, locale: Locale) {
  if (!answer) return nothing;
  return html`<div part="answer" class="answer">
    <p><span class="visually-hidden">${tCommon(locale, 'answer.label')} </span><span part="answer-badge" class="answer-badge">${tCommon(locale, `answer.${answer.state}`)}</span></p>
    ${answer.text ? html`<p>${answer.text}</p>` : nothing}
    ${answer.commitment ? html`<p>${tCommon(locale, 'answer.commitment', { text: answer.commitment })}</p>` : nothing}
    ${answer.mergedInto ? html`<p>${tCommon(locale, 'answer.mergedInto', { id: answer.mergedInto })}</p>` : nothing}
  </div>`;
}

const STATES = ['under-study', 'kept', 'merged', 'not-kept'] as const;

/** The list's filter by answer (a select named `answer`): all, not answered yet, or one outcome. */
export function renderAnswerFilter(current: string, locale: Locale, onChange: (event: Event) => void) {
  return html`<label class="field"><span>${tCommon(locale, 'answer.filter')}</span>
    <select part="select" name="answer" @change=${onChange}>
      <option value="" ?selected=${!current}>${tCommon(locale, 'answer.all')}</option>
      <option value="none" ?selected=${current === 'none'}>${tCommon(locale, 'answer.none')}</option>
      ${STATES.map((s) => html`<option value=${s} ?selected=${current === s}>${tCommon(locale, `answer.${s}`)}</option>`)}
    </select></label>`;
}
