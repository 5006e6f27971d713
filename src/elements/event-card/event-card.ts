import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConsultationSession, ReadySession } from '../../base/session.js';
import { renderLoadError, renderLoading } from '../../base/states.js';
import { PgoElement } from '../../base/pgo-element.js';
import { isAbort, toBackendError, type BackendError } from '../../core/errors.js';
import { eventJsonLd } from '../../core/jsonld.js';
import { tEvent } from './event-card.messages.js';
import type { ConsultationEvent } from '../../core/schemas.js';
import { formStyles } from '../../forms/form.styles.js';
import { baseStyles } from '../../styles/tokens.js';
import { icsFileName, renderDateRange } from './event-display.js';
import type { Locale } from '../../core/i18n.js';
import { renderPlace } from './event-place.js';
import { EventRegistration } from './registration.js';
import { eventCardStyles } from './event-card.styles.js';
import { syncJsonLd } from './structured-data.js';
import { WorkshopReportView } from './workshop-report-view.js';

export interface RegisteredDetail {
  event: ConsultationEvent;
  /** Seats left after this registration; null when the event has no limit. */
  seatsLeft: number | null;
}

declare global {
  interface HTMLElementEventMap {
    'pgo-registered': CustomEvent<RegisteredDetail>;
  }
}

/**
 * One event of a consultation: a relay workshop, an open-ministry dialogue, a summit session. Shows
 * its title, format, status, dates in the event's own time zone, how to attend (address with an
 * OpenStreetMap link, online link), organiser and description (plain text), then registration as the
 * event asks: none, a link to the organiser's site, or an inline form (name, e-mail, consent) with
 * the seats left. "Add to my calendar" downloads an `.ics` file made in the browser, and a schema.org
 * `Event` JSON-LD script is kept in the element's light DOM for search engines.
 *
 * Give it an event id (`event="e12"`, fetched from the backend) or an event object (`.event=${...}`,
 * no request). `compact` shows a summary with a disclosure button for the rest, as the agenda does.
 *
 * @summary One event: dates, place, status, registration, calendar file and structured data.
 * @fires pgo-registered - After a confirmed inline registration. `detail: { event, seatsLeft }`.
 * @csspart base - The card.
 * @csspart title - The event's title (a heading, level `heading-level`).
 * @csspart format - The format tag (atelier-relais, ministère ouvert...).
 * @csspart status - The status tag; also `status-scheduled`, `status-cancelled`, `status-postponed`, `status-full`.
 * @csspart details - The list of facts (when, attendance, place, online link, organiser).
 * @csspart when - The date and time range.
 * @csspart map-link - The OpenStreetMap link.
 * @csspart online-link - The link to join online.
 * @csspart description - The description, plain text with its line breaks.
 * @csspart toggle - The compact card's disclosure button.
 * @csspart registration - The registration part.
 * @csspart seats - The seats left.
 * @csspart registration-form - The inline registration form (with the shared form parts: `field`, `label`, `control`, `error-summary`...).
 * @csspart button - Every button (`button register`, `button submit`, `button cancel`, `button retry`).
 * @csspart calendar - The "Add to my calendar" link.
 * @csspart notice - Registration notices (registered, full, ended, closed).
 * @csspart status-message - Not configured, loading and error messages.
 * @csspart error - The load error with its retry button.
 * @csspart report - A past relay workshop's published report (issue 22).
 * @csspart report-link - Its link to the contributions in the proposal list.
 * @cssproperty --pgo-color-primary - Accent: title, buttons, links.
 * @cssproperty --pgo-color-text - Text colour.
 * @cssproperty --pgo-color-text-muted - Labels of the facts.
 * @cssproperty --pgo-color-surface - Background of the card.
 * @cssproperty --pgo-color-border - Card border.
 * @cssproperty --pgo-color-danger - Cancelled status, errors.
 * @cssproperty --pgo-color-success - Registered notice.
 * @cssproperty --pgo-font-family - Font stack.
 * @cssproperty --pgo-font-size - Base font size (px).
 * @cssproperty --pgo-radius - Corner radius.
 * @cssproperty --pgo-space - Base spacing.
 */
