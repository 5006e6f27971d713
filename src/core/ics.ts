/**
 * iCalendar (RFC 5545) export of one event, for "Add to my calendar".
 *
 * Written here rather than taken from npm: the well-kept generators either pull a validator and an id
 * library into the browser bundle (`ics`: yup, nanoid, runes2) or need a time-zone database beside them
 * (`ical-generator`), and none writes a VTIMEZONE from the platform's own zone data. This one asks
 * `Intl` for the zone's offsets over the years the event touches, so calendar apps place the event
 * right on both sides of a daylight-saving change. About 1 KB minified.
 */
import { DAY, MINUTE } from './phase.js';
import { addressLine } from './address.js';
import { offsetAt } from './time-zone.js';
import type { ConsultationEvent } from './schemas.js';
import { VERSION } from './version.js';

const STATUS = { scheduled: 'CONFIRMED', full: 'CONFIRMED', postponed: 'TENTATIVE', cancelled: 'CANCELLED' } as const;

/** The event's stable UID: the same event always replaces itself in the calendar. */
export function icsUid(event: Pick<ConsultationEvent, 'id' | 'consultationId'>): string {
  return `${event.id}@${event.consultationId}.pgo-widgets`;
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (continuations start with a space) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const utf8Length = (code: number) => (code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDDTHHMMSS` of the wall clock an instant shows in a zone (or UTC, with `Z`, for `utc`). */
function stamp(instant: number, timeZone: string | 'utc'): string {
  const d = new Date(timeZone === 'utc' ? instant : instant + offsetAt(instant, timeZone));
  const text = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return timeZone === 'utc' ? `${text}Z` : text;
}

/** `+0100`, `-0330`, `+054500`. */
function utcOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.abs(Math.round(ms / 1000));
  const seconds = total % 60;
  return `${sign}${pad(Math.floor(total / 3600))}${pad(Math.floor(total / 60) % 60)}${seconds ? pad(seconds) : ''}`;
}

interface Transition {
  at: number;
  from: number;
  to: number;
}

/** The zone's offset changes between two minute-aligned instants: a weekly scan, then a binary search to the minute. */
export function zoneTransitions(timeZone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  const step = 7 * DAY;
  let before = from;
  let offset = offsetAt(before, timeZone);
  while (before < to) {
    const after = Math.min(before + step, to);
    const next = offsetAt(after, timeZone);
    if (next !== offset) {
      let low = before;
      let high = after;
      while (high - low > MINUTE) {
        const middle = low + Math.max(1, Math.floor((high - low) / 2 / MINUTE)) * MINUTE;
        if (offsetAt(middle, timeZone) === offset) low = middle;
        else high = middle;
      }
      found.push({ at: high, from: offset, to: next });
      offset = next;
    }
    before = after;
  }
  return found;
}

/**
 * A VTIMEZONE for the years an event touches (and the year before, so the first observance starts
 * before the event): one STANDARD or DAYLIGHT observance per offset change, each with its own DTSTART
 * (the local time of the change, read in the offset in force before it). A zone without changes gets
 * one STANDARD observance.
 */
export function vtimezone(timeZone: string, startsAt: number, endsAt: number): string[] {
  const first = Date.UTC(new Date(startsAt).getUTCFullYear() - 1, 0, 1);
  const last = Date.UTC(new Date(endsAt).getUTCFullYear() + 1, 0, 1);
  const transitions = zoneTransitions(timeZone, first, last);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (!transitions.length) {
    const offset = utcOffset(offsetAt(startsAt, timeZone));
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const { at, from, to } of transitions) {
    const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${stamp(at + from, 'utc').slice(0, -1)}`,
      `TZOFFSETFROM:${utcOffset(from)}`,
      `TZOFFSETTO:${utcOffset(to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export interface IcsOptions {
  /** DTSTAMP: when the file is made (ms since epoch). */
  now: number;
  /** A line added to the description, such as "Organised by Etalab". */
  organiserLine?: string;
}

/** The whole `.ics` text for one event: CRLF line ends, folded lines, escaped text. */
export function eventToIcs(event: ConsultationEvent, options: IcsOptions): string {
  const starts = Date.parse(event.startsAt);
  const ends = Date.parse(event.endsAt);
  const tz = event.timeZone;
  const tzid = /[:;,"]/.test(tz) ? `"${tz}"` : tz;
  const location = event.mode === 'online' ? (event.onlineUrl ?? '') : addressLine(event);
  const description = [event.description, options.organiserLine, event.mode === 'hybrid' ? event.onlineUrl : '']
    .filter(Boolean)
    .join('\n\n');
  const url = event.url ?? event.onlineUrl;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//pgo-widgets//pgo-widgets ${VERSION}//FR`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezone(tz, starts, ends),
    'BEGIN:VEVENT',
    `UID:${icsUid(event)}`,
    `DTSTAMP:${stamp(options.now, 'utc')}`,
    `DTSTART;TZID=${tzid}:${stamp(starts, tz)}`,
    `DTEND;TZID=${tzid}:${stamp(ends, tz)}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    ...(event.geo ? [`GEO:${event.geo.lat};${event.geo.lon}`] : []),
    ...(url ? [`URL:${url}`] : []),
    `STATUS:${STATUS[event.status]}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
