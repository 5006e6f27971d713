/**
 * One row of the proposal list: title, category, author and date, origin and answer, the excerpt that opens
 * to the whole text, its `<pgo-vote-button>`, and the comment count that opens its discussion in place (issue 20).
 */
import { html, nothing } from 'lit';
import { renderAnswer } from '../../base/answer.js';
import type { ReadySession } from '../../base/session.js';
import type { ConsultationBackend } from '../../core/backend.js';
import { formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import type { Proposal } from '../../core/schemas.js';
import { excerptOf } from './list-parts.js';
import { renderOrigin } from './origin.js';
import { tProposalList } from './proposal-list.messages.js';

/** What a row needs of its list: the heading level and the attributes the row's own elements share. */
export interface ItemHost {
  readonly headingLevel: number;
  readonly backend: string;
  readonly endpoint: string;
  readonly consultation: string;
  readonly customBackend: ConsultationBackend | null;
}

/** What the list knows around its rows. */
export interface ItemPlace {
  count: number;
  /** The consultation (categories, time zone), whether the backend has discussions, and the session's live counts (issue 23). */
  session: ReadySession;
  /** The proposals shown whole, and those whose discussion is open. */
  opened: ReadonlySet<string>;
  discussed: ReadonlySet<string>;
  toggle: (id: string, which: 'opened' | 'discussed') => void;
}

export function renderProposalItem(host: ItemHost, p: Proposal, index: number, place: ItemPlace, locale: Locale) {
  const category = place.session.consultation.categories.find((c) => c.id === p.categoryId);
  const open = place.opened.has(p.id);
  const excerpt = excerptOf(p.body);
  const long = excerpt !== p.body.trim();
  return html`<li part="item" class="item" data-key=${p.id} data-index=${index} aria-setsize=${place.count} aria-posinset=${index + 1}>
      <article aria-labelledby="t-${p.id}" tabindex="-1">
        <div part="title" class="title" role="heading" aria-level=${host.headingLevel} id="t-${p.id}">${p.title}</div>
        <p part="meta" class="meta">
          ${category ? html`<span part="category" class="category">${category.title}</span>` : nothing}
          <span>${tProposalList(locale, 'by', { name: p.authorName?.trim() || tProposalList(locale, 'anonymous') })}</span>
          <time datetime=${p.createdAt}>${formatInstant(locale, p.createdAt, place.session.consultation.timeZone, 'date')}</time>
        </p>
        ${renderOrigin(p.origin, locale)} ${renderAnswer(p.answer, locale)}
        <div id="b-${p.id}" part=${open ? 'body' : 'excerpt'} class=${open ? 'body' : 'excerpt'}>${open ? p.body : excerpt}</div>
        ${
          long
            ? html`<button part="button read-more" class="more" type="button" aria-expanded=${open ? 'true' : 'false'}
          aria-controls="b-${p.id}" aria-describedby="t-${p.id}" @click=${() => place.toggle(p.id, 'opened')}>${tProposalList(locale, open ? 'readLess' : 'readMore')}</button>`
            : nothing
        }
        <pgo-vote-button .data=${p} proposal=${p.id} .lang=${locale} backend=${host.backend} endpoint=${host.endpoint}
          consultation=${host.consultation} .customBackend=${host.customBackend}></pgo-vote-button>
        ${renderDiscussion(host, p, place, locale)}
      </article>
    </li>`;
}

/** The comment count, opening the proposal's discussion in place (issue 20). */
function renderDiscussion(host: ItemHost, p: Proposal, place: ItemPlace, locale: Locale) {
  if (p.comments === undefined || !place.session.backend.capabilities.comments) return nothing;
  const open = place.discussed.has(p.id);
  const comments = place.session.live.counts.get(`comment proposal:${p.id}`) ?? p.comments;
  return html`<button part="button comments" class="more" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="d-${p.id}"
        aria-describedby="t-${p.id}" @click=${() => place.toggle(p.id, 'discussed')}>${tProposalList(locale, 'comments', { count: comments })}</button>
      ${
        open
          ? html`<pgo-comments id="d-${p.id}" target="proposal:${p.id}" .lang=${locale} heading-level=${Math.min(6, host.headingLevel + 1)} backend=${host.backend}
        endpoint=${host.endpoint} consultation=${host.consultation} .customBackend=${host.customBackend}></pgo-comments>`
          : nothing
      }`;
}
