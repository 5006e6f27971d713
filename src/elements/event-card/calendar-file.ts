/**
 * "Add to my calendar": the `.ics` writer is loaded on the first click only (a chunk of its own, not in
 * the card's: issue 24), then the file is made once per event and language and the link downloads it.
 */
import { html, nothing } from 'lit';
import type { Locale } from '../../core/i18n.js';
import type { ConsultationEvent } from '../../core/schemas.js';
import { tEvent } from './event-card.messages.js';
import { icsFileName } from './event-display.js';

export class CalendarFile {
  private file: { key: string; url: string } | null = null;

  constructor(private readonly now: () => number) {}

  /** The calendar file is the event's in one language (the file names the organiser in it). */
  private key(locale: Locale, event: ConsultationEvent): string {
    return `${locale}|${JSON.stringify(event)}`;
  }

  /** A file made for another event or language is stale: the next click makes a new one. */
  forget(locale: Locale, event: ConsultationEvent | null): void {
    if (this.file && (!event || this.file.key !== this.key(locale, event))) this.revoke();
  }

  revoke(): void {
    if (this.file) URL.revokeObjectURL(this.file.url);
    this.file = null;
  }

  private async download(click: MouseEvent, locale: Locale, event: ConsultationEvent): Promise<void> {
    const key = this.key(locale, event);
    if (this.file?.key === key) return; // made already: the browser follows the link
    click.preventDefault();
    const link = click.currentTarget as HTMLAnchorElement;
    const { eventToIcs } = await import('../../core/ics.js');
    const text = eventToIcs(event, {
      now: this.now(),
      organiserLine: tEvent(locale, 'organisedBy', { name: event.organiser.name }),
    });
    if (this.file?.key !== key) {
      this.revoke();
      this.file = { key, url: URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' })) };
    }
    link.href = this.file!.url;
    link.click();
  }

  /** The link, for an event that has not ended. */
  render(locale: Locale, event: ConsultationEvent) {
    if (Date.parse(event.endsAt) <= this.now()) return nothing;
    const ready = this.file?.key === this.key(locale, event) ? this.file.url : '#';
    return html`<a part="calendar" class="pgo-button pgo-button--secondary calendar" href=${ready} download=${icsFileName(event.title)} type="text/calendar"
      @click=${(click: MouseEvent) => this.download(click, locale, event)}>
      ${tEvent(locale, 'calendar')} ${tEvent(locale, 'calendarFile')}
    </a>`;
  }
}
