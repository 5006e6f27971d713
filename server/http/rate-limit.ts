/**
 * Fixed-window rate limits kept in the database (`pgo_rate_hit`, migration 040), so that they hold
 * across every server process sharing it. One window row per key and minute; a hit that goes over the
 * limit returns the seconds to wait. The vote function (migration 041) counts the same keys itself.
 */
import type { Queryable } from '../db/db.js';

export class RateLimiter {
  /** `prefix`: the family of keys (`w:p` writes per participant, `w:ip` writes per address, `n:ip` new participants). */
  constructor(
    readonly prefix: string,
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  /**
   * Processes that apply the same limit share its counter; a different limit (another configuration
   * on the same database, as the tests have) counts apart. The vote function builds the same keys.
   */
  key(id: string): string {
    return `${this.prefix}:${this.limit}:${id}`;
  }
}

/** Counts one hit on each `[limiter, id]` in one statement; returns the longest wait (seconds), 0 when all are within. */
export async function rateWait(db: Queryable, now: number, hits: [RateLimiter, string][]): Promise<number> {
  const rows = await db.query<{ wait: number | null }>(
    'SELECT max(pgo_rate_hit(k, l, $1, w))::int AS wait FROM unnest($2::text[], $3::int[], $4::int[]) AS t(k, l, w)',
    [now, hits.map(([r, id]) => r.key(id)), hits.map(([r]) => r.limit), hits.map(([r]) => r.windowMs)],
  );
  return rows[0]?.wait ?? 0;
}
