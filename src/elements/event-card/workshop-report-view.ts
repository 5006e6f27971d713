/**
 * A past relay workshop's published report on its event card (issue 22): when it was held, how many came,
 * the organisations, how it went, and its contributions with the support counted in the room (apart from
 * online votes), with a link to them in the proposal list when the page names one (`contributions-url`).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ReadySession } from '../../base/session.js';
import { formatInstant } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import type { WorkshopReport } from '../../core/reports.js';
import type { ConsultationEvent } from '../../core/schemas.js';
import { tEvent } from './event-card.messages.js';
import { webUrl } from './event-display.js';

export class WorkshopReportView implements ReactiveController {
  report: WorkshopReport | null = null;
  private requested: string | null = null;
  private abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost & { ready: ReadySession | null; current: ConsultationEvent | null }) {
    host.addController(this);
  }

  hostUpdate(): void {
    const session = this.host.ready;
    const event = this.host.current;
    const past = session && event && Date.parse(event.startsAt) <= session.now();
    const key =
      past && session.backend.getWorkshopReport && session.backend.capabilities.readWorkshopReports
        ? `${session.consultationId}|${event.id}`
        : null;
    if (key === this.requested) return;
    this.requested = key;
    this.abort?.abort();
    this.report = null;
    if (!key || !past) return;
    const abort = (this.abort = new AbortController());
    // A workshop without a published report simply shows none: a failed read is not an error of the card.
    session.backend.getWorkshopReport!(session.consultationId, event.id, { signal: abort.signal }).then(
      (report) => {
        if (this.requested !== key) return;
        this.report = report;
        this.host.requestUpdate();
      },
      () => {},
    );
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.requested = null;
  }

  render(locale: Locale, event: ConsultationEvent, contributionsUrl: string) {
    const report = this.report;
    if (!report || report.eventId !== event.id) return nothing;
    const held = formatInstant(locale, `${report.heldOn}T12:00:00Z`, 'UTC', 'date');
    const link = webUrl(contributionsUrl ? new URL(contributionsUrl, globalThis.location?.href).href : undefined);
    const href = link ? `${link}${link.includes('?') ? '&' : '?'}workshop=${encodeURIComponent(event.id)}` : null;
    return html`<section part="report" class="report" aria-labelledby="report-title">
      <p id="report-title" class="report-title"><strong>${tEvent(locale, 'report.title')}</strong></p>
      <p>${tEvent(locale, 'report.facts', { date: held, count: report.attendees })}${report.organisations.length ? html` · ${report.organisations.join(', ')}` : nothing}</p>
      <p class="report-summary">${report.summary}</p>
      ${report.contributionCount !== undefined && !report.contributions.length ? html`<p>${tEvent(locale, 'report.counted', { count: report.contributionCount })}</p>` : nothing}
      ${
        report.contributions.length
          ? html`<ul class="report-rows">
        ${report.contributions.map((c) => html`<li>${c.title}${c.roomSupport !== null ? html` · ${tEvent(locale, 'report.roomSupport', { count: c.roomSupport })}` : nothing}</li>`)}
      </ul>`
          : nothing
      }
      ${href && report.contributions.length ? html`<a part="report-link" href=${href}>${tEvent(locale, 'report.contributions', { count: report.contributions.length })}</a>` : nothing}
    </section>`;
  }
}
