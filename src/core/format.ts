/** Locale-aware date formatting in a given time zone, cached per (locale, zone, style). */
import type { Locale } from './i18n.js';

const cache = new Map<string, Intl.DateTimeFormat>();

export type DateStyle = 'date-time' | 'date' | 'time' | 'weekday-date';
const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  'date-time': { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
  'weekday-date': { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
};

let visitorZone: { zone: string | undefined } | undefined;

/** The visitor's own time zone, when the platform tells it (read once: building it per date was costly). */
export function localTimeZone(): string | undefined {
  if (!visitorZone) {
    try {
      visitorZone = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    } catch {
      visitorZone = { zone: undefined };
    }
  }
  return visitorZone.zone;
}

/** One Intl.DateTimeFormat per locale and options, built on first use. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/**
 * Formats an instant in `timeZone`. When the visitor lives in another zone, times carry the zone's
 * short name so "18:00" is never misread.
 */
export function formatInstant(locale: Locale, instant: string | number | Date, timeZone: string, style: DateStyle = 'date-time'): string {
  const showZone = style !== 'date' && style !== 'weekday-date' && localTimeZone() !== timeZone;
  return dateTimeFormat(locale, { ...STYLES[style], timeZone, ...(showZone ? { timeZoneName: 'short' } : {}) }).format(new Date(instant));
}
