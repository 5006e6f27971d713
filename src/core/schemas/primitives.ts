/** The building blocks every schema module shares: instants, time zones, ids, web addresses, bounded text, pages. */
import * as z from 'zod/mini';

/** An absolute instant, ISO 8601 with an offset (`2027-03-15T00:00:00+01:00` or `...Z`). */
export const Instant = z.iso.datetime({ offset: true });
/** An IANA time zone such as `Europe/Paris`. */
export const TimeZone = z.string().check(
  z.minLength(1),
  z.refine((tz) => isTimeZone(tz), { message: 'Unknown time zone' }),
);
/** An id as every backend writes it (kept out of the public index: a building block, not a data shape). */
export const Id = z.string().check(z.minLength(1), z.maxLength(120), z.regex(/^[A-Za-z0-9_.:-]+$/));
export const WebUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain });
export const Text = (max: number) => z.string().check(z.maxLength(max));

export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()), total: z.optional(z.int()) });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
