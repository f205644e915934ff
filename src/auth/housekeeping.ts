import type { Sql } from '../db/db.ts';

/**
 * Deletes what has no use once expired: passed rate-limit windows and stale challenges (the
 * signatures that used them keep their own copy of the payload). Idempotent, so every server
 * process may run it on its own timer. `now` is the window's clock, which the rate limits and challenges were written
 * by.
 */
export async function housekeeping(db: Sql, now: Date): Promise<{ rateLimits: number; challenges: number }> {
  const rateLimits = await db.query(
    "delete from rate_limits where window_start < $1::timestamptz - interval '10 minutes' returning 1",
    [now],
  );
  const challenges = await db.query(
    "delete from challenges where expires_at < $1::timestamptz - interval '1 day' returning 1",
    [now],
  );
  return { rateLimits: rateLimits.length, challenges: challenges.length };
}
