/** The proposal list's "Charger plus" row: how many are shown, the next page's error, the button. */
import { html, nothing } from 'lit';
import type { PageLoader } from '../../base/page-loader.js';
import type { Locale } from '../../core/i18n.js';
import { describeError } from '../../core/messages/common.js';
import type { Proposal } from '../../core/schemas.js';
import { tProposalList } from './proposal-list.messages.js';

export function renderMore(pages: PageLoader<Proposal>, locale: Locale, count: number, loadMore: () => void) {
  if (!pages.nextCursor && !pages.moreError) return nothing;
  return html`<div class="more-row">
      <p class="shown">${tProposalList(locale, 'shown', { shown: pages.items.length, count })}</p>
      ${pages.moreError ? html`<p part="error" class="pgo-notice pgo-notice--error" role="alert">${tProposalList(locale, 'loadError')} ${describeError(locale, pages.moreError)}</p>` : nothing}
      <button part="button load-more" class="pgo-button pgo-button--secondary" type="button" aria-disabled=${pages.loadingMore ? 'true' : 'false'}
        @click=${() => (pages.loadingMore ? undefined : loadMore())}>${tProposalList(locale, 'loadMore')}</button>
    </div>`;
}
