/** Parts of `<pgo-vote-button>`: what an amendment brings, and what is drawn for proposals only (the support threshold, the link out). */
import { html, nothing } from 'lit';
import { styleProps } from '../../base/style-props.js';
import type { Locale } from '../../core/i18n.js';
import type { VoteModel, VoteTally } from '../../core/schemas.js';
import { isWebUrl } from '../../core/web-url.js';
import { tVote } from './vote-button.messages.js';

/** An amendment to vote on (`<pgo-text>` passes it while its phase is open): the document's vote model, no limits. */
export interface AmendmentVoting {
  id: string;
  document: string;
  title: string;
  tally: VoteTally;
  voteModel: VoteModel;
}

/** The noun of a vote model in texts: "soutien", "vote", "intérêt". */
export const NOUN: Record<VoteModel, 'support' | 'vote' | 'interest'> = {
  support: 'support',
  'for-against-mixed': 'vote',
  interest: 'interest',
};

/** Where a backend cannot vote from here (Decidim without a client id), the place where one can: the first web address. */
export function renderLinkOut(urls: (string | null | undefined)[], model: VoteModel, locale: Locale) {
  const url = urls.find((u) => u && isWebUrl(u));
  return url ? html`<p class="note"><a part="link-out" href=${url}>${tVote(locale, `linkOut.${NOUN[model]}`)}</a></p>` : nothing;
}

export function renderThreshold(model: VoteModel, tally: VoteTally, threshold: number | null, locale: Locale) {
  if (threshold === null) return nothing;
  const current = model === 'for-against-mixed' ? (tally.counts?.for ?? 0) : (tally.total ?? 0);
  const text = tVote(locale, current >= threshold ? 'thresholdReached' : 'threshold', { current, count: threshold });
  const percent = Math.min(100, Math.round((current / threshold) * 100));
  return html`<div part="threshold" class="threshold">
      <p class="note">${text}</p>
      <div part="progress" class="progress" role="progressbar" aria-label=${tVote(locale, 'thresholdLabel')}
        aria-valuemin="0" aria-valuemax=${threshold} aria-valuenow=${Math.min(current, threshold)} aria-valuetext=${text}>
        <div part="progress-value" class="progress-value" style=${styleProps({ inlineSize: `${percent}%` })}></div>
      </div>
    </div>`;
}
