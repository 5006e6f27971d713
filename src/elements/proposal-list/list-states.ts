/** The proposal list's states around its rows: nothing found (with a reset) and the "load more" row with its error. */
import { html, nothing } from 'lit';
import type { BackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { describeError } from '../../core/messages/common.js';
import { tProposalList } from './proposal-list.messages.js';

/** No proposal yet, or none that the search and filters keep (then a button clears them). */
export function renderEmpty(locale: Locale, filtered: boolean, reset: () => void) {
  return filtered
    ? html`<div part="status" class="pgo-notice"><p>${tProposalList(locale, 'noMatch')}</p>
              <button part="button reset" class="pgo-button pgo-button--secondary" type="button" @click=${reset}>${tProposalList(locale, 'reset')}</button></div>`
    : html`<p part="status" class="pgo-notice">${tProposalList(locale, 'empty')}</p>`;
}

/** How many are shown of how many, the next page's error if it failed, and the button that loads it (inert while loading). */
export function renderMore(
  locale: Locale,
  more: { shown: number; count: number; error: BackendError | null; busy: boolean },
  load: () => Promise<void>,
) {
  return html`<div class="more-row">
      <p class="shown">${tProposalList(locale, 'shown', { shown: more.shown, count: more.count })}</p>
      ${more.error ? html`<p part="error" class="pgo-notice pgo-notice--error" role="alert">${tProposalList(locale, 'loadError')} ${describeError(locale, more.error)}</p>` : nothing}
      <button part="button load-more" class="pgo-button pgo-button--secondary" type="button" aria-disabled=${more.busy ? 'true' : 'false'}
        @click=${() => (more.busy ? undefined : load())}>${tProposalList(locale, 'loadMore')}</button>
    </div>`;
}
