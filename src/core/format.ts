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

/** The visitor's own time zone, when the platform tells it. */
export function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Formats an instant in `timeZone`. When the visitor lives in another zone, times carry the zone's
 * short name so "18:00" is never misread.
 */
export function formatInstant(locale: Locale, instant: string | number | Date, timeZone: string, style: DateStyle = 'date-time'): string {
  const showZone = style !== 'date' && style !== 'weekday-date' && localTimeZone() !== timeZone;
  const key = `${locale}|${timeZone}|${style}|${showZone}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone, ...(showZone ? { timeZoneName: 'short' } : {}) });
    cache.set(key, format);
  }
  return format.format(new Date(instant));
}