export class PgoEventCard extends PgoElement {
  static override styles = [baseStyles, formStyles, eventCardStyles];

  /** An event id (attribute, fetched from the backend) or the event itself (property, no request). */
  @property() event: string | ConsultationEvent | null = null;
  /** A summary with a disclosure button for the details, registration and calendar file. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** Level of the title heading (2 to 6). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;
  /** Do not add the JSON-LD script (the agenda adds one for all its events). */
  @property({ type: Boolean, attribute: 'no-structured-data' }) noStructuredData = false;
  /** The page listing proposals: a past workshop's report links there to its contributions (`?workshop=<event id>`). */
  @property({ attribute: 'contributions-url' }) contributionsUrl = '';
  /** Issue 22: a past relay workshop's published report. */
  private readonly workshopReport = new WorkshopReportView(this);

  @state() private loaded: ConsultationEvent | null = null;
  @state() private loadError: BackendError | null = null;
  @state() private expanded = false;

  private request: AbortController | null = null;
  private requested: string | null = null;
  private ics: { key: string; url: string } | null = null;
  private readonly registration = new EventRegistration(this, (event, receipt) =>
    this.emit('pgo-registered', { event, seatsLeft: receipt.seatsLeft }),
  );

  /** The event shown: the object given, else the one fetched, with the seats this page's registrations left. */
  get current(): ConsultationEvent | null {
    const event = typeof this.event === 'object' ? this.event : this.loaded;
    const seatsLeft = event && this.session?.writes.seatsLeft(event.id);
    if (!event || seatsLeft === undefined || event.registration.kind !== 'inline') return event;
    return {
      ...event,
      registration: { ...event.registration, seatsLeft },
      status: seatsLeft === 0 && event.status === 'scheduled' ? 'full' : event.status,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-adds the JSON-LD script after the card was moved.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.request?.abort();
    this.requested = null;
    syncJsonLd(this, null);
    this.revokeIcs();
  }

  protected override sessionAttached(_session: ConsultationSession): void {
    this.requested = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('event')) {
      this.registration.reset();
      if (typeof this.event !== 'string') this.loaded = null;
    }
    const id = typeof this.event === 'string' ? this.event : null;
    const session = this.session;
    if (id && session && this.requested !== `${session.consultationId}|${id}`) void this.fetch(session, id);
    // A calendar file made for another event or language is stale: the next click makes a new one.
    if (this.ics && (!this.current || this.ics.key !== this.icsKey(this.current))) this.revokeIcs();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const event = this.current;
    syncJsonLd(this, event && !this.noStructuredData ? eventJsonLd(event, this.formatLabel(event)) : null);
  }

  private async fetch(session: ConsultationSession, id: string): Promise<void> {
    this.request?.abort();
    const request = (this.request = new AbortController());
    this.requested = `${session.consultationId}|${id}`;
    this.loaded = null;
    this.loadError = null;
    try {
      this.loaded = await session.backend.getEvent(session.consultationId, id, { signal: request.signal });
    } catch (error) {
      if (!isAbort(error)) this.loadError = toBackendError(error);
    }
  }

  private retry(): void {
    this.requested = null;
    this.loadError = null;
    this.requestUpdate();
  }

  /** The calendar file is the event's in one language (the file names the organiser in it). */
  private icsKey(event: ConsultationEvent): string {
    return `${this.locale}|${JSON.stringify(event)}`;
  }

