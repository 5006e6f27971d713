/** Time-zone maths: wall-clock times in a zone to instants and back, through Intl (no time-zone data shipped). */

/**
 * Converts a wall-clock date and time in a time zone to an instant. Needed to write configuration in
 * local time ("15 March, midnight in Paris") that lands right on both sides of a DST change.
 */
export function zonedTimeToInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  // Two passes: the offset at the guess, then at the corrected instant (they differ near a DST change).
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The offset in ms of `timeZone` from UTC at an instant. */
export function offsetAt(instant: number, timeZone: string): number {
  // Cached per zone: calendar export scans a zone's offsets a hundred times or more.
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
