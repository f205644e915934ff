import type { Sql } from '../db/db.ts';

/**
 * Deletes what has no use once expired: passed rate-limit windows and stale challenges (the
 * signatures that used them keep their own copy of the payload). Idempotent, so every server
 * process may run it on its own timer.
 */
export async function housekeeping(db: Sql): Promise<{ rateLimits: number; challenges: number }> {
  const rateLimits = await db.query("delete from rate_limits where window_start < now() - interval '10 minutes' returning 1");
  const challenges = await db.query("delete from challenges where expires_at < now() - interval '1 day' returning 1");
  return { rateLimits: rateLimits.length, challenges: challenges.length };
}
