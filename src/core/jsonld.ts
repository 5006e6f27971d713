/**
 * schema.org `Event` structured data for an event, so search engines list relay workshops and
 * open-ministry dialogues. The DOM part (a light-DOM script under Trusted Types) lives in
 * src/elements/event-card/structured-data.ts.
 */
import { offsetAt } from './time-zone.js';
import type { ConsultationEvent } from './schemas.js';

const SCHEMA = 'https://schema.org/';
const STATUS = { scheduled: 'EventScheduled', full: 'EventScheduled', postponed: 'EventPostponed', cancelled: 'EventCancelled' } as const;
const MODE = {
  'in-person': 'OfflineEventAttendanceMode',
  online: 'OnlineEventAttendanceMode',
  hybrid: 'MixedEventAttendanceMode',
} as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** An ISO 8601 date-time with the offset the event's zone has at that instant (`2027-03-28T08:00:00+02:00`). */
export function localIso(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  const offset = offsetAt(ms, timeZone);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset / 60000);
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The schema.org `Event` object for one event. */
export function eventJsonLd(event: ConsultationEvent, formatLabel?: string): Record<string, Json | undefined> {
  const places: Json[] = [];
  const a = event.address;
  if (a && event.mode !== 'online') {
    places.push({
      '@type': 'Place',
      name: a.placeName ?? a.locality,
      address: {
        '@type': 'PostalAddress',
        streetAddress: a.street,
        postalCode: a.postalCode,
        addressLocality: a.locality,
        addressCountry: a.country ?? 'FR',
      },
      geo: event.geo ? { '@type': 'GeoCoordinates', latitude: event.geo.lat, longitude: event.geo.lon } : undefined,
    });
  }
  if (event.onlineUrl && event.mode !== 'in-person') places.push({ '@type': 'VirtualLocation', url: event.onlineUrl });
  const reg = event.registration;
  const registrationUrl = reg.kind === 'external' ? reg.url : reg.kind === 'inline' ? event.url : undefined;
  const soldOut = event.status === 'full' || (reg.kind === 'inline' && reg.seatsLeft === 0);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.description,
    startDate: localIso(event.startsAt, event.timeZone),
    endDate: localIso(event.endsAt, event.timeZone),
    eventStatus: SCHEMA + STATUS[event.status],
    eventAttendanceMode: SCHEMA + MODE[event.mode],
    location: places.length === 1 ? places[0] : places,
    organizer: { '@type': 'Organization', name: event.organiser.name, url: event.organiser.url },
    offers:
      reg.kind === 'none'
        ? undefined
        : {
            '@type': 'Offer',
            url: registrationUrl,
            availability: SCHEMA + (soldOut ? 'SoldOut' : 'InStock'),
          },
    maximumAttendeeCapacity: reg.kind === 'inline' && reg.capacity !== null ? reg.capacity : undefined,
    remainingAttendeeCapacity: reg.kind === 'inline' && reg.seatsLeft !== null ? reg.seatsLeft : undefined,
    keywords: formatLabel,
    url: event.url,
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no `</script>` or `<!--` can appear. */
export function serializeJsonLd(data: Json | Record<string, Json | undefined>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