  /**
   * "Add to my calendar": the `.ics` writer is loaded on the first click only (a chunk of its own, not in
   * the card's: issue 24), then the file is made once per event and language and the link downloads it.
   */
  private async downloadIcs(click: MouseEvent, event: ConsultationEvent): Promise<void> {
    const key = this.icsKey(event);
    if (this.ics?.key === key) return; // made already: the browser follows the link
    click.preventDefault();
    const link = click.currentTarget as HTMLAnchorElement;
    const { eventToIcs } = await import('../../core/ics.js');
    const text = eventToIcs(event, {
      now: this.session?.now() ?? Date.now(),
      organiserLine: tEvent(this.locale, 'organisedBy', { name: event.organiser.name }),
    });
    if (this.ics?.key !== key) {
      this.revokeIcs();
      this.ics = { key, url: URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' })) };
    }
    link.href = this.ics!.url;
    link.click();
  }

  private revokeIcs(): void {
    if (this.ics) URL.revokeObjectURL(this.ics.url);
    this.ics = null;
  }

  private formatLabel(event: ConsultationEvent): string {
    return this.session?.consultation?.settings.eventFormats.find((f) => f.id === event.format)?.label ?? event.format;
  }

  protected override render() {
    const session = this.ready;
    if (!session) return this.renderSessionState();
    const locale = this.locale;
    const event = this.current;
    if (!event) {
      if (this.loadError) {
        const error = this.loadError;
        return renderLoadError(locale, tEvent(locale, 'eventLoadError'), error, error.code === 'not-found' ? null : this.retry);
      }
      if (typeof this.event === 'string' && this.event) {
        return renderLoading(locale, 'status-message', 'pgo-notice');
      }
      return html`<p part="status-message" class="pgo-notice">${tEvent(locale, 'noEvent')}</p>`;
    }
    const full = !this.compact || this.expanded;
    const level = Math.min(6, Math.max(2, this.headingLevel || 3));
    return html`<article part="base" class="card status-${event.status}" aria-labelledby="title">
      <div class="head">
        <div id="title" part="title" class="title" role="heading" aria-level=${level}>${event.title}</div>
        <p class="tags">
          <span part="format" class="tag">${this.formatLabel(event)}</span>
          <span part="status status-${event.status}" class="tag status"><span class="visually-hidden">${tEvent(locale, 'statusLabel')} </span>${tEvent(locale, `status.${event.status}`)}</span>
        </p>
      </div>
      <dl part="details" class="facts">
        <div><dt>${tEvent(locale, 'when')}</dt> <dd part="when">${renderDateRange(locale, event)}</dd></div>
        <div><dt>${tEvent(locale, 'mode')}</dt> <dd part="mode">${tEvent(locale, `mode.${event.mode}`)}${!full && event.address && event.mode !== 'online' ? ` · ${event.address.locality}` : ''}</dd></div>
        ${this.compact ? nothing : renderPlace(locale, event)}
      </dl>
      ${
        this.compact
          ? html`<button part="button toggle" class="pgo-button pgo-button--secondary toggle" type="button" aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls="more" @click=${() => (this.expanded = !this.expanded)}>
          ${tEvent(locale, this.expanded ? 'hideDetails' : 'details')}<span class="visually-hidden"> : ${event.title}</span>
        </button>`
          : nothing
      }
      <div id="more" class="more" ?hidden=${!full}>
        ${
          full
            ? html`${this.compact ? html`<dl part="details" class="facts">${renderPlace(locale, event)}</dl>` : nothing}
          <p part="description" class="description">${event.description}</p>
          ${this.workshopReport.render(locale, event, this.contributionsUrl)}
          ${this.registration.render(locale, event, session)}
          ${this.renderCalendar(locale, event, session)}`
            : nothing
        }
      </div>
    </article>`;
  }

  private renderCalendar(locale: Locale, event: ConsultationEvent, session: ReadySession) {
    if (Date.parse(event.endsAt) <= session.now()) return nothing;
    const ready = this.ics?.key === this.icsKey(event) ? this.ics.url : '#';
    return html`<a part="calendar" class="pgo-button pgo-button--secondary calendar" href=${ready} download=${icsFileName(event.title)} type="text/calendar"
      @click=${(click: MouseEvent) => this.downloadIcs(click, event)}>
      ${tEvent(locale, 'calendar')} ${tEvent(locale, 'calendarFile')}
    </a>`;
  }
}
