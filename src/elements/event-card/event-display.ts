/**
 * Display helpers of an event, shared by the card and the agenda: the date range in the event's own
 * time zone (in `<time>` elements), links that are safe to follow, the OpenStreetMap link.
 */
import { html, type TemplateResult } from 'lit';
import { dateTimeFormat, localTimeZone } from '../../core/format.js';
import type { Locale } from '../../core/i18n.js';
import { addressLine } from '../../core/address.js';
import type { ConsultationEvent } from '../../core/schemas.js';

function rangeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  // The zone's short name is added when the visitor lives elsewhere, so "10:00" is never misread.
  return dateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    ...(localTimeZone() !== timeZone ? { timeZoneName: 'short' } : {}),
  });
}

/**
 * "mardi 6 décembre 2026, 10:00 – 11:00" or "6 décembre 2026 à 10:00 – 7 décembre 2026 à 12:00", in
 * the event's zone; the start and end pieces sit in `<time datetime>` elements.
 */
export function renderDateRange(locale: Locale, event: Pick<ConsultationEvent, 'startsAt' | 'endsAt' | 'timeZone'>): TemplateResult {
  const parts = rangeFormat(locale, event.timeZone).formatRangeToParts(new Date(event.startsAt), new Date(event.endsAt));
  const pieces: { source: string; text: string }[] = [];
  for (const part of parts) {
    const last = pieces[pieces.length - 1];
    if (last && last.source === part.source) last.text += part.value;
    else pieces.push({ source: part.source, text: part.value });
  }
  if (!pieces.some((p) => p.source === 'startRange')) {
    return html`<time datetime=${event.startsAt}>${pieces.map((p) => p.text).join('')}</time>`;
  }
  return html`${pieces.map((p) =>
    p.source === 'startRange'
      ? html`<time datetime=${event.startsAt}>${p.text}</time>`
      : p.source === 'endRange'
        ? html`<time datetime=${event.endsAt}>${p.text}</time>`
        : p.text,
  )}`;
}

/** The URL when it is an http(s) address, else null (the text is then shown, not linked). */
export function webUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A search link to OpenStreetMap (coordinates when known): nothing is loaded until the citizen follows it. */
export function mapUrl(event: Pick<ConsultationEvent, 'address' | 'geo'>): string | null {
  if (event.geo) {
    const { lat, lon } = event.geo;
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
  const query = addressLine(event);
  return query ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}` : null;
}

/** A file name for the `.ics` download: the title, folded to ASCII. */
export function icsFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'evenement'}.ics`;
}
