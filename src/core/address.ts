import type { ConsultationEvent } from './schemas.js';

/** The event's place as one line of text: the place name, street, postal code and town (card, map link, .ics). */
export function addressLine(event: Pick<ConsultationEvent, 'address'>): string {
  const a = event.address;
  if (!a) return '';
  return [a.placeName, a.street, [a.postalCode, a.locality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
