/** The proposal list's search, category, order, answer and origin filters; their values are applied by the list. */
import { html, nothing } from 'lit';
import { renderAnswerFilter } from '../../base/answer.js';
import type { ReadySession } from '../../base/session.js';
import type { Locale } from '../../core/i18n.js';
import type { ProposalSort } from '../../core/schemas.js';
import { countsHidden } from './list-parts.js';
import { renderOriginFilter, type OriginList } from './origin.js';
import { tProposalList } from './proposal-list.messages.js';

/** The order by count, in the words of the vote model. */
const BY_COUNT = { support: 'sort.most-supported', 'for-against-mixed': 'sort.most-voted', interest: 'sort.most-interest' } as const;

export interface FilterState {
  searchText: string;
  category: string;
  answer: string;
  /** The order applied (`most-supported` falls back to `newest` while counts are hidden). */
  sort: ProposalSort;
  onSubmit: (event: Event) => void;
  onSearchInput: (event: Event) => void;
  onSelect: () => void;
  /** The list, whose origin (and workshop) the origin filter sets. */
  list: OriginList;
}

export function renderFilters(session: ReadySession, locale: Locale, state: FilterState) {
  const categories = session.consultation.categories;
  const sorts: ProposalSort[] = countsHidden(session) ? ['newest', 'random'] : ['newest', 'most-supported', 'random'];
  return html`<form part="filters" class="filters" role="search" aria-label=${tProposalList(locale, 'filters')} @submit=${state.onSubmit}>
      <label class="field"><span>${tProposalList(locale, 'search')}</span>
        <input part="search" type="search" maxlength="200" .value=${state.searchText} @input=${state.onSearchInput} />
      </label>
      ${
        categories.length
          ? html`<label class="field"><span>${tProposalList(locale, 'category')}</span>
        <select part="select" name="category" @change=${state.onSelect}>
          <option value="" ?selected=${!state.category}>${tProposalList(locale, 'allCategories')}</option>
          ${categories.map((c) => html`<option value=${c.id} ?selected=${state.category === c.id}>${c.title}</option>`)}
        </select></label>`
          : nothing
      }
      <label class="field"><span>${tProposalList(locale, 'sort')}</span>
        <select part="select" name="sort" @change=${state.onSelect}>
          ${sorts.map((s) => html`<option value=${s} ?selected=${state.sort === s}>${tProposalList(locale, s === 'most-supported' ? BY_COUNT[session.consultation.settings.voteModel] : `sort.${s}`)}</option>`)}
        </select></label>
      ${renderAnswerFilter(state.answer, locale, state.onSelect)} ${renderOriginFilter(state.list, session, locale)}
    </form>`;
}

type Selected = Pick<FilterState, 'category' | 'answer' | 'sort'>;

/** The selects' values as the visitor left them; `current` where a select is not shown. */
export function selectedFilters(root: ParentNode, current: Selected): Selected {
  const value = (name: string) => root.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value;
  return {
    category: value('category') ?? current.category,
    answer: value('answer') ?? current.answer,
    sort: (value('sort') as ProposalSort | undefined) ?? current.sort,
  };
}
