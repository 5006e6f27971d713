import { html, nothing, type PropertyValues } from 'lit';
import { renderLiveNotice } from './live-notice.js';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { renderLoadError } from '../../base/states.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ChangeReason } from '../../base/session-events.js';
import type { ConsultationSession, ReadySession } from '../../base/session.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import type { Locale } from '../../core/i18n.js';
import { tProposalList } from './proposal-list.messages.js';
import type { Proposal, ProposalSort } from '../../core/schemas.js';
import { baseStyles } from '../../styles/tokens.js';
import { styleProps } from '../../base/style-props.js';
import { effectiveSort, joinPublished, proposalQuery } from './list-parts.js';
import { renderFilters, selectedFilters } from './list-filters.js';
import { renderProposalItem, type ItemPlace } from './proposal-item.js';
import { renderEmpty, renderMore } from './list-states.js';
import { ListWindow } from './list-window.js';
import { proposalListStyles } from './proposal-list.styles.js';

const SEARCH_DELAY = 300;

/**
 * The proposals of a consultation, each with its title, an excerpt that opens to the whole text,
 * its category, author and date, and its `<pgo-vote-button>`. Visitors search (debounced, the number
 * of results announced politely), filter by category and sort (newest, most supported, or a random
 * order that stays the same for one visitor); "Charger plus" fetches the next page and moves focus to
 * its first proposal. Long lists keep only the rows near the viewport in the DOM.
 *
 * @summary The proposals of a consultation, to search, sort, read and vote on.
 * @csspart base - The wrapper.
 * @csspart filters - The search, category and sort form.
 * @csspart search - The search field.
 * @csspart select - The category and sort selects.
 * @csspart count - The number of proposals (a polite live region).
 * @csspart list - The list of proposals.
 * @csspart item - One proposal of the list.
 * @csspart title - The title of a proposal.
 * @csspart meta - Category, author and date of a proposal.
 * @csspart category - The category of a proposal.
 * @csspart excerpt - The beginning of a proposal's text.
 * @csspart body - The whole text of an opened proposal.
 * @csspart button - Buttons: "Lire la suite" (`button read-more`), "Charger plus" (`button load-more`), retry and reset.
 * @csspart status - Loading and empty messages.
 * @csspart answer - The organisers' answer to a proposal: a badge (`answer-badge`) and its text.
 * @csspart error - Load errors with their retry button.
 * @cssproperty --pgo-color-primary - Buttons and links.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Dates, authors and counts.
 * @cssproperty --pgo-color-border - Rules between proposals and field borders.
 * @cssproperty --pgo-color-background - Field backgrounds.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoProposalList extends PgoElement {
  static override styles = [baseStyles, proposalListStyles];

  /** Order: `newest` (default), `most-supported` or `random` (stable for one visitor). */
  @property() sort: ProposalSort = 'newest';
  /** Id of the category to show; empty for all. */
  @property() category = '';
  /** Only the proposals with this answer (`kept`, `not-kept`..., `none`: not answered yet); empty for all. */
  @property() answer = '';
  /** `online` or `workshop`: only the proposals made there (issue 22); empty for all. */
  @property() origin: '' | 'online' | 'workshop' = '';
  /** Id of a relay workshop (its event): only its contributions; else `?workshop=` of the page (an event card's link). */
  @property() workshop = '';
  /** Proposals per page (1 to 100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Level of the proposals' headings, to fit the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  @state() private items: Proposal[] = [];
  @state() private total: number | null = null;
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private loadingMore = false;
  @state() private error: BackendError | null = null;
  @state() private moreError: BackendError | null = null;
  @state() private searchText = '';
  /** The search the shown list answers (the field may run ahead of it while debouncing). */
  @state() private searched = '';
  /** Whether the visitor has searched, filtered or sorted: counts are then phrased as matches. */
  @state() private refined = false;
  /** Ids of the proposals opened to their whole text. */
  @state() private opened = new Set<string>();
  /** Loads `<pgo-comments>` the first time a discussion opens (set by its registration: a list without discussions never downloads it). */
  static loadDiscussion: (() => Promise<unknown>) | null = null;
  /** Proposals whose discussion is open in place (issue 20). */
  @state() private discussed = new Set<string>();

  private readonly window = new ListWindow(
    this,
    () => this.items,
    (p) => p.id,
    () => this.renderRoot.querySelector('ol'),
  );
  private requested: ConsultationSession | null = null;
  private abort: AbortController | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private selectTimer: ReturnType<typeof setTimeout> | undefined;
  private focusIndex: number | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    clearTimeout(this.selectTimer);
    this.abort?.abort();
    this.requested = null;
  }

  /** Reloads the first page with the current search, category and order. */
  reload(): Promise<void> {
    return this.fetchPage(false);
  }

  /** Appends the next page, then moves focus to its first proposal. */
  loadMore(): Promise<void> {
    return this.nextCursor ? this.fetchPage(true) : Promise.resolve();
  }

  protected override sessionChanged(reason: ChangeReason): void {
    // A proposal published from this page (the form beside the list) joins it at once.
    const session = this.session;
    if (reason === 'proposal' && session?.isReady() && !this.loading && !this.error) {
      const filter = { categoryId: this.category, q: this.searched, answer: this.answer };
      const joined = joinPublished(this.items, session.writes.publishedHere(), filter);
      if (joined.length && effectiveSort(this.sort, session) !== 'newest') void this.reload();
      else if (joined.length) {
        session.votes.seed(joined.map((p) => p.tally));
        this.items = [...joined, ...this.items];
        if (this.total !== null) this.total += joined.length;
      }
    }
    super.sessionChanged(reason);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const session = this.session;
    if (session?.status === 'ready' && this.requested !== session) {
      this.requested = session;
      void this.reload();
    } else if (this.requested && ['sort', 'category', 'answer', 'pageSize', 'origin', 'workshop'].some((k) => changed.has(k))) {
      void this.reload();
    }
    if (changed.has('items')) this.window.compute();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusIndex !== null) {
      const row = this.renderRoot.querySelector<HTMLElement>(`li[data-index="${this.focusIndex}"] article`);
      if (row) {
        this.focusIndex = null;
        this.window.focus(row);
      }
    }
  }

  private async fetchPage(more: boolean): Promise<void> {
    const session = this.session;
    if (!session?.isReady()) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const q = this.searchText.trim();
    const query = proposalQuery(this, effectiveSort(this.sort, session), q);
    if (more && this.nextCursor) query.cursor = this.nextCursor;
    if (more) {
      this.loadingMore = true;
      this.moreError = null;
    } else {
      this.loading = true;
      this.error = null;
    }
    try {
      const page = await session.backend.listProposals(session.consultationId, query, { signal: abort.signal });
      if (abort.signal.aborted) return;
      session.votes.seed(page.items.map((p) => p.tally));
      if (more) {
        this.focusIndex = this.items.length;
        this.items = [...this.items, ...page.items];
        this.window.reveal(this.focusIndex);
      } else {
        this.items = page.items;
        this.searched = q;
      }
      this.nextCursor = page.nextCursor;
      this.total = page.total ?? null;
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      if (more) this.moreError = toBackendError(error);
      else this.error = toBackendError(error);
    } finally {
      if (this.abort === abort) {
        this.loading = false;
        this.loadingMore = false;
        this.abort = null;
      }
    }
  }

  private onSearchInput(event: Event): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.refine(), SEARCH_DELAY);
  }

  private refine(): void {
    clearTimeout(this.searchTimer);
    this.refined = true;
    void this.reload();
  }

  /** Arrow keys on a closed select fire a change per key press: apply both selects once they settle. */
  private onSelect(): void {
    clearTimeout(this.selectTimer);
    this.selectTimer = setTimeout(() => {
      Object.assign(this, selectedFilters(this.renderRoot, this), { refined: true });
    }, SEARCH_DELAY);
  }

  private resetFilters(): void {
    this.searchText = '';
    this.refined = true;
    // A changed category reloads by itself (willUpdate).
    if (this.answer) this.answer = '';
    if (this.category) this.category = '';
    else this.refine();
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  }

  private readonly toggle = (id: string, which: 'opened' | 'discussed') => {
    if (which === 'discussed') void PgoProposalList.loadDiscussion?.();
    const opened = new Set(this[which]);
    if (!opened.delete(id)) opened.add(id);
    this[which] = opened;
  };

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    if (!session.backend.capabilities.proposals)
      return html`<p part="status" class="pgo-notice">${tProposalList(locale, 'unsupported')}</p>`;
    return html`<section part="base" class="base" aria-label=${tProposalList(locale, 'label')}>
      ${renderFilters(session, locale, {
        searchText: this.searchText,
        category: this.category,
        answer: this.answer,
        sort: effectiveSort(this.sort, session),
        onSubmit: (event) => (event.preventDefault(), this.refine()),
        onSearchInput: this.onSearchInput,
        onSelect: this.onSelect,
        list: this,
      })}
      ${this.renderBody(session, locale)}
    </section>`;
  }

  private renderBody(session: ReadySession, locale: Locale) {
    if (this.error) {
      return renderLoadError(locale, tProposalList(locale, 'loadError'), this.error, () => this.reload());
    }
    const first = this.loading && !this.items.length && this.requested;
    const count = this.total ?? this.items.length;
    const filtered = !!(this.searched || this.category || this.answer);
    const summary = first || this.loading ? '' : tProposalList(locale, this.refined && filtered ? 'matches' : 'count', { count });
    return html`<p part="count" class="count" role="status" aria-live="polite" aria-atomic="true">${summary}</p>
      ${renderLiveNotice(session, this.items, locale, () => void this.reload().then(() => ((this.focusIndex = 0), this.requestUpdate())))}
      ${first || !this.requested ? html`<p part="status" class="pgo-notice pgo-loading" role="status" aria-busy="true">${tProposalList(locale, 'loading')}</p>` : nothing}
      ${!first && !this.loading && !this.items.length ? renderEmpty(locale, filtered, () => this.resetFilters()) : nothing}
      ${this.items.length ? this.renderList(session, locale, count) : nothing}
      ${
        this.nextCursor || this.moreError
          ? renderMore(locale, { shown: this.items.length, count, error: this.moreError, busy: this.loadingMore }, () => this.loadMore())
          : nothing
      }`;
  }

  private renderList(session: ReadySession, locale: Locale, count: number) {
    const { start, end, before, after } = this.window.range;
    const place: ItemPlace = { count, session, opened: this.opened, discussed: this.discussed, toggle: this.toggle };
    return html`<ol part="list" class="list" role="list" aria-busy=${this.loading ? 'true' : 'false'}
      style=${styleProps({ paddingBlockStart: `${before}px`, paddingBlockEnd: `${after}px` })}>
      ${repeat(
        this.items.slice(start, end),
        (p) => p.id,
        (p, i) => renderProposalItem(this, p, start + i, place, locale),
      )}
    </ol>`;
  }
}
