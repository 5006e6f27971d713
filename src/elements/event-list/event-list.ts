import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { renderLoadError } from '../../base/states.js';
import { PgoElement } from '../../base/pgo-element.js';
import type { ReadySession } from '../../base/session.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import { formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import { eventJsonLd } from '../../core/jsonld.js';
import { tCommon } from '../../core/messages/common.js';
import { tAgenda } from './event-list.messages.js';
import { zonedTimeToInstant } from '../../core/time-zone.js';
import type { Consultation, ConsultationEvent, EventMode, EventQuery } from '../../core/schemas.js';
import { formStyles } from '../../forms/form.styles.js';
import { baseStyles } from '../../styles/tokens.js';
import { syncJsonLd } from '../event-card/structured-data.js';
import { eventListStyles } from './event-list.styles.js';

/** The filters as the form holds them: dates are `YYYY-MM-DD` in the consultation's time zone. */
export interface EventFilters {
  from: string;
  to: string;
  format: string;
  mode: string;
  place: string;
}

const MODES: EventMode[] = ['in-person', 'online', 'hybrid'];

/**
 * The agenda of a consultation's events: upcoming ones by default, filtered by dates, format,
 * attendance and place (a postal-code prefix or a town), grouped under a heading per day (in the
 * consultation's time zone) and paged with "Show more", which moves focus to the first new event.
 * Each event is a compact `<pgo-event-card>` that opens to the full card, registration included.
 * The count of results is a polite status; one JSON-LD script lists the shown events for search engines.
 *
 * @summary The agenda of events: filters, days, pages.
 * @csspart filters - The filter form.
 * @csspart count - The number of events found (a polite status).
 * @csspart day - One day's group; `day-heading` its heading.
 * @csspart day-heading - The heading of a day.
 * @csspart list - The list of one day's events.
 * @csspart item - One event (a compact `<pgo-event-card>` inside).
 * @csspart button - Every button (`button apply`, `button reset`, `button load-more`, `button retry`).
 * @csspart status - Loading and empty messages.
 * @csspart error - A load error with its retry button.
 * @cssproperty --pgo-color-primary - Accent: buttons, headings of days.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Hints.
 * @cssproperty --pgo-color-surface - Background of the filters and cards.
 * @cssproperty --pgo-color-border - Borders.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoEventList extends PgoElement {
  static override styles = [baseStyles, formStyles, eventListStyles];

  /** Events per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;
  /** Level of the day headings (the events' titles are one level below). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;
  /** Hide the filter form (the `format`, `mode` and `place` attributes still apply). */
  @property({ type: Boolean, attribute: 'hide-filters' }) hideFilters = false;
  /** A format id to start with. */
  @property() format = '';
  /** An attendance mode to start with: `in-person`, `online` or `hybrid`. */
  @property() mode = '';
  /** A postal-code prefix or town to start with. */
  @property() place = '';

  @state() private filters: EventFilters = { from: '', to: '', format: '', mode: '', place: '' };
  @state() private items: ConsultationEvent[] = [];
  @state() private nextCursor: string | null = null;
  @state() private total: number | null = null;
  @state() private loading = false;
  @state() private error: BackendError | null = null;

  private request: AbortController | null = null;
  private loadedKey: string | null = null;
  /** Index of the first item of the last page, to move focus there. */
  private focusIndex: number | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.request?.abort();
    this.loadedKey = null;
    syncJsonLd(this, null);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('format') || changed.has('mode') || changed.has('place')) {
      this.filters = { ...this.filters, format: this.format, mode: this.mode, place: this.place };
    }
    const session = this.ready;
    if (session) {
      const key = JSON.stringify([session.consultationId, this.filters, this.pageSize]);
      if (key !== this.loadedKey) {
        this.loadedKey = key;
        void this.load(false);
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const consultation = this.session?.consultation;
    const label = (id: string) => consultation?.settings.eventFormats.find((f) => f.id === id)?.label;
    syncJsonLd(this, this.items.length ? this.items.map((e) => eventJsonLd(e, label(e.format))) : null);
    if (this.focusIndex !== null && !this.loading) {
      const target = this.shadowRoot!.querySelectorAll<HTMLElement>('[part="item"]')[this.focusIndex];
      this.focusIndex = null;
      target?.focus();
    }
  }

  /** The backend query for the current filters; dates are whole days in the consultation's zone. */
  private query(session: ReadySession): EventQuery {
    const { consultation } = session;
    const { from, to, format, mode, place } = this.filters;
    const day = (value: string, plus = 0) => {
      const [year, month, date] = value.split('-').map(Number) as [number, number, number];
      return zonedTimeToInstant({ year, month, day: date + plus }, consultation.timeZone).getTime();
    };
    return {
      from: new Date(from ? day(from) : session.now()).toISOString(),
      ...(to ? { to: new Date(day(to, 1) - 1).toISOString() } : {}),
      ...(format ? { format } : {}),
      ...(MODES.includes(mode as EventMode) ? { mode: mode as EventMode } : {}),
      ...(place.trim() ? { place: place.trim() } : {}),
      limit: Math.min(100, Math.max(1, this.pageSize || 10)),
    };
  }

  /** Loads the first page (`more` false) or the next one. */
  private async load(more: boolean): Promise<void> {
    const session = this.ready;
    if (!session) return;
    this.request?.abort();
    const request = (this.request = new AbortController());
    this.loading = true;
    this.error = null;
    if (!more) {
      this.items = [];
      this.nextCursor = null;
      this.total = null;
    }
    try {
      const cursor = more ? (this.nextCursor ?? undefined) : undefined;
      const page = await session.backend.listEvents(
        session.consultationId,
        { ...this.query(session), ...(cursor ? { cursor } : {}) },
        { signal: request.signal },
      );
      if (more) this.focusIndex = this.items.length;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total ?? (page.nextCursor ? null : this.items.length);
    } catch (error) {
      if (isAbort(error)) return;
      this.error = toBackendError(error);
    }
    this.loading = false;
  }

  private readonly apply = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const get = (name: keyof EventFilters) => String(data.get(name) ?? '');
    this.filters = { from: get('from'), to: get('to'), format: get('format'), mode: get('mode'), place: get('place') };
    // The same filters again: load anyway, the citizen asked for fresh results.
    this.loadedKey = null;
  };

  private readonly reset = () => {
    this.shadowRoot!.querySelector('form')?.reset();
    this.filters = { from: '', to: '', format: '', mode: '', place: '' };
  };

  private get filtered(): boolean {
    return Object.values(this.filters).some((value) => value.trim());
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    const { consultation } = session;
    const count = this.total ?? this.items.length;
    const firstLoad = this.loading && !this.items.length;
    return html`<section class="agenda" aria-label=${tAgenda(locale, 'agenda')}>
      ${this.hideFilters ? nothing : this.renderFilters(locale, consultation)}
      <p part="count" class="count" role="status">${firstLoad || (this.error && !this.items.length) ? '' : tAgenda(locale, 'count', { count })}</p>
      ${firstLoad ? html`<p part="status" class="pgo-notice" aria-busy="true">${tCommon(locale, 'loading')}</p>` : nothing}
      ${
        !this.loading && !this.error && !this.items.length
          ? html`<div part="status" class="pgo-notice empty">
        <p>${tAgenda(locale, this.filtered ? 'empty' : 'emptyUpcoming')}</p>
        ${this.filtered ? html`<button part="button reset" class="pgo-button pgo-button--secondary" type="button" @click=${this.reset}>${tAgenda(locale, 'reset')}</button>` : nothing}
      </div>`
          : nothing
      }
      ${this.renderDays(locale, consultation)}
      ${this.error ? renderLoadError(locale, tAgenda(locale, 'listError'), this.error, () => this.load(this.items.length > 0)) : nothing}
      ${
        this.nextCursor && !this.error
          ? html`<button part="button load-more" class="pgo-button pgo-button--secondary more" type="button"
          aria-disabled=${this.loading ? 'true' : 'false'} @click=${() => !this.loading && this.load(true)}>
          ${this.loading ? tCommon(locale, 'loading') : tAgenda(locale, 'more')}
        </button>`
          : nothing
      }
    </section>`;
  }

  private renderFilters(locale: Locale, consultation: Consultation) {
    const f = this.filters;
    const select = (name: 'format' | 'mode', any: string, options: { id: string; label: string }[]) => html`<div class="field">
      <label for="filter-${name}">${tAgenda(locale, name === 'format' ? 'format' : 'mode')}</label>
      <select id="filter-${name}" class="control" name=${name}>
        <option value="" ?selected=${!f[name]}>${any}</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === f[name]}>${o.label}</option>`)}
      </select>
    </div>`;
    return html`<form part="filters" class="filters" role="search" aria-label=${tAgenda(locale, 'filters')} @submit=${this.apply}>
      <div class="field"><label for="filter-from">${tAgenda(locale, 'from')}</label><input id="filter-from" class="control" name="from" type="date" .value=${f.from} /></div>
      <div class="field"><label for="filter-to">${tAgenda(locale, 'to')}</label><input id="filter-to" class="control" name="to" type="date" .value=${f.to} /></div>
      ${select('format', tAgenda(locale, 'anyFormat'), consultation.settings.eventFormats)}
      ${select(
        'mode',
        tAgenda(locale, 'anyMode'),
        MODES.map((id) => ({ id, label: tAgenda(locale, `mode.${id}`) })),
      )}
      <div class="field">
        <label for="filter-place">${tAgenda(locale, 'place')}</label>
        <div id="filter-place-hint" class="hint">${tAgenda(locale, 'placeHint')}</div>
        <input id="filter-place" class="control" name="place" type="text" autocomplete="postal-code" aria-describedby="filter-place-hint" .value=${f.place} />
      </div>
      <div class="actions">
        <button part="button apply" class="pgo-button" type="submit">${tAgenda(locale, 'apply')}</button>
        ${this.filtered ? html`<button part="button reset" class="pgo-button pgo-button--secondary" type="button" @click=${this.reset}>${tAgenda(locale, 'reset')}</button>` : nothing}
      </div>
    </form>`;
  }

  private renderDays(locale: Locale, consultation: Consultation) {
    const days: { label: string; items: { event: ConsultationEvent; index: number }[] }[] = [];
    this.items.forEach((event, index) => {
      const label = formatInstant(locale, event.startsAt, consultation.timeZone, 'weekday-date');
      const last = days[days.length - 1];
      if (last?.label === label) last.items.push({ event, index });
      else days.push({ label, items: [{ event, index }] });
    });
    const level = Math.min(6, Math.max(2, this.headingLevel || 3));
    return days.map(
      (day, d) => html`<section part="day" class="day" aria-labelledby="day-${d}">
      <div part="day-heading" class="day-heading" id="day-${d}" role="heading" aria-level=${level}>${day.label}</div>
      <ul part="list" class="list" role="list">
        ${day.items.map(
          ({ event }) => html`<li part="item" class="item" tabindex="-1">
          <pgo-event-card compact no-structured-data heading-level=${Math.min(6, level + 1)} .event=${event}
            backend=${this.backend} endpoint=${this.endpoint} consultation=${this.consultation} .customBackend=${this.customBackend}></pgo-event-card>
        </li>`,
        )}
      </ul>
    </section>`,
    );
  }
}
