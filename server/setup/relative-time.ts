/**
 * Times in configuration files: an absolute instant, or a day relative to "today" plus a wall-clock
 * time in the consultation's time zone, so a demo stays live whatever the date (`{"relativeDays": -10,
 * "time": "09:30"}` = ten days ago, 09:30 in Paris, right across daylight-saving changes).
 */
import * as z from 'zod/mini';
import { zonedTimeToInstant } from '../../src/core/time-zone.js';
import { Instant } from '../../src/core/schemas.js';

export const RelativeTime = z.strictObject({
  relativeDays: z.int().check(z.gte(-3650), z.lte(3650)),
  /** `HH:MM`, 24-hour clock, in the consultation's time zone; midnight when omitted. */
  time: z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24-hour clock)'))),
});
export const TimeSpec = z.union([Instant, RelativeTime]);
export type TimeSpec = z.infer<typeof TimeSpec>;

/** The calendar date at `now` in `timeZone`. */
function localDate(now: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    new Date(now),
  );
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** Resolves a time spec to an ISO instant (UTC, `...Z`). */
export function resolveTime(spec: TimeSpec, timeZone: string, now: number): string {
  if (typeof spec === 'string') return new Date(spec).toISOString();
  const today = localDate(now, timeZone);
  // Calendar arithmetic in UTC (no DST there), then the wall-clock time placed in the time zone.
  const day = new Date(Date.UTC(today.year, today.month - 1, today.day + spec.relativeDays));
  const [hour, minute] = (spec.time ?? '00:00').split(':').map(Number) as [number, number];
  return zonedTimeToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
    timeZone,
  ).toISOString();
}
