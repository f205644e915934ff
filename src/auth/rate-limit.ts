import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';

/**
 * Fixed one-minute windows counted in the database, so every server process shares the count.
 * Throws auth.rate_limited (429) once `limit` hits in the current window are exceeded.
 */
export async function hitRateLimit(db: Sql, bucket: string, limit: number): Promise<void> {
  const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const row = await db.one<{ hits: number }>(
    `insert into rate_limits (bucket, window_start, hits) values ($1, $2, 1)
     on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
     returning hits`, [bucket, windowStart]);
  if (row.hits > limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + 60_000 - Date.now()) / 1000);
    throw new AppError('auth.rate_limited', `Too many login attempts from this address: try again in ${retryAfter} s.`, 429,
      { retryAfterSeconds: retryAfter });
  }
}
